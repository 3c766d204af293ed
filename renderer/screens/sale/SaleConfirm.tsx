import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderUploadRequest } from '../../../common/contract';
import { useSaleStore, type SaleMemberSummary } from '../../stores/sale';
import { useConfirmKey } from '../outbox/useConfirmKey';
import { SaleSummary } from './SaleSummary';

/** Asks the cashier to confirm the sale upload; Enter (or the button) confirms once. */
export function SaleConfirm({
  request,
  member,
  sending,
}: {
  request: OrderUploadRequest;
  member: SaleMemberSummary;
  sending: boolean;
}) {
  const { t } = useTranslation();
  const confirm = useSaleStore((state) => state.confirm);
  const back = useSaleStore((state) => state.back);
  const acceptButton = useRef<HTMLButtonElement>(null);

  useEffect(() => acceptButton.current?.focus(), []);
  useConfirmKey(() => void confirm(), !sending);

  return (
    <section className="sale-panel sale-confirm" data-testid="sale-confirm" data-sending={sending} aria-labelledby="sale-confirm-title">
      <h2 id="sale-confirm-title">{t('sale.confirm.title')}</h2>
      <SaleSummary request={request} member={member} />
      {sending && (
        <p className="message message-progress" role="status" data-testid="sale-sending">
          {t('sale.sending')}
        </p>
      )}
      <div className="button-row">
        <button ref={acceptButton} type="button" className="primary" data-testid="sale-confirm-accept" disabled={sending} onClick={() => void confirm()}>
          {t('sale.confirm.accept')}
        </button>
        <button type="button" data-testid="sale-confirm-back" disabled={sending} onClick={back}>
          {t('sale.confirm.back')}
        </button>
      </div>
    </section>
  );
}
