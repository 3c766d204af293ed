import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IpcError, RefundablePayment } from '../../../common/contract';
import { formatYuan } from '../../../common/money';
import { errorText } from '../../lib/error-text';
import { useRefundStore } from '../../stores/refund';

/**
 * Shows a refund that main rejected before writing it, so nothing was recorded or sent. Over-refund
 * shows what is left now (another refund may have been written since the list was read).
 */
export function RefundFailure({ payment, amountFen, error }: { payment: RefundablePayment; amountFen: number; error: IpcError }) {
  const { t } = useTranslation();
  const back = useRefundStore((state) => state.back);

  return (
    <section className="refund-panel refund-failure" data-testid="refund-failure" aria-labelledby="refund-failure-title">
      <h2 id="refund-failure-title">{t('refund.failed.title')}</h2>
      <p className="message message-error" role="alert" data-testid="refund-error" data-error-code={error.code}>
        {failureText(t, error, payment, amountFen)}
      </p>
      <p className="note">{t('refund.failed.nothingWritten')}</p>
      <button type="button" data-testid="refund-error-back" onClick={back} autoFocus>
        {t('refund.confirm.back')}
      </button>
    </section>
  );
}

function failureText(t: TFunction, error: IpcError, payment: RefundablePayment, amountFen: number): string {
  switch (error.code) {
    case 'over-refund':
      return t('refund.failed.overRefund', { amount: formatYuan(amountFen), remaining: formatYuan(payment.remainingFen) });
    case 'network':
    case 'offline':
      // Only a payment from the transaction log needs the server before the refund is written.
      return t('refund.failed.offlineLog');
    case 'rejected':
      return t('refund.failed.rejected', { message: error.message });
    case 'not-found':
      return t('refund.failed.notFound');
    case 'frozen':
      return t('refund.failed.frozen');
    default:
      return errorText(t, error);
  }
}
