import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, OutboxDetailReply } from '../../../common/contract';
import { requireTillApi, settleReply } from '../../bridge';
import { errorText } from '../../lib/error-text';
import { formatLocalTime } from './entry-format';

/** Outcomes whose message is the server's own text, shown verbatim. */
const SERVER_MESSAGE_OUTCOMES = new Set(['rejected', 'duplicate']);

/**
 * Shows an entry's attempts (sends and log look-ups with their outcomes) and its state changes.
 * Reads them again whenever the entry changes (`updatedAt`).
 */
export function EntryDetails({ entryId, updatedAt }: { entryId: number; updatedAt: string }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<OutboxDetailReply | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let current = true;
    void settleReply(() => requireTillApi().outbox.detail({ entryId })).then((reply) => {
      if (!current) return;
      if (reply.ok) {
        setDetail(reply.value);
        setError(null);
      } else {
        setError(reply.error);
      }
    });
    return () => {
      current = false;
    };
  }, [entryId, updatedAt]);

  if (error) {
    return (
      <p className="message message-error" role="alert">
        {errorText(t, error)}
      </p>
    );
  }
  if (!detail) return <p className="message message-progress">{t('outbox.screen.loading')}</p>;

  return (
    <div className="entry-details" data-testid="outbox-entry-details">
      <h3>{t('outbox.screen.attemptsTitle')}</h3>
      {detail.attempts.length === 0 ? (
        <p className="note">{t('outbox.screen.noAttempts')}</p>
      ) : (
        <table className="detail-table">
          <tbody>
            {detail.attempts.map((attempt, index) => (
              <tr key={index} data-testid="outbox-attempt" data-outcome={attempt.outcome ?? ''}>
                <td className="time">{formatLocalTime(attempt.startedAt, true)}</td>
                <td>{t(`outbox.action.${attempt.action}`)}</td>
                <td>{attempt.outcome === null ? t('outbox.screen.attemptOpen') : t(`outbox.outcome.${attempt.outcome}`, { defaultValue: attempt.outcome })}</td>
                <td>{attempt.outcome !== null && SERVER_MESSAGE_OUTCOMES.has(attempt.outcome) ? attempt.message : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('outbox.screen.historyTitle')}</h3>
      <table className="detail-table">
        <tbody>
          {detail.history.map((event, index) => (
            <tr key={index} data-testid="outbox-history">
              <td className="time">{formatLocalTime(event.at, true)}</td>
              <td>
                {event.fromState === null ? null : `${t(`outbox.state.${event.fromState}`, { defaultValue: event.fromState })} → `}
                {t(`outbox.state.${event.toState}`, { defaultValue: event.toState })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
