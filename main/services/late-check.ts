import type { Journal, PaymentFigures, PaymentRecord } from '../journal';
import type { Logger } from '../logging/logger';

// A payment that a log look-up settled as not charged may still be applied by a server slower
// than the look-up horizon. The late check reads the member's log for it again a few times in the
// background. When the payment shows up, it records it as applied late and alerts the cashier,
// because a cashier who took the money again has charged the member twice.

export type LateCheckJournal = Pick<Journal, 'recordPaymentAppliedLate' | 'recordLateCheckAbsent' | 'listPaymentsForLateCheck' | 'getPayment'>;

export interface LateCheckOptions {
  /**
   * When to read the log again, in milliseconds after the payment's send started, ascending.
   * Default 1 minute, 10 minutes and 1 hour.
   */
  delaysMs?: readonly number[];
  /** At start, payments started this long ago or less get one more check. Default 24 hours. */
  startupWindowMs?: number;
}

export interface LateCheckInput extends LateCheckOptions {
  journal: LateCheckJournal;
  /** Reads the member's log for the payment and returns the figures of its entry, or null if absent. */
  lookUp(record: PaymentRecord): Promise<PaymentFigures | null>;
  /** Called after the journal recorded a payment as applied late. */
  onAppliedLate(record: PaymentRecord): void;
  now: () => Date;
  logger: Logger;
}

export interface LateCheck {
  /** Schedules the checks of a payment just settled as not charged by a look-up. */
  watch(record: PaymentRecord): void;
  /** Checks once, in the background, each such payment of the startup window. */
  checkRecentOnStart(): void;
  /** Cancels every scheduled check. A check already reading the log finishes without recording. */
  stop(): void;
  /** Resolves when the checks running now have finished. Tests and closing use it. */
  idle(): Promise<void>;
}

export const DEFAULT_LATE_CHECK_DELAYS_MS = [60_000, 600_000, 3_600_000] as const;
const DEFAULT_STARTUP_WINDOW_MS = 24 * 3_600_000;

export function createLateCheck(input: LateCheckInput): LateCheck {
  const { journal, lookUp, onAppliedLate, now, logger } = input;
  const delaysMs = input.delaysMs ?? DEFAULT_LATE_CHECK_DELAYS_MS;
  const startupWindowMs = input.startupWindowMs ?? DEFAULT_STARTUP_WINDOW_MS;

  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  function watch(record: PaymentRecord): void {
    schedule(record.orderNo, record.createdAt, 0);
  }

  /**
   * Schedules check number `index` at the send's start plus its delay. The wait is clamped to
   * that delay, so a clock set back never stretches it, and a check already due runs at once.
   */
  function schedule(orderNo: string, createdAt: string, index: number): void {
    const delayMs = delaysMs[index];
    if (stopped || delayMs === undefined) return;
    const sentAtMs = Date.parse(createdAt);
    const remainingMs = Number.isFinite(sentAtMs) ? sentAtMs + delayMs - now().getTime() : delayMs;
    const waitMs = Math.min(Math.max(remainingMs, 0), delayMs);

    clearTimeout(timers.get(orderNo));
    const timer = setTimeout(() => {
      timers.delete(orderNo);
      track(checkOnce(orderNo).then((absent) => {
        if (absent) schedule(orderNo, createdAt, index + 1);
      }));
    }, waitMs);
    timer.unref?.();
    timers.set(orderNo, timer);
  }

  function track(check: Promise<void>): void {
    running.add(check);
    void check.finally(() => running.delete(check));
  }

  /**
   * Reads the log once. Returns true when the payment is still absent and still not applied, so
   * the next check should run. A failed read counts as absent, because the next check retries it.
   */
  async function checkOnce(orderNo: string): Promise<boolean> {
    const record = journal.getPayment(orderNo);
    if (record === null || record.state !== 'not-applied') return false;

    let figures: PaymentFigures | null;
    try {
      figures = await lookUp(record);
    } catch (error) {
      logger.warn('Late check of a payment failed', { orderNo, error: String(error) });
      return true;
    }
    if (stopped) return false;

    try {
      if (figures === null) {
        journal.recordLateCheckAbsent(orderNo);
        logger.info('Late check: payment still not in the transaction log', { orderNo });
        return true;
      }
      journal.recordPaymentAppliedLate(orderNo, figures);
    } catch (error) {
      // A journal write that fails must not end the checks as an unhandled rejection.
      logger.error('Late check could not record its result', { orderNo, error: String(error) });
      return true;
    }

    logger.error('Late check: payment recorded as not charged was charged later', {
      orderNo,
      actualPaymentFen: figures.actualPaymentFen,
    });
    const applied = journal.getPayment(orderNo);
    // NOTE: the cashier cannot dismiss the alert this raises. It shows for 24 hours after the find.
    if (applied !== null) onAppliedLate(applied);
    return false;
  }

  // NOTE: after a restart only this one check runs. The later checks (+10 min, +1 h) are not rescheduled.
  function checkRecentOnStart(): void {
    const sinceIso = new Date(now().getTime() - startupWindowMs).toISOString();
    const records = journal.listPaymentsForLateCheck(sinceIso);
    if (records.length === 0) return;
    logger.info('Late check of recent payments started', { count: records.length });
    track(
      (async () => {
        for (const record of records) {
          if (stopped) return;
          await checkOnce(record.orderNo);
        }
      })(),
    );
  }

  function stop(): void {
    stopped = true;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  }

  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.allSettled([...running]);
  }

  return { watch, checkRecentOnStart, stop, idle };
}
