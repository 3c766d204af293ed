import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RefundablePayment } from '../../../common/contract';
import { Money } from '../../components/Money';
import { errorText } from '../../lib/error-text';
import { useRefundStore, type RefundListQuery } from '../../stores/refund';
import { formatClockTime, formatLocalTime } from '../outbox/entry-format';

/** Shows the journal's payments for the current query: today's, a search, or one order number. */
export function RefundablePayments() {
  const { t } = useTranslation();
  const list = useRefundStore((state) => state.list);

  return (
    <section className="refund-panel" aria-labelledby="refund-list-title" data-testid="refund-list" data-phase={list.phase}>
      <h2 id="refund-list-title">{listTitle(t, list.query, list.phase === 'loaded' ? list.day : null)}</h2>
      {list.phase === 'loading' && <p className="message message-progress">{t('refund.list.loading')}</p>}
      {list.phase === 'failed' && (
        <p className="message message-error" role="alert" data-testid="refund-list-error" data-error-code={list.error.code}>
          {list.error.code === 'invalid-input' && list.query.kind === 'order' ? t('refund.list.notApplied') : errorText(t, list.error)}
        </p>
      )}
      {list.phase === 'loaded' &&
        (list.payments.length === 0 ? (
          <p className="message message-hint" data-testid="refund-list-empty">
            {list.query.kind === 'day' ? t('refund.list.empty') : t('refund.list.noMatch')}
          </p>
        ) : (
          <PaymentTable payments={list.payments} showDate={list.query.kind === 'order'} />
        ))}
    </section>
  );
}

function listTitle(t: TFunction, query: RefundListQuery, day: string | null): string {
  switch (query.kind) {
    case 'day':
      return day === null ? t('refund.list.todayTitle') : t('refund.list.dayTitle', { day });
    case 'search':
      return t('refund.list.searchTitle', { text: query.text });
    case 'order':
      return t('refund.list.orderTitle', { orderNo: query.orderNo });
  }
}

/**
 * Shows payments newest first: time, order number, member, 原价, 实付, already refunded, left to
 * refund, state, and a button that opens the refund. A payment with nothing left cannot be opened.
 */
export function PaymentTable({ payments, showDate }: { payments: readonly RefundablePayment[]; showDate: boolean }) {
  const { t } = useTranslation();
  const select = useRefundStore((state) => state.select);
  const noValue = t('member.panel.noValue');

  return (
    <div className="table-scroll">
      <table className="refund-table">
        <thead>
          <tr>
            <th>{t('refund.columns.time')}</th>
            <th>{t('refund.columns.orderNo')}</th>
            <th>{t('refund.columns.member')}</th>
            <th className="number">{t('refund.columns.original')}</th>
            <th className="number">{t('refund.columns.actual')}</th>
            <th className="number">{t('refund.columns.refunded')}</th>
            <th className="number">{t('refund.columns.remaining')}</th>
            <th>{t('refund.columns.state')}</th>
            <th>
              <span className="visually-hidden">{t('refund.columns.action')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => {
            const state = refundState(payment);
            return (
              <tr key={`${payment.source}:${payment.orderNo}`} data-testid="refund-payment" data-order-no={payment.orderNo} data-state={state}>
                <td className="time">{showDate ? formatLocalTime(payment.paidAt) : formatClockTime(payment.paidAt)}</td>
                <td className="order-no">{payment.orderNo}</td>
                <td className="member">
                  <MemberCell payment={payment} noValue={noValue} />
                </td>
                <td className="number">
                  <Money fen={payment.priceFen} />
                </td>
                <td className="number">{payment.actualPaymentFen === null ? noValue : <Money fen={payment.actualPaymentFen} />}</td>
                <td className="number">
                  <Money fen={payment.refundedFen} testId="refund-payment-refunded" />
                </td>
                <td className="number strong">
                  <Money fen={payment.remainingFen} testId="refund-payment-remaining" />
                </td>
                <td>
                  <span className={`badge badge-${state}`}>{t(`refund.state.${state}`)}</span>
                </td>
                <td>
                  <button
                    type="button"
                    data-testid="refund-payment-select"
                    disabled={payment.remainingFen <= 0}
                    onClick={() => select(payment)}
                  >
                    {t('refund.list.select')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Shows the masked phone and the card number on two lines, so the table fits the screen. */
function MemberCell({ payment, noValue }: { payment: RefundablePayment; noValue: string }) {
  if (payment.phoneMasked === null && payment.cardNo === null) return <>{payment.customerId ?? noValue}</>;
  return (
    <>
      {payment.phoneMasked !== null && <span className="member-line">{payment.phoneMasked}</span>}
      {payment.cardNo !== null && <span className="member-line">{payment.cardNo}</span>}
    </>
  );
}

/** Returns how much of a payment is refunded: none, part, or all of it. */
export function refundState(payment: RefundablePayment): 'refundable' | 'partly-refunded' | 'fully-refunded' {
  if (payment.remainingFen <= 0) return 'fully-refunded';
  return payment.refundedFen > 0 ? 'partly-refunded' : 'refundable';
}
