import { isVipaxError } from '../vipax/errors';
import type { RecordedError } from './types';

/**
 * Codes shared with the IPC contract, so the router passes them on unchanged. `busy` means the
 * entry is being sent right now. `invalid-input` covers an entry or payment in the wrong state.
 * `unknown-outcome` rejects a cancel while the entry's last send may have been applied.
 */
export type JournalErrorCode = 'over-refund' | 'not-found' | 'invalid-input' | 'busy' | 'unknown-outcome';

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

/** SQLite's primary result codes for a file that is not a database or whose pages are damaged. */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/**
 * A journal file that SQLite cannot read: it is not a database or its pages are damaged. The
 * file may still hold queued refunds, so the till must not delete or replace it.
 */
export class JournalDamagedError extends Error {
  override readonly name = 'JournalDamagedError';

  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`Journal file ${path} is damaged and cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Returns whether `error` is SQLite reporting a file that is not a database or a damaged one. */
export function isSqliteDamage(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode !== 'number') return false;
  const primary = errcode & 0xff;
  return primary === SQLITE_CORRUPT || primary === SQLITE_NOTADB;
}
