import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/error-text';
import { OUTBOX_LIST_LIMIT, useOutboxStore } from '../../stores/outbox';
import { OutboxEntryCard } from './OutboxEntryCard';
import { OutboxFilters } from './OutboxFilters';
import './shared.css';
import './outbox.css';

/**
 * The outbox screen (待同步): every refund, return and order upload this till wrote, newest first,
 * with its state, attempts and last error. Sent and cancelled entries stay listed; the filters
 * narrow the list. The list reloads itself on every `outbox:changed` event.
 */
export function OutboxScreen() {
  const { t } = useTranslation();
  const entries = useOutboxStore((state) => state.entries);
  const listLoad = useOutboxStore((state) => state.listLoad);
  const summary = useOutboxStore((state) => state.summary);
  const changeCount = useOutboxStore((state) => state.changeCount);

  useEffect(() => {
    void useOutboxStore.getState().loadEntries();
  }, [changeCount]);

  return (
    <div className="outbox-screen" data-testid="outbox-screen">
      <section className="outbox-panel" aria-labelledby="outbox-title">
        <h2 id="outbox-title">{t('outbox.screen.title')}</h2>
        {summary && (
          <p className="outbox-summary" data-testid="outbox-summary">
            {t('outbox.screen.summary', {
              pending: summary.pendingCount,
              attention: summary.needsAttentionCount,
              review: summary.needsReviewCount,
            })}
          </p>
        )}
        <OutboxFilters />
      </section>

      {listLoad.phase === 'failed' && (
        <p className="message message-error" role="alert" data-testid="outbox-list-error">
          {errorText(t, listLoad.error)}
        </p>
      )}
      {listLoad.phase === 'loading' && <p className="message message-progress">{t('outbox.screen.loading')}</p>}
      {listLoad.phase === 'loaded' && entries.length === 0 && (
        <p className="message message-hint" data-testid="outbox-empty">
          {t('outbox.screen.empty')}
        </p>
      )}

      <ul className="outbox-entries" data-testid="outbox-entries">
        {entries.map((entry) => (
          <OutboxEntryCard key={entry.id} entry={entry} />
        ))}
      </ul>
      {entries.length >= OUTBOX_LIST_LIMIT && (
        <p className="note" data-testid="outbox-limit">
          {t('outbox.screen.limit', { limit: OUTBOX_LIST_LIMIT })}
        </p>
      )}
    </div>
  );
}
