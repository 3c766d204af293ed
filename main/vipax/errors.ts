// The four ways a VIPax call can fail. Callers decide what to do from the kind alone:
// - invalid-input: nothing was sent; fix the input.
// - network: certainly not delivered (refused, unreachable, DNS); safe to send again later.
// - unknown-outcome: sent, but no usable answer came back (timeout after sending, reset, 5xx,
//   an HTML page, an unparsable body); the server may or may not have applied it.
// - rejected: the server answered with a code other than 1.
export type VipaxErrorKind = 'invalid-input' | 'network' | 'unknown-outcome' | 'rejected';

/** Rule that an invalid input broke. */
export type InputRule =
  | 'required'
  | 'too-long'
  | 'phone'
  | 'integer'
  | 'too-small'
  | 'too-large'
  | 'non-zero'
  | 'date'
  | 'date-order'
  | 'choice'
  | 'one-of'
  | 'conflict'
  | 'format';

export class VipaxError extends Error {
  override readonly name = 'VipaxError';

  constructor(
    readonly kind: VipaxErrorKind,
    message: string,
    readonly details: {
      /** The server's `code`, verbatim, for `rejected`. */
      serverCode?: string;
      /** The server's `msg` or `message`, verbatim, for `rejected`. */
      serverMessage?: string;
      /** True when a `rejected` answer says the order number was already used. */
      duplicate?: boolean;
      /** The HTTP status, when one arrived. */
      httpStatus?: number;
      /** The total timeout that expired, for a request that got no complete response in time. */
      timeoutMs?: number;
      /** The field that failed validation, for `invalid-input`. */
      field?: string;
      /** The rule the field broke, for `invalid-input`, so callers can word the message themselves. */
      rule?: InputRule;
      /** The bound of that rule: a maximum length, a minimum or maximum value, the allowed values. */
      limit?: number | string;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }
}

export function isVipaxError(error: unknown): error is VipaxError {
  return error instanceof VipaxError;
}
