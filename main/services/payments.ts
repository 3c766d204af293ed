import type {
  PaymentAppliedLate,
  PaymentAppliedLateReply,
  PaymentCharged,
  PaymentPayReply,
  PaymentResolveReply,
  PaymentUnresolvedReply,
} from '../../common/contract';
import { previewPayment } from '../../common/contract';
import { TillError } from '../ipc/errors';
import type { Journal, PaymentFigures, PaymentRecord } from '../journal';
import { createLogger, type Logger } from '../logging/logger';
import { isVipaxError } from '../vipax/errors';
import type { LogEntry, Member, VipaxClient } from '../vipax/types';
import { createLateCheck, type LateCheckJournal, type LateCheckOptions } from './late-check';
import type { MemberService } from './members';
import type { OnlineMonitor } from './online-status';

// Stored-value payment. The order of steps is what keeps money safe:
// 1. reject what the till can decide alone (closing, offline, busy, frozen, balance too low);
// 2. write the payment to the journal as `sending`, so a crash leaves a record;
// 3. send paidConsumeByPro once and record its outcome. A payment is never sent twice: when the
//    response is lost, `resolve` reads the transaction log instead.

export type PaymentJournal = Pick<
  Journal,
  | 'allocateOrderNo'
  | 'recordPaymentStarted'
  | 'recordPaymentApplied'
  | 'recordPaymentNotApplied'
  | 'recordPaymentUnknown'
  | 'resolvePayment'
  | 'getPayment'
  | 'listPayments'
  | 'listPaymentsAppliedLate'
> &
  LateCheckJournal;

export interface PaymentService {
  pay(request: { customerId: string; cardNo: string; amountFen: number }): Promise<PaymentPayReply>;
  /** Finds out from the transaction log whether a payment with an unknown outcome was charged. */
  resolve(request: { orderNo: string }): Promise<PaymentResolveReply>;
  /** Lists this till's payments whose outcome is still unknown, oldest first. */
  unresolved(): PaymentUnresolvedReply;
  /**
   * Rejects every later payment with `busy`, then resolves when each payment in progress has its
   * outcome, or after `maxWaitMs`. Closing the till calls it.
   */
  settle(maxWaitMs: number): Promise<void>;
  /**
   * Lists payments a late check found in the log in the last `lateAlertWindowMs`, newest first:
   * each was recorded as not charged, and the server charged it after all.
   */
  appliedLate(): PaymentAppliedLateReply;
  /** Checks once, in the background, the recent payments a look-up settled as not charged (default: last 24 h). */
  checkRecentOnStart(): void;
  /** Cancels the scheduled late checks and waits for a check in progress. Closing the till calls it. */
  stopLateChecks(): Promise<void>;
}

export interface PaymentServiceOptions {
  client: VipaxClient;
  journal: PaymentJournal;
  members: MemberService;
  monitor: Pick<OnlineMonitor, 'current' | 'reportSuccess' | 'reportFailure'>;
  /**
   * The client's total timeout for one request. The server may apply a payment until this long
   * after its send started, even when a gateway answered sooner. Default 15000 ms.
   */
  requestTimeoutMs?: number;
  /**
   * Margin added to `requestTimeoutMs` before a log look-up may conclude "not charged", for a
   * server still writing its log. Default 5000 ms.
   */
  settleDelayMs?: number;
  /** Largest number of log pages read for one look-up. Default 100 (19,900 entries). */
  maxLogPages?: number;
  /** When to read the log again for a payment a look-up settled as not charged. */
  lateCheck?: LateCheckOptions;
  /** How long a payment found by a late check stays in `appliedLate`. Default 24 hours. */
  lateAlertWindowMs?: number;
  /** Called when a late check finds a payment the till had recorded as not charged. */
  onAppliedLate?: (payment: PaymentAppliedLate) => void;
  now?: () => Date;
  logger?: Logger;
}

const LOG_PAGE_SIZE = 199;

