import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnCreateRequest } from '../../../common/contract';
import { useReturnStore } from '../../stores/return';
import { useConfirmKey } from '../outbox/useConfirmKey';
import { ReturnSummary } from './ReturnSummary';

/** Asks the cashier to confirm the return; Enter (or the button) confirms once. */
export function ReturnConfirm({ request, totalFen, sending }: { request: ReturnCreateRequest; totalFen: number; sending: boolean }) {
  const { t } = useTranslation();
  const confirm = useReturnStore((state) => state.confirm);
  const back = useReturnStore((state) => state.back);
  const acceptButton = useRef<HTMLButtonElement>(null);

  useEffect(() => acceptButton.current?.focus(), []);
  useConfirmKey(() => void confirm(), !sending);

  return (
    <section className="return-panel return-confirm" data-testid="return-confirm" data-sending={sending} aria-labelledby="return-confirm-title">
      <h2 id="return-confirm-title">{t('return.confirm.title')}</h2>
      <ReturnSummary request={request} totalFen={totalFen} />
      {sending && (
        <p className="message message-progress" role="status" data-testid="return-sending">
          {t('return.sending')}
        </p>
      )}
      <div className="button-row">
        <button ref={acceptButton} type="button" className="primary" data-testid="return-confirm-accept" disabled={sending} onClick={() => void confirm()}>
          {t('return.confirm.accept')}
        </button>
        <button type="button" data-testid="return-confirm-back" disabled={sending} onClick={back}>
          {t('return.confirm.back')}
        </button>
      </div>
    </section>
  );
}
