import { useTranslation } from 'react-i18next';
import type { RefundablePayment, RefundCreateReply } from '../../../common/contract';
import { DiscountText } from '../../components/DiscountText';
import { Money } from '../../components/Money';
import { useRefundStore } from '../../stores/refund';
import { SubmissionNotice } from '../outbox/SubmissionNotice';

/**
 * Shows the refund's state after its first try: sent with the server's figures (rate and the stored value given
 * back), or queued (待同步) to be sent by itself, or waiting for a person. Esc returns to the list.
 */
export function RefundResult({ payment, amountFen, reply }: { payment: RefundablePayment; amountFen: number; reply: RefundCreateReply }) {
  const { t } = useTranslation();
  const returnToList = useRefundStore((state) => state.returnToList);
  const { entry } = reply;
  const noValue = t('member.panel.noValue');

  return (
    <section className="refund-panel refund-result" data-testid="refund-result" data-status={reply.status} aria-labelledby="refund-result-title">
      <h2 id="refund-result-title">{t('refund.result.title')}</h2>
      <SubmissionNotice status={reply.status} entry={entry} />
      <dl className="figures">
        <div>
          <dt>{t('refund.result.refundOrderNo')}</dt>
          <dd className="order-no" data-testid="refund-result-order-no">
            {entry.orderNo}
          </dd>
        </div>
        <div>
          <dt>{t('refund.result.originalOrderNo')}</dt>
          <dd className="order-no">{payment.orderNo}</dd>
        </div>
        <div className="figure-main">
          <dt>{t('refund.result.amount')}</dt>
          <dd>
            <Money fen={amountFen} testId="refund-result-amount" />
          </dd>
        </div>
        {reply.status === 'sent' && (
          <>
            <div>
              <dt>{t('refund.result.rate')}</dt>
              <dd>
                <DiscountText ratePercent={entry.discountRatePercent} testId="refund-result-rate" />
              </dd>
            </div>
            <div className="figure-main">
              <dt>{t('refund.result.returned')}</dt>
              <dd>
                {/* The server reports money given back as a negative 实付. */}
                {entry.actualPaymentFen === null ? noValue : <Money fen={-entry.actualPaymentFen} testId="refund-result-returned" />}
              </dd>
            </div>
          </>
        )}
        <div>
          <dt>{t('refund.result.remaining')}</dt>
          <dd>
            <Money fen={reply.remainingFen} testId="refund-result-remaining" />
          </dd>
        </div>
      </dl>
      <button type="button" className="primary" data-testid="refund-result-done" onClick={returnToList} autoFocus>
        {t('refund.result.done')}
      </button>
    </section>
  );
}
