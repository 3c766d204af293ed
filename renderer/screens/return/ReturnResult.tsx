import { useTranslation } from 'react-i18next';
import type { ReturnCreateReply, ReturnCreateRequest } from '../../../common/contract';
import { useReturnStore } from '../../stores/return';
import { SubmissionNotice } from '../outbox/SubmissionNotice';
import { ReturnSummary } from './ReturnSummary';

/**
 * Shows the return's state after its first try (sent, queued, rejected or to review) and its
 * return order number.
 */
export function ReturnResult({ request, reply }: { request: ReturnCreateRequest; reply: ReturnCreateReply }) {
  const { t } = useTranslation();
  const startOver = useReturnStore((state) => state.startOver);

  return (
    <section className="return-panel return-result" data-testid="return-result" data-status={reply.status} aria-labelledby="return-result-title">
      <h2 id="return-result-title">{t('return.result.title')}</h2>
      <SubmissionNotice status={reply.status} entry={reply.entry} />
      <dl className="figures">
        <div>
          <dt>{t('return.result.returnOrderNo')}</dt>
          <dd className="order-no" data-testid="return-result-order-no">
            {reply.entry.orderNo}
          </dd>
        </div>
      </dl>
      <ReturnSummary request={request} totalFen={reply.entry.amountFen} />
      <button type="button" className="primary" data-testid="return-result-next" onClick={startOver} autoFocus>
        {t('return.result.next')}
      </button>
    </section>
  );
}
