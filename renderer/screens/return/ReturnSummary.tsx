import { useTranslation } from 'react-i18next';
import type { ReturnCreateRequest } from '../../../common/contract';
import { maskPhone } from '../../../common/contract';
import { Money } from '../../components/Money';

/** Shows what a return sends: the sale's order number, the member, the goods lines and the total. */
export function ReturnSummary({ request, totalFen }: { request: ReturnCreateRequest; totalFen: number }) {
  const { t } = useTranslation();
  // The phone is shown masked, as on receipts; the card number is shown whole.
  const member = request.memberCardNo ?? (request.memberPhone === undefined ? '' : maskPhone(request.memberPhone));

  return (
    <>
      <dl className="figures">
        <div>
          <dt>{t('return.originalOrderNo')}</dt>
          <dd className="order-no" data-testid="return-summary-order-no">
            {request.originalOrderNo}
          </dd>
        </div>
        <div>
          <dt>{t('return.summaryMember')}</dt>
          <dd data-testid="return-summary-member">{member}</dd>
        </div>
        <div>
          <dt>{t('return.points')}</dt>
          <dd data-testid="return-summary-points" data-return-points={request.returnPoints}>
            {request.returnPoints ? t('return.pointsTakenBack') : t('return.pointsKept')}
          </dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="goods-lines goods-lines-readonly">
          <thead>
            <tr>
              <th className="line-number">#</th>
              <th>{t('form.lines.goodsCode')}</th>
              <th>{t('form.lines.skuCode')}</th>
              <th className="number">{t('form.lines.count')}</th>
              <th className="number">{t('return.lines.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {request.goods.map((line, index) => (
              <tr key={index}>
                <td className="line-number">{index + 1}</td>
                <td className="order-no">{line.goodsCode}</td>
                <td className="order-no">{line.skuCode}</td>
                <td className="number">{line.count}</td>
                <td className="number">
                  <Money fen={line.amountFen} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4} className="number">
                {t('return.total')}
              </td>
              <td className="number strong">
                <Money fen={totalFen} testId="return-summary-total" />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
