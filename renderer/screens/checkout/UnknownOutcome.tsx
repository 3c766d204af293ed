import { useTranslation } from 'react-i18next';
import type { PaymentUnknown } from '../../../common/contract';
import { errorText } from '../../lib/error-text';
import { usePaymentStore, type Resolution } from '../../stores/payment';
import { SaleUploadButton } from '../sale/SaleUploadButton';
import { PaymentFigures } from './PaymentResult';

/**
 * Shows a payment whose response never arrived, then what the transaction log contains for its
 * order number (已扣款 / 未扣款), or that the log could not be read, with a retry. There is no way
 * to resend the same payment. Only after the log shows 未扣款 may the cashier start a new one.
 */
export function UnknownOutcome({
  payment,
  resolution,
  onNext,
}: {
  payment: PaymentUnknown;
  resolution: Resolution;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const resolve = usePaymentStore((state) => state.resolve);
  const back = usePaymentStore((state) => state.back);
  const postponeUnsettled = usePaymentStore((state) => state.postponeUnsettled);

  return (
    <section className="unknown-outcome" data-testid="unknown-panel" data-state={resolution.state} aria-labelledby="unknown-title">
      <h2 id="unknown-title" className="warning">
        {t('payment.unknown.title')}
      </h2>
      <p data-testid="unknown-explain">{t('payment.unknown.explain', { orderNo: payment.orderNo })}</p>
      <p className="order-no" data-testid="unknown-order-no">
        {payment.orderNo}
      </p>

      {resolution.state === 'checking' && (
        <p className="message message-progress" role="status" data-testid="unknown-status">
          {t('payment.unknown.checking')}
        </p>
      )}

      {resolution.state === 'charged' && (
        <>
          <p className="verdict verdict-charged" role="status" data-testid="unknown-status">
            {t('payment.unknown.charged')}
          </p>
          <p>{t('payment.unknown.chargedExplain')}</p>
          <PaymentFigures result={resolution.result} />
          <div className="button-row">
            <button type="button" className="primary" data-testid="unknown-done" onClick={onNext} autoFocus>
              {t('payment.unknown.done')}
            </button>
            <SaleUploadButton result={resolution.result} />
          </div>
        </>
      )}

      {resolution.state === 'not-charged' && (
        <>
          <p className="verdict verdict-not-charged" role="status" data-testid="unknown-status">
            {t('payment.unknown.notCharged')}
          </p>
          <p>{t('payment.unknown.notChargedExplain')}</p>
          <div className="button-row">
            <button type="button" className="primary" data-testid="unknown-pay-again" onClick={back}>
              {t('payment.unknown.payAgain')}
            </button>
            <button type="button" data-testid="unknown-done" onClick={onNext}>
              {t('payment.unknown.done')}
            </button>
          </div>
        </>
      )}

      {resolution.state === 'undetermined' && (
        <>
          <p className="verdict verdict-undetermined" role="alert" data-testid="unknown-status">
            {t('payment.unknown.undetermined')}
          </p>
          <p>{t('payment.unknown.undeterminedExplain')}</p>
          <p className="note" data-testid="unknown-reason" data-error-code={resolution.error.code}>
            {errorText(t, resolution.error)}
          </p>
          <div className="button-row">
            <button type="button" className="primary" data-testid="unknown-retry" onClick={() => void resolve()} autoFocus>
              {t('payment.unknown.retry')}
            </button>
            <button type="button" data-testid="unknown-postpone" onClick={postponeUnsettled}>
              {t('payment.unknown.postpone')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
