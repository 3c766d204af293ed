/** How long the outbox waits before trying again. All values in milliseconds. */
export interface RetryPolicy {
  /** Delay after the first failure; it doubles with each further failure. */
  baseDelayMs: number;
  /** Upper bound of one delay. */
  maxDelayMs: number;
  /**
   * Margin beyond the client's total timeout between the start of a send whose outcome is unknown
   * and the look-up of its order number in the transaction log. A request still being processed
   * when the log is read would look absent and be sent a second time.
   */
  lookUpDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  lookUpDelayMs: 5_000,
};

/**
 * Computes the delay after `failures` consecutive failures (1 or more): exponential, capped, with
 * "equal jitter" (half fixed, half random), so tills that lost the network together do not all
 * come back in the same second.
 */
export function backoffDelay(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round(capped / 2 + (random() * capped) / 2);
}
