import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeAge } from '../lib/age';
import { useOutboxStore } from '../stores/outbox';

/** How often the age of the oldest pending entry is redrawn, in ms. */
const AGE_REFRESH_MS = 15_000;

/** Shows the pending count and the age of the oldest pending entry, or nothing until the outbox reports. */
export function OutboxIndicator() {
  const { t } = useTranslation();
  const summary = useOutboxStore((state) => state.summary);
  const now = useNow(AGE_REFRESH_MS);

  if (!summary) return <span className="outbox-indicator" data-testid="outbox-indicator" data-state="unknown" />;

  const oldestMs = summary.oldestCreatedAt === null ? Number.NaN : Date.parse(summary.oldestCreatedAt);
  const age = Number.isNaN(oldestMs) ? null : describeAge(now - oldestMs);
  const state = summary.pendingCount > 0 ? 'pending' : 'empty';

  return (
    <span className={`outbox-indicator outbox-${state}`} data-testid="outbox-indicator" data-state={state}>
      <span data-testid="outbox-pending-count" data-count={summary.pendingCount}>
        {summary.pendingCount > 0 ? t('outbox.pending', { count: summary.pendingCount }) : t('outbox.none')}
      </span>
      {summary.pendingCount > 0 && age && (
        <span className="outbox-age" data-testid="outbox-oldest-age">
          {t('outbox.oldest', { age: t(`age.${age.unit}`, { count: age.count }) })}
        </span>
      )}
    </span>
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