export function createPaymentService(options: PaymentServiceOptions): PaymentService {
  const { client, journal, members, monitor } = options;
  // A look-up may conclude "not charged" only this long after the payment's send started.
  const lookUpHorizonMs = (options.requestTimeoutMs ?? 15_000) + (options.settleDelayMs ?? 5000);
  const maxLogPages = options.maxLogPages ?? 100;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger('payments');

  /** Customer ids with a payment in flight, and order numbers being sent or looked up. */
  const busyMembers = new Set<string>();
  const busyOrders = new Set<string>();
  /** Payments in progress, from the member read to the outcome, so closing can wait for them. */
  const inProgress = new Set<Promise<PaymentPayReply>>();
  /** True once `settle` has run, because the till is closing and its client is about to close. */
  let closing = false;

  const lateAlertWindowMs = options.lateAlertWindowMs ?? 24 * 3_600_000;
  const lateCheck = createLateCheck({
    ...options.lateCheck,
    journal,
    lookUp: lookUpFigures,
    onAppliedLate: (record) => options.onAppliedLate?.(toAppliedLate(record)),
    now,
    logger,
  });

  async function pay(request: { customerId: string; cardNo: string; amountFen: number }): Promise<PaymentPayReply> {
    rejectIfClosing();
    if (monitor.current().connection === 'offline') {
      throw new TillError('offline', 'The VIPax server cannot be reached, so stored-value payment is unavailable');
    }
    if (busyMembers.has(request.customerId)) {
      throw new TillError('busy', `A payment for member ${request.customerId} is already in progress`);
    }

    busyMembers.add(request.customerId);
    const running = readAndSend(request);
    inProgress.add(running);
    try {
      return await running;
    } finally {
      inProgress.delete(running);
      busyMembers.delete(request.customerId);
    }
  }

  async function readAndSend(request: { customerId: string; cardNo: string; amountFen: number }): Promise<PaymentPayReply> {
    const member = await readBeforePaying(request.cardNo, request.customerId);
    checkPayable(member, request.amountFen);
    // Closing may have begun during the read. Nothing has been sent yet, so rejecting is safe.
    rejectIfClosing();
    return send(member, request.amountFen);
  }

  function rejectIfClosing(): void {
    if (closing) throw new TillError('busy', 'The till is closing, so the payment was not sent');
  }

  /**
   * Reads the member again for the checks. A read that got no usable response is reported as
   * `network`, because the payment itself was never sent and the cashier must not be told that
   * its outcome is unknown.
   */
  async function readBeforePaying(cardNo: string, customerId: string): Promise<Member> {
    try {
      return await members.readMember(cardNo, customerId);
    } catch (error) {
      if (!isVipaxError(error) || error.kind !== 'unknown-outcome') throw error;
      logger.warn('Member read before payment failed; nothing sent', { customerId, error: error.message });
      throw new TillError('network', `Member ${customerId} could not be read before paying, so nothing was sent: ${error.message}`);
    }
  }

  async function send(member: Member, priceFen: number): Promise<PaymentPayReply> {
    const orderNo = journal.allocateOrderNo();
    journal.recordPaymentStarted({
      orderNo,
      member: { customerId: member.customerId, cardNo: member.cardNo, phone: member.phone },
      priceFen,
    });
    logger.info('Payment sending', { orderNo, customerId: member.customerId, priceFen });

    busyOrders.add(orderNo);
    try {
      const result = await client.paidConsumeByPro({ memberNo: member.customerId, orderNo, priceFen });
      journal.recordPaymentApplied(orderNo, result);
      monitor.reportSuccess();
      logger.info('Payment applied', { orderNo, actualPaymentFen: result.actualPaymentFen, discountFen: result.discountFen });

      const charged: PaymentCharged = {
        status: 'charged',
        orderNo,
        customerId: member.customerId,
        cardNo: member.cardNo,
        priceFen,
        discountRatePercent: result.discountRatePercent,
        discountFen: result.discountFen,
        actualPaymentFen: result.actualPaymentFen,
        balanceFen: await readBalance(member, orderNo),
      };
      return charged;
    } catch (error) {
      return recordFailure(error, member, orderNo, priceFen);
    } finally {
      busyOrders.delete(orderNo);
    }
  }

  function recordFailure(error: unknown, member: Member, orderNo: string, priceFen: number): PaymentPayReply {
    const certainlyNotApplied =
      isVipaxError(error) && (error.kind === 'network' || error.kind === 'rejected' || error.kind === 'invalid-input');

    if (certainlyNotApplied) {
      journal.recordPaymentNotApplied(orderNo, error);
      if (error.kind === 'network') monitor.reportFailure(error);
      logger.warn('Payment not applied', { orderNo, kind: error.kind, error: error.message });
      throw error;
    }

    // Anything else (a lost response, a closed client or journal, a bug after the request may
    // have left) could have charged the member, so the payment stays open until a look-up in the
    // transaction log settles it.
    const message = error instanceof Error ? error.message : String(error);
    try {
      journal.recordPaymentUnknown(orderNo, error);
    } catch (journalError) {
      // The record stays `sending`, and the next start turns it into `unknown`.
      logger.error('Payment outcome unknown and not recorded', { orderNo, error: message, journalError: String(journalError) });
    }
    if (isVipaxError(error)) monitor.reportFailure(error);
    logger.warn('Payment outcome unknown', { orderNo, error: message });

    return { status: 'unknown', orderNo, customerId: member.customerId, cardNo: member.cardNo, priceFen };
  }

  async function readBalance(member: Member, orderNo: string): Promise<number | null> {
    try {
      const fresh = await members.readMember(member.cardNo, member.customerId);
      return fresh.balanceFen;
    } catch (error) {
      logger.warn('Balance re-read after payment failed', { orderNo, error: String(error) });
      return null;
    }
  }

  async function resolve(request: { orderNo: string }): Promise<PaymentResolveReply> {
    const record = journal.getPayment(request.orderNo);
    if (record === null) throw new TillError('not-found', `No payment with order number ${request.orderNo} at this till`);
    if (busyOrders.has(record.orderNo)) {
      throw new TillError('busy', `Payment ${record.orderNo} is still being sent or looked up`);
    }

    busyOrders.add(record.orderNo);
    try {
      return await resolveRecord(record);
    } finally {
      busyOrders.delete(record.orderNo);
    }
  }

  async function resolveRecord(record: PaymentRecord): Promise<PaymentResolveReply> {
    const base = {
      orderNo: record.orderNo,
      customerId: record.member.customerId ?? '',
      cardNo: record.member.cardNo ?? '',
      priceFen: record.priceFen,
    };

    if (record.state === 'not-applied') return { status: 'not-charged', ...base };
    if (record.state === 'applied') {
      return {
        status: 'charged',
        ...base,
        discountRatePercent: record.figures.discountRatePercent,
        discountFen: record.figures.discountFen,
        actualPaymentFen: record.figures.actualPaymentFen,
        balanceFen: null,
      };
    }
    if (record.state === 'sending') {
      // Only a crash leaves `sending` behind, and start-up turns those into `unknown`.
      throw new TillError('busy', `Payment ${record.orderNo} is still being sent`);
    }

    await waitForSettle(record);
    const member = await memberOf(record);
    const entry = await findInLog(member, record);

    if (entry === null) {
      journal.resolvePayment(record.orderNo, 'not-applied');
      logger.info('Payment resolved: not in the transaction log', { orderNo: record.orderNo });
      // A server slower than the look-up horizon may still apply it, so the log is read again later.
      lateCheck.watch(record);
      return { status: 'not-charged', ...base };
    }

    const figures = figuresFromLog(entry, member, record);
    journal.resolvePayment(record.orderNo, 'applied', figures);
    logger.info('Payment resolved: found in the transaction log', { orderNo: record.orderNo, actualPaymentFen: figures.actualPaymentFen });

    return {
      status: 'charged',
      ...base,
      discountRatePercent: figures.discountRatePercent,
      discountFen: figures.discountFen,
      actualPaymentFen: figures.actualPaymentFen,
      balanceFen: member.balanceFen,
    };
  }

  async function lookUpFigures(record: PaymentRecord): Promise<PaymentFigures | null> {
    const member = await memberOf(record);
    const entry = await findInLog(member, record);
    return entry === null ? null : figuresFromLog(entry, member, record);
  }

  /**
   * Waits until the look-up horizon after the send started. The record is written just before the
   * send, so its creation time stands for the send's start. The wait is clamped to the horizon, so
   * a clock set back (or a damaged time) waits the full horizon at most, never longer.
   */
  // NOTE: a server that applies a request later than the client's timeout plus the margin is
  // first reported as not charged. The manual says nothing about how long VIPax may take, so the
  // late check reads the log again later and raises such a payment for a person.
  async function waitForSettle(record: PaymentRecord): Promise<void> {
    const sentAtMs = Date.parse(record.createdAt);
    const remainingMs = Number.isFinite(sentAtMs) ? sentAtMs + lookUpHorizonMs - now().getTime() : lookUpHorizonMs;
    const waitMs = Math.min(Math.max(remainingMs, 0), lookUpHorizonMs);
    if (waitMs > 0) await new Promise((resolveTimer) => setTimeout(resolveTimer, waitMs));
  }

  async function memberOf(record: PaymentRecord): Promise<Member> {
    const { customerId, cardNo } = record.member;
    if (customerId === null || cardNo === null) {
      throw new TillError('not-found', `Payment ${record.orderNo} has no member recorded, so its log cannot be read`);
    }
    return members.readMember(cardNo, customerId);
  }

  /**
   * Reads every page of the member's transaction log from the day before the payment to the day
   * after, because the server's day may differ from the till's, and returns the entry whose
   * business number is the order number.
   */
  async function findInLog(member: Member, record: PaymentRecord): Promise<LogEntry | null> {
    const phone = member.phone ?? record.member.phone;
    if (phone === null) {
      throw new TillError('not-found', `Member ${member.customerId} has no phone number, so the log cannot be searched`);
    }

    const from = shiftDay(record.businessDay, -1);
    const to = shiftDay(record.businessDay, 1);
    for (let pageNo = 0; pageNo < maxLogPages; pageNo++) {
      const page = await client.getPaidConsumeLog({ phone, from, to, pageNo, pageSize: LOG_PAGE_SIZE });
      const entry = page.entries.find((candidate) => isEntryOfPayment(candidate, record));
      if (entry !== undefined) return entry;
      if (page.entries.length === 0 || pageNo + 1 >= page.totalPage) return null;
    }

    // Stopping early would turn "not found yet" into "not charged", which is never safe.
    throw new TillError('unknown-outcome', `The transaction log of ${member.customerId} has more than ${maxLogPages} pages`);
  }

  function unresolved(): PaymentUnresolvedReply {
    const records = journal.listPayments({ state: 'unknown' }).reverse();
    return {
      payments: records.map((record) => ({
        status: 'unknown' as const,
        orderNo: record.orderNo,
        customerId: record.member.customerId ?? '',
        cardNo: record.member.cardNo ?? '',
        priceFen: record.priceFen,
        startedAt: record.createdAt,
      })),
    };
  }

  async function settle(maxWaitMs: number): Promise<void> {
    closing = true;
    if (inProgress.size === 0) return;
    logger.info('Waiting for payments in progress', { count: inProgress.size, maxWaitMs });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolveTimer) => {
      timer = setTimeout(resolveTimer, maxWaitMs);
    });
    await Promise.race([Promise.allSettled([...inProgress]), timeout]);
    clearTimeout(timer);
  }

  function appliedLate(): PaymentAppliedLateReply {
    const sinceIso = new Date(now().getTime() - lateAlertWindowMs).toISOString();
    return { payments: journal.listPaymentsAppliedLate(sinceIso).map(toAppliedLate) };
  }

  async function stopLateChecks(): Promise<void> {
    lateCheck.stop();
    await lateCheck.idle();
  }

  return {
    pay,
    resolve,
    unresolved,
    settle,
    appliedLate,
    checkRecentOnStart: () => lateCheck.checkRecentOnStart(),
    stopLateChecks,
  };
}

