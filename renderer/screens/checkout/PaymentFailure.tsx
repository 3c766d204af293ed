import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IpcError } from '../../../common/contract';
import { errorText } from '../../lib/error-text';
import { usePaymentStore } from '../../stores/payment';

/** A payment that failed with certainty or was rejected; Esc (or the button) returns to the amount. */
export function PaymentFailure({ error }: { error: IpcError }) {
  const { t } = useTranslation();
  const back = usePaymentStore((state) => state.back);

  return (
    <section className="payment-failure" aria-labelledby="failure-title">
      <h2 id="failure-title">{t('payment.title')}</h2>
      <p className="message message-error" role="alert" data-testid="payment-error" data-error-code={error.code}>
        {failureText(t, error)}
      </p>
      <button type="button" data-testid="payment-error-back" onClick={back} autoFocus>
        {t('payment.confirm.back')}
      </button>
    </section>
  );
}

function failureText(t: TFunction, error: IpcError): string {
  switch (error.code) {
    case 'rejected':
      return t('payment.rejected', { message: error.message });
    case 'network':
    case 'offline':
      return t('payment.networkFailed');
    case 'frozen':
      return t('payment.frozen');
    case 'unknown-outcome':
      return t('payment.unknownWithoutOrder');
    default:
      return errorText(t, error);
  }
}
