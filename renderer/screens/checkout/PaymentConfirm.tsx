import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { previewPayment, type MemberView } from '../../../common/contract';
import { formatYuan } from '../../../common/money';
import { usePaymentStore } from '../../stores/payment';

/**
 * Asks the cashier to confirm the charge. Enter (or the button) confirms once. A held-down Enter
 * that repeats is ignored, and while the payment is in flight both are disabled.
 */
export function PaymentConfirm({ member, priceFen, sending }: { member: MemberView; priceFen: number; sending: boolean }) {
  const { t } = useTranslation();
  const confirm = usePaymentStore((state) => state.confirm);
  const back = usePaymentStore((state) => state.back);
  const acceptButton = useRef<HTMLButtonElement>(null);
  const preview = previewPayment(member, priceFen);

  useEffect(() => acceptButton.current?.focus(), []);

  useEffect(() => {
    if (sending) return;
    // The Enter that opened this question may still be travelling up to window; only keys pressed
    // after this point count.
    const shownAt = performance.now();
    const handleKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Enter' || event.timeStamp <= shownAt) return;
      event.preventDefault();
      if (!event.repeat) void confirm();
    };
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, [sending, confirm]);

  const question = preview
    ? t('payment.confirm.question', { name: member.name, cardNo: member.cardNo, actual: formatYuan(preview.actualPaymentFen) })
    : t('payment.confirm.questionRateUnknown', { name: member.name, cardNo: member.cardNo, price: formatYuan(priceFen) });

  return (
    <section className="payment-confirm" data-testid="payment-confirm" data-sending={sending} aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t('payment.confirm.title')}</h2>
      <p className="confirm-question" data-testid="confirm-question">
        {question}
      </p>
      {sending && (
        <p className="message message-progress" role="status" data-testid="payment-sending">
          {t('payment.sending')}
        </p>
      )}
      <div className="button-row">
        <button
          ref={acceptButton}
          type="button"
          className="primary"
          data-testid="confirm-accept"
          disabled={sending}
          onClick={() => void confirm()}
        >
          {t('payment.confirm.accept')}
        </button>
        <button type="button" data-testid="confirm-back" disabled={sending} onClick={back}>
          {t('payment.confirm.back')}
        </button>
      </div>
    </section>
  );
}
