import { useTranslation } from 'react-i18next';
import type { OrderUploadRequest } from '../../../common/contract';
import { Money } from '../../components/Money';
import { Figure } from '../../components/Figure';
import type { SaleMemberSummary } from '../../stores/sale';

/** Shows what a sale upload sends: order number, member, pay type, 合计 / 实付 / 优惠 and the goods lines. */
export function SaleSummary({ request, member }: { request: OrderUploadRequest; member: SaleMemberSummary }) {
  const { t } = useTranslation();

  return (
    <>
      <dl className="figures">
        <Figure label={t('sale.orderNo')}>
          <span className="order-no" data-testid="sale-summary-order-no">
            {request.orderNo}
          </span>
        </Figure>
        <Figure label={t('sale.summary.member')}>
          <span data-testid="sale-summary-member">{describeMember(member, t('member.panel.noValue'))}</span>
        </Figure>
        <Figure label={t('sale.payType')}>
          <span data-testid="sale-summary-pay-type" data-pay-type={request.payType}>
            {t(`sale.payTypes.${request.payType}`)}
          </span>
        </Figure>
        <Figure label={t('sale.total')}>
          <Money fen={request.totalFen} testId="sale-summary-total" />
        </Figure>
        <Figure label={t('sale.paid')} emphasis>
          <Money fen={request.paidFen} testId="sale-summary-paid" />
        </Figure>
        <Figure label={t('sale.coupon')}>
          <Money fen={request.couponFen ?? request.totalFen - request.paidFen} testId="sale-summary-coupon" />
        </Figure>
        {request.remark !== undefined && (
          <Figure label={t('sale.summary.remark')}>
            <span data-testid="sale-summary-remark">{request.remark}</span>
          </Figure>
        )}
      </dl>
      <div className="table-scroll">
        <table className="goods-lines goods-lines-readonly">
          <thead>
            <tr>
              <th className="line-number">#</th>
              <th>{t('form.lines.goodsCode')}</th>
              <th>{t('form.lines.skuCode')}</th>
              <th className="number">{t('sale.lines.price')}</th>
              <th className="number">{t('form.lines.count')}</th>
              <th className="number">{t('sale.lines.discounted')}</th>
            </tr>
          </thead>
          <tbody>
            {request.goods.map((line, index) => (
              <tr key={index} data-testid="sale-summary-line">
                <td className="line-number">{index + 1}</td>
                <td className="order-no">{line.goodsCode}</td>
                <td className="order-no">{line.skuCode}</td>
                <td className="number">
                  <Money fen={line.priceFen} />
                </td>
                <td className="number">{line.count}</td>
                <td className="number">
                  <Money fen={line.discountedPriceFen} testId="sale-summary-line-discounted" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Describes the member as "王建国 · 139****0001 · CARD…", leaving out what is unknown. */
export function describeMember(member: SaleMemberSummary, noValue: string): string {
  const parts = [member.name, member.phoneMasked, member.cardNo].filter((part): part is string => part !== null && part !== '');
  return parts.length > 0 ? parts.join(' · ') : noValue;
}

