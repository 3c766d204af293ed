import { useTranslation } from 'react-i18next';
import type { OutboxEntryView, SubmissionStatus } from '../../../common/contract';
import { useNavigationStore } from '../../stores/navigation';
import { OUTBOX_SCREEN_ID } from './screen-id';

/**
 * Shows the state of a refund or return after its first try: sent, queued (待同步, sent by itself
 * later), rejected with the server's message verbatim, or waiting for a person to review it.
 */
export function SubmissionNotice({ status, entry }: { status: SubmissionStatus; entry: OutboxEntryView }) {
  const { t } = useTranslation();
  const showScreen = useNavigationStore((state) => state.showScreen);
  const kind = t(`submission.kind.${entry.kind}`);

  return (
    <div className={`submission submission-${toneOf(status)}`} data-testid="submission-notice" data-status={status}>
      <p className="submission-status" data-testid="submission-status">
        {t(`submission.status.${status}`)}
      </p>
      <p className="submission-explain" data-testid="submission-explain">
        {t(`submission.explain.${status}`, { kind, message: entry.lastError?.message ?? '' })}
      </p>
      {status !== 'sent' && (
        <button type="button" data-testid="submission-open-outbox" onClick={() => showScreen(OUTBOX_SCREEN_ID)}>
          {t('submission.openOutbox')}
        </button>
      )}
    </div>
  );
}

/** Returns the colour class of a status: green when sent, amber when queued, red when a person must act. */
function toneOf(status: SubmissionStatus): 'success' | 'queued' | 'problem' {
  if (status === 'sent') return 'success';
  if (status === 'queued') return 'queued';
  return 'problem';
}