/** Computes a payment's figures from its log entry: 实付 is the size of the balance change, and the rate is the member's. */
function figuresFromLog(entry: LogEntry, member: Member, record: PaymentRecord): PaymentFigures {
  const actualPaymentFen = entry.changeFen === null ? null : Math.abs(entry.changeFen);
  return {
    discountRatePercent: member.discountRatePercent,
    discountFen: actualPaymentFen === null ? null : record.priceFen - actualPaymentFen,
    actualPaymentFen,
  };
}

function toAppliedLate(record: PaymentRecord): PaymentAppliedLate {
  return {
    orderNo: record.orderNo,
    customerId: record.member.customerId ?? '',
    cardNo: record.member.cardNo ?? '',
    priceFen: record.priceFen,
    actualPaymentFen: record.figures.actualPaymentFen,
    startedAt: record.createdAt,
    appliedLateAt: record.appliedLateAt ?? record.updatedAt,
  };
}

/** Rejects a payment the till can refuse without asking the server. */
function checkPayable(member: Member, amountFen: number): void {
  if (member.state === 'frozen') {
    throw new TillError('frozen', `Member card ${member.cardNo} is frozen`);
  }

  const preview = previewPayment(member, amountFen);
  // With no known rate only the server can tell, unless the balance is empty.
  const insufficient = preview === null ? member.balanceFen <= 0 : !preview.sufficient;
  if (insufficient) {
    throw new TillError(
      'insufficient-balance',
      `Balance ${member.balanceFen} fen does not cover ${preview?.actualPaymentFen ?? amountFen} fen`,
    );
  }
}

/** Adds whole days to a yyyy-MM-dd date. */
function shiftDay(day: string, days: number): string {
  const time = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Log entry types that add to a balance (top-ups and refunds): an entry of these types carrying a
 * payment's order number is not that payment. 1 online top-up, 2 top-up code, 4 mall refund,
 * 6 store POS refund, 7 manual top-up.
 */
const CREDIT_BUSINESS_TYPES: ReadonlySet<number> = new Set([1, 2, 4, 6, 7]);

/**
 * Tells whether a log entry records this payment: the same order number, of the same member when
 * the entry names one, and not a credit. The log is read by phone, which may hold several cards,
 * and the manual does not promise order numbers unique across entry types.
 */
function isEntryOfPayment(entry: LogEntry, record: PaymentRecord): boolean {
  if (entry.businessNo !== record.orderNo) return false;
  if (entry.customerId !== null && record.member.customerId !== null && entry.customerId !== record.member.customerId) return false;
  return entry.businessType === null || !CREDIT_BUSINESS_TYPES.has(entry.businessType);
}
