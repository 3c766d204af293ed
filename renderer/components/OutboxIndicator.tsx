import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeAge } from '../lib/age';
import { OUTBOX_SCREEN_ID } from '../screens/outbox/screen-id';
import { useNavigationStore } from '../stores/navigation';
import { useOutboxStore } from '../stores/outbox';
import './outbox-indicator.css';

/** How often the age of the oldest pending entry is redrawn, in ms. */
const AGE_REFRESH_MS = 15_000;

/**
 * Shows the pending count and the age of the oldest pending entry, and in red the entries that
 * need a person (需处理, 待复核) when there are any. Clicking it opens the outbox screen. It shows
 * nothing until the outbox reports.
 */
export function OutboxIndicator() {
  const { t } = useTranslation();
  const summary = useOutboxStore((state) => state.summary);
  const showScreen = useNavigationStore((state) => state.showScreen);
  const now = useNow(AGE_REFRESH_MS);

  if (!summary) return <span className="outbox-indicator" data-testid="outbox-indicator" data-state="unknown" />;

  const oldestMs = summary.oldestCreatedAt === null ? Number.NaN : Date.parse(summary.oldestCreatedAt);
  const age = Number.isNaN(oldestMs) ? null : describeAge(now - oldestMs);
  const state = summary.pendingCount > 0 ? 'pending' : 'empty';
  const needsPerson = summary.needsAttentionCount + summary.needsReviewCount > 0;

  return (
    <button
      type="button"
      className={`outbox-indicator header-button outbox-${state}`}
      data-testid="outbox-indicator"
      data-state={state}
      data-needs-person={needsPerson}
      title={t('outbox.indicatorTitle')}
      onClick={() => showScreen(OUTBOX_SCREEN_ID)}
    >
      <span data-testid="outbox-pending-count" data-count={summary.pendingCount}>
        {summary.pendingCount > 0 ? t('outbox.pending', { count: summary.pendingCount }) : t('outbox.none')}
      </span>
      {summary.pendingCount > 0 && age && (
        <span className="outbox-age" data-testid="outbox-oldest-age">
          {t('outbox.oldest', { age: t(`age.${age.unit}`, { count: age.count }) })}
        </span>
      )}
      {summary.needsAttentionCount > 0 && (
        <span className="outbox-needs-person" data-testid="outbox-attention-count" data-count={summary.needsAttentionCount}>
          {t('outbox.needsAttention', { count: summary.needsAttentionCount })}
        </span>
      )}
      {summary.needsReviewCount > 0 && (
        <span className="outbox-needs-person" data-testid="outbox-review-count" data-count={summary.needsReviewCount}>
          {t('outbox.needsReview', { count: summary.needsReviewCount })}
        </span>
      )}
    </button>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
