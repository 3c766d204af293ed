import type { TFunction } from 'i18next';
import type { IpcError } from '../../../common/contract';
import { errorText } from '../../lib/error-text';

/** An action a person takes on one outbox entry. */
export type EntryAction = 'retry' | 'cancel' | 'confirm-sent';

/**
 * Formats the line shown when an entry action fails. Main rejects cancelling an entry whose last
 * send has an unknown outcome, because the server may have applied it. That rejection gets its own
 * text, because the generic "no response" text does not say that the cancel failed.
 */
export function actionErrorText(t: TFunction, action: EntryAction, error: IpcError): string {
  if (action === 'cancel' && error.code === 'unknown-outcome') return t('outbox.screen.cancelOutcomeUnknown');
  return t('outbox.screen.actionFailed', { reason: errorText(t, error) });
}
