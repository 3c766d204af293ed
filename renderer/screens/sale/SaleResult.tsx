import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderUploadReply, OrderUploadRequest } from '../../../common/contract';
import { useNavigationStore } from '../../stores/navigation';
import { useOutboxStore } from '../../stores/outbox';
import { useSaleStore, type SaleMemberSummary } from '../../stores/sale';
import { SubmissionNotice } from '../outbox/SubmissionNotice';
import { SaleSummary } from './SaleSummary';

/** The checkout screen's id, where a payment's sale returns to. */
const CHECKOUT_SCREEN_ID = 'checkout';

/**
 * Shows a sale upload's state (sent, queued, rejected or to review) with the server's 订单积分 and
 * 会员当前积分 once sent. `earlier` marks an upload that existed before this screen opened, so the
 * screen shows that the order number cannot be uploaded again. A queued upload is read again
 * whenever the outbox changes, so the result turns to sent by itself.
 */
export function SaleResult({
  reply,
  request,
  member,
  earlier = false,
}: {
  reply: OrderUploadReply;
  request?: OrderUploadRequest;
  member?: SaleMemberSummary;
  earlier?: boolean;
}) {
  const { t } = useTranslation();
  const startOver = useSaleStore((state) => state.startOver);
  const refreshResult = useSaleStore((state) => state.refreshResult);
  const fromPayment = useSaleStore((state) => state.draft.payment !== null);
  const showScreen = useNavigationStore((state) => state.showScreen);
  const outboxChanges = useOutboxStore((state) => state.changeCount);
  const waiting = reply.status === 'queued';
  const noValue = t('sale.result.pointsPending');

  useEffect(() => {
    if (waiting) void refreshResult();
  }, [waiting, outboxChanges, refreshResult]);

  return (
    <section className="sale-panel sale-result" data-testid="sale-result" data-status={reply.status} aria-labelledby="sale-result-title">
      <h2 id="sale-result-title">{earlier ? t('sale.uploaded.title') : t('sale.result.title')}</h2>
      {earlier && (
        <p className="message message-warning" role="alert" data-testid="sale-already-uploaded">
          {t('sale.alreadyUploaded', { orderNo: reply.entry.orderNo })}
        </p>
      )}
      <SubmissionNotice status={reply.status} entry={reply.entry} />
      <dl className="figures">
        <div>
          <dt>{t('sale.orderNo')}</dt>
          <dd className="order-no" data-testid="sale-result-order-no">
            {reply.entry.orderNo}
          </dd>
        </div>
        <div className="figure-main">
          <dt>{t('sale.result.orderPoints')}</dt>
          <dd data-testid="sale-result-order-points" data-points={reply.orderPoints ?? ''}>
            {reply.orderPoints ?? noValue}
          </dd>
        </div>
        <div className="figure-main">
          <dt>{t('sale.result.memberPoints')}</dt>
          <dd data-testid="sale-result-member-points" data-points={reply.memberPoints ?? ''}>
            {reply.memberPoints ?? noValue}
          </dd>
        </div>
      </dl>
      {request && member && <SaleSummary request={request} member={member} />}
      <div className="button-row">
        <button type="button" className="primary" data-testid="sale-result-next" onClick={startOver} autoFocus>
          {t('sale.result.next')}
        </button>
        {fromPayment && (
          <button type="button" data-testid="sale-result-checkout" onClick={() => showScreen(CHECKOUT_SCREEN_ID)}>
            {t('sale.result.backToCheckout')}
          </button>
        )}
      </div>
    </section>
  );
}
