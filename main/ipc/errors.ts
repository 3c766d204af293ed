import { ipcErrorCodes, type IpcError, type IpcErrorCode } from '../../common/contract';
import { isVipaxError } from '../vipax/errors';

/**
 * A failure a handler or service reports on purpose. The router turns it into
 * `{ ok: false, error: { code, message, field } }`; any other thrown value becomes `internal`.
 */
export class TillError extends Error {
  override readonly name = 'TillError';

  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Converts a thrown value to the error a reply carries. A VipaxError keeps its kind as the code,
 * and a rejection keeps the server's message verbatim. Any other Error whose `code` is an IPC
 * error code (TillError, the settings and journal errors) keeps its code, message and `field`.
 * Returns null for everything else, because such a value is a bug the caller logs as `internal`.
 */
export function toIpcError(error: unknown): IpcError | null {
  if (isCodedError(error)) {
    return typeof error.field === 'string'
      ? { code: error.code, message: error.message, field: error.field }
      : { code: error.code, message: error.message };
  }

  if (isVipaxError(error)) {
    const message = error.kind === 'rejected' ? (error.details.serverMessage ?? error.message) : error.message;
    return error.details.field === undefined
      ? { code: error.kind, message }
      : { code: error.kind, message, field: error.details.field };
  }

  return null;
}

function isCodedError(error: unknown): error is Error & { code: IpcErrorCode; field?: unknown } {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return (ipcErrorCodes as readonly unknown[]).includes(error.code);
}
