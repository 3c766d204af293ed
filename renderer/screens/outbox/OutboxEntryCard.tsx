import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IpcError, OutboxEntryView } from '../../../common/contract';
import { Money } from '../../components/Money';
import { useOutboxStore } from '../../stores/outbox';
import { actionErrorText, type EntryAction } from './action-error';
import { EntryDetails } from './EntryDetails';
import { formatLocalTime, memberLabel } from './entry-format';
import { NoteForm } from './NoteForm';

type OpenForm = 'cancel' | 'confirm-sent' | null;

/**
 * Shows one outbox entry: kind, order numbers, member, amount, state, attempts, last error and times,
 * with the actions its state allows: retry (needs attention), cancel with a reason (not sent yet)
 * and confirm as sent (under review).
 */
export function OutboxEntryCard({ entry }: { entry: OutboxEntryView }) {
  const { t } = useTranslation();
  const retry = useOutboxStore((state) => state.retry);
  const cancel = useOutboxStore((state) => state.cancel);
  const confirmSent = useOutboxStore((state) => state.confirmSent);
  const [openForm, setOpenForm] = useState<OpenForm>(null);
  const [showDetails, setShowDetails] = useState(false);
  const [failedAction, setFailedAction] = useState<{ action: EntryAction; error: IpcError } | null>(null);
  const [busy, setBusy] = useState(false);
  const noValue = t('member.panel.noValue');
  const kind = t(`submission.kind.${entry.kind}`);

  const run = async (action: EntryAction, call: () => Promise<IpcError | null>): Promise<boolean> => {
    setBusy(true);
    const error = await call();
    setBusy(false);
    setFailedAction(error === null ? null : { action, error });
    if (error === null) setOpenForm(null);
    return error === null;
  };

  const canRetry = entry.state === 'needs-attention';
  // The journal rejects cancelling an entry that may have reached the server until it is settled.
  const canCancel =
    entry.state === 'needs-review' || ((entry.state === 'pending' || entry.state === 'needs-attention') && !entry.outcomeUnknown);
  const canConfirmSent = entry.state === 'needs-review';

  return (
    <li
      className={`outbox-entry entry-${entry.state}`}
      data-testid="outbox-entry"
      data-entry-id={entry.id}
      data-order-no={entry.orderNo}
      data-kind={entry.kind}
      data-state={entry.state}
    >
      <div className="entry-head">
        <span className="entry-kind">{t(`outbox.kind.${entry.kind}`)}</span>
        <span className="order-no" data-testid="outbox-entry-order-no">
          {entry.orderNo}
        </span>
        <span className={`entry-state state-${entry.state}`} data-testid="outbox-entry-state">
          {t(`outbox.state.${entry.state}`)}
        </span>
        <span className="entry-amount">
          <Money fen={entry.amountFen} testId="outbox-entry-amount" />
        </span>
      </div>

      <dl className="entry-facts">
        <Fact label={t('outbox.screen.originalOrderNo')}>
          <span className="order-no">{entry.originalOrderNo ?? noValue}</span>
        </Fact>
        <Fact label={t('outbox.screen.member')}>{memberLabel(entry) ?? noValue}</Fact>
        <Fact label={t('outbox.screen.attempts')}>
          <span data-testid="outbox-entry-attempts">{entry.attemptCount}</span>
        </Fact>
        <Fact label={t('outbox.screen.createdAt')}>{formatLocalTime(entry.createdAt, true)}</Fact>
        {entry.sentAt !== null && <Fact label={t('outbox.screen.sentAt')}>{formatLocalTime(entry.sentAt, true)}</Fact>}
        {entry.state === 'pending' && entry.nextAttemptAt !== null && (
          <Fact label={t('outbox.screen.nextAttemptAt')}>{formatLocalTime(entry.nextAttemptAt, true)}</Fact>
        )}
        {entry.state !== 'sent' && entry.lastError !== null && (
          <Fact label={t('outbox.screen.lastError')} wide>
            <span className="entry-error" data-testid="outbox-entry-error" data-error-kind={entry.lastError.kind}>
              {lastErrorText(t, entry.lastError)}
            </span>
          </Fact>
        )}
        {noteText(t, entry) !== null && (
          <Fact label={t('outbox.screen.note')} wide>
            <span data-testid="outbox-entry-note">{noteText(t, entry)}</span>
          </Fact>
        )}
      </dl>
      {entry.outcomeUnknown && (entry.state === 'pending' || entry.state === 'sending' || entry.state === 'needs-attention') && (
        <p className="note" data-testid="outbox-entry-unknown">
          {/* Only a refund can be looked up in the transaction log; other kinds are resent with the same number. */}
          {entry.kind === 'refund' ? t('outbox.screen.outcomeUnknown') : t('outbox.screen.outcomeUnknownResend')}
        </p>
      )}

      <div className="button-row entry-actions">
        {canRetry && (
          <button type="button" className="primary" data-testid="outbox-retry" disabled={busy} onClick={() => void run('retry', () => retry(entry.id))}>
            {t('outbox.screen.retry')}
          </button>
        )}
        {canConfirmSent && (
          <button type="button" data-testid="outbox-confirm-sent" disabled={busy} onClick={() => setOpenForm('confirm-sent')}>
            {t('outbox.screen.confirmSent')}
          </button>
        )}
        {canCancel && (
          <button type="button" data-testid="outbox-cancel" disabled={busy} onClick={() => setOpenForm('cancel')}>
            {t('outbox.screen.cancel')}
          </button>
        )}
        <button type="button" className="link-button" data-testid="outbox-details" aria-expanded={showDetails} onClick={() => setShowDetails(!showDetails)}>
          {showDetails ? t('outbox.screen.hideDetails') : t('outbox.screen.details')}
        </button>
      </div>

      {failedAction !== null && (
        <p className="message message-error" role="alert" data-testid="outbox-action-error">
          {actionErrorText(t, failedAction.action, failedAction.error)}
        </p>
      )}

      {openForm === 'cancel' && (
        <NoteForm
          testId="outbox-cancel-form"
          title={t('outbox.screen.cancelForm.title', { kind })}
          explain={t('outbox.screen.cancelForm.explain')}
          label={t('outbox.screen.cancelForm.reason')}
          requiredText={t('outbox.screen.cancelForm.reasonRequired')}
          submitText={t('outbox.screen.cancelForm.submit')}
          backText={t('outbox.screen.cancelForm.back')}
          busy={busy}
          onSubmit={(reason) => run('cancel', () => cancel(entry.id, reason))}
          onBack={() => setOpenForm(null)}
        />
      )}
      {openForm === 'confirm-sent' && (
        <NoteForm
          testId="outbox-confirm-form"
          title={t('outbox.screen.confirmForm.title')}
          explain={t('outbox.screen.confirmForm.explain', { kind })}
          label={t('outbox.screen.confirmForm.note')}
          requiredText={t('outbox.screen.confirmForm.noteRequired')}
          submitText={t('outbox.screen.confirmForm.submit')}
          backText={t('outbox.screen.confirmForm.back')}
          busy={busy}
          onSubmit={(note) => run('confirm-sent', () => confirmSent(entry.id, note))}
          onBack={() => setOpenForm(null)}
        />
      )}
      {showDetails && <EntryDetails entryId={entry.id} updatedAt={entry.updatedAt} />}
    </li>
  );
}

function Fact({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * Returns the words for an entry's last error. Only a rejection carries text the cashier should
 * read as is, because it is the server's own message. Other kinds carry English for developers, so
 * the screen names the kind instead.
 */
function lastErrorText(t: TFunction, error: NonNullable<OutboxEntryView['lastError']>): string {
  if (error.kind === 'rejected') return t('outbox.screen.errorKind.rejected', { message: error.message });
  const known = ['network', 'unknown-outcome', 'invalid-input'];
  return t(`outbox.screen.errorKind.${known.includes(error.kind) ? error.kind : 'internal'}`);
}

/**
 * Returns the note to show: a person's cancel reason or review finding as written. Main's own
 * notes for entries under review are English, so the screen explains review in its own words.
 */
function noteText(t: TFunction, entry: OutboxEntryView): string | null {
  if (entry.state === 'needs-review') return t('outbox.screen.reviewExplain');
  if (entry.note === null) return null;
  if (entry.state === 'cancelled') return t('outbox.screen.cancelReason', { reason: entry.note });
  if (entry.state === 'sent') return t('outbox.screen.confirmedNote', { note: entry.note });
  return null;
}
