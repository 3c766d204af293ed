import type { IpcError, IpcErrorCode } from '../../common/contract';
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
 * Converts a thrown value to the error a reply carries. Returns null for anything that is neither
 * a TillError nor a VipaxError, because such a value is a bug the caller must log as `internal`.
 * A VipaxError keeps its kind as the code, and a rejection keeps the server's message verbatim.
 */
export function toIpcError(error: unknown): IpcError | null {
  if (error instanceof TillError) {
    return error.field === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, field: error.field };
  }

  if (isVipaxError(error)) {
    const message = error.kind === 'rejected' ? (error.details.serverMessage ?? error.message) : error.message;
    return error.details.field === undefined
      ? { code: error.kind, message }
      : { code: error.kind, message, field: error.details.field };
  }

  return null;
}
