import { isVipaxError } from '../vipax/errors';
import type { RecordedError } from './types';

/**
 * Codes shared with the IPC contract, so the router passes them on unchanged. `busy` means the
 * entry is being sent right now; `invalid-input` covers an entry or payment in the wrong state.
 */
export type JournalErrorCode = 'over-refund' | 'not-found' | 'invalid-input' | 'busy';

/** A request the journal rejected before writing anything. */
export class JournalError extends Error {
  override readonly name = 'JournalError';

  constructor(
    readonly code: JournalErrorCode,
    message: string,
    readonly details: { remainingFen?: number; requestedFen?: number; field?: string } = {},
  ) {
    super(message);
  }
}

/**
 * Converts a thrown value to the form the journal keeps. A server rejection keeps the server's
 * own message verbatim, because that text is what a person needs to act on.
 */
export function toRecordedError(error: unknown): RecordedError {
  if (isVipaxError(error)) {
    const message = error.kind === 'rejected' ? (error.details.serverMessage ?? error.message) : error.message;
    return { kind: error.kind, message };
  }
  if (isRecordedError(error)) return { kind: error.kind, message: error.message };
  if (error instanceof Error) return { kind: 'internal', message: error.message };
  return { kind: 'internal', message: String(error) };
}

function isRecordedError(value: unknown): value is RecordedError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RecordedError).kind === 'string' &&
    typeof (value as RecordedError).message === 'string'
  );
}
