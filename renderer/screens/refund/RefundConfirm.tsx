import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefundablePayment } from '../../../common/contract';
import { formatYuan } from '../../../common/money';
import { useRefundStore } from '../../stores/refund';
import { memberLabel } from '../outbox/entry-format';
import { useConfirmKey } from '../outbox/useConfirmKey';

/**
 * Asks the cashier to confirm the refund. Enter (or the button) confirms once; while the refund is
 * being written and sent both are disabled.
 */
export function RefundConfirm({ payment, amountFen, sending }: { payment: RefundablePayment; amountFen: number; sending: boolean }) {
  const { t } = useTranslation();
  const confirm = useRefundStore((state) => state.confirm);
  const back = useRefundStore((state) => state.back);
  const acceptButton = useRef<HTMLButtonElement>(null);

  useEffect(() => acceptButton.current?.focus(), []);
  useConfirmKey(() => void confirm(), !sending);

  return (
    <section className="refund-panel refund-confirm" data-testid="refund-confirm" data-sending={sending} aria-labelledby="refund-confirm-title">
      <h2 id="refund-confirm-title">{t('refund.confirm.title')}</h2>
      <p className="confirm-question" data-testid="refund-confirm-question">
        {t('refund.confirm.question', {
          orderNo: payment.orderNo,
          amount: formatYuan(amountFen),
          member: memberLabel(payment) ?? t('member.panel.noValue'),
        })}
      </p>
      <p className="note">{t('refund.confirm.explain')}</p>
      {sending && (
        <p className="message message-progress" role="status" data-testid="refund-sending">
          {t('refund.sending')}
        </p>
      )}
      <div className="button-row">
        <button ref={acceptButton} type="button" className="primary" data-testid="refund-confirm-accept" disabled={sending} onClick={() => void confirm()}>
          {t('refund.confirm.accept')}
        </button>
        <button type="button" data-testid="refund-confirm-back" disabled={sending} onClick={back}>
          {t('refund.confirm.back')}
        </button>
      </div>
    </section>
  );
}
