import type {
  RefundablePayment,
  RefundCreateReply,
  RefundCreateRequest,
  RefundMemberPaymentsReply,
  RefundMemberPaymentsRequest,
  RefundPaymentsReply,
  RefundPaymentsRequest,
} from '../../../common/contract';
import { maskPhone } from '../../../common/contract';
import { TillError } from '../../ipc/errors';
import { formatLocalDay, type Journal, type MemberRef, type PaymentRecord } from '../../journal';
import { createLogger, type Logger } from '../../logging/logger';
import type { Outbox } from '../../outbox';
import { formatWireDate } from '../../vipax/timestamp';
import type { LogEntry, Member, VipaxClient } from '../../vipax/types';
import type { MemberService } from '../members';
import type { OnlineMonitor } from '../online-status';
import { toEntryView, toRefundablePayment, toSubmissionStatus } from './views';

// Refunds of stored-value payments. The original is picked from this till's journal (works
// offline) or, online, from the member's transaction log. The journal rejects a refund larger than
// what is left of the original before anything is written. The outbox then sends the refund as
// paidConsumeByPro with a negative price, the original order number and a new order number.

export interface RefundService {
  /** This till's applied payments of one day (default today), or the one with a scanned order number. */
  payments(request?: RefundPaymentsRequest): RefundPaymentsReply;
  /** The member's till payments from the transaction log; online only. */
  memberPayments(request: RefundMemberPaymentsRequest): Promise<RefundMemberPaymentsReply>;
  /** Writes the refund and sends it at once when possible; `queued` when it could not be sent yet. */
  create(request: RefundCreateRequest): Promise<RefundCreateReply>;
}

export interface RefundServiceOptions {
  journal: Journal;
  outbox: Outbox;
  client: VipaxClient;
  members: Pick<MemberService, 'readMember'>;
  monitor: Pick<OnlineMonitor, 'current'>;
  /**
   * IANA zone the server stamps its log in, the client's `timeZone` setting. The default range of
   * the member's log ends on today's date in this zone. Default Asia/Shanghai.
   */
  timeZone?: string;
  now?: () => Date;
  logger?: Logger;
}

const LOG_PAGE_SIZE = 199;
/** Stops after this many log pages (about 10,000 entries) when listing or finding a payment. */
const MAX_LOG_PAGES = 50;
/** Store POS purchase (门店POS消费): paidConsumeByPro's payments in the log. */
const POS_PAYMENT_TYPE = 5 as const;
const DEFAULT_LOG_DAYS = 30;

export function createRefundService(options: RefundServiceOptions): RefundService {
  const { journal, outbox, client, members, monitor } = options;
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const logger = options.logger ?? createLogger('refunds');

  function payments(request: RefundPaymentsRequest = {}): RefundPaymentsReply {
    const day = request.day ?? formatLocalDay(now());
    if (request.orderNo !== undefined) {
      const record = journal.getPayment(request.orderNo);
      if (record === null) {
        throw new TillError('not-found', `No payment with order number ${request.orderNo} at this till`, 'orderNo');
      }
      requireApplied(record);
      return { day: record.businessDay, payments: [toRefundablePayment(record)] };
    }

    const records = journal.listPayments({ day, orderNoContains: request.search, state: 'applied' });
    return { day, payments: records.map(toRefundablePayment) };
  }

  async function memberPayments(request: RefundMemberPaymentsRequest): Promise<RefundMemberPaymentsReply> {
    requireOnline();
    const member = await members.readMember(request.cardNo, request.customerId);
    // The server's log times are in its zone, so "today" is the date there, not this machine's.
    const to = request.to ?? formatWireDate(now(), timeZone);
    const from = request.from ?? shiftDay(to, -(request.days ?? DEFAULT_LOG_DAYS));
    const entries = await readPayments(member, { from, to });

    const payments: RefundablePayment[] = [];
    for (const entry of entries) {
      const payment = toLogPayment(member, entry);
      if (payment !== null) payments.push(payment);
    }
    return { payments };
  }

  async function create(request: RefundCreateRequest): Promise<RefundCreateReply> {
    const original = journal.getPayment(request.originalOrderNo);
    const target = original === null ? await originalFromLog(request) : originalFromJournal(original, request);

    const orderNo = journal.allocateOrderNo(now());
    const entry = await outbox.submit({
      payload: {
        kind: 'refund',
        request: {
          memberNo: target.customerId,
          orderNo,
          priceFen: -request.amountFen,
          originalOrderNo: request.originalOrderNo,
          ...(request.remark ? { remark: request.remark } : {}),
        },
      },
      member: target.member,
      ...(target.originalPriceFen === undefined ? {} : { originalPriceFen: target.originalPriceFen }),
    });

    const remainingFen = journal.remainingToRefund(request.originalOrderNo, target.originalPriceFen);
    logger.info('Refund created', { orderNo, originalOrderNo: request.originalOrderNo, amountFen: request.amountFen, state: entry.state });
    return { status: toSubmissionStatus(entry), entry: toEntryView(entry), remainingFen };
  }

  function originalFromJournal(record: PaymentRecord, request: RefundCreateRequest): RefundTarget {
    requireApplied(record);
    const customerId = record.member.customerId;
    if (customerId === null) {
      throw new TillError('not-found', `Payment ${record.orderNo} has no member recorded, so it cannot be refunded here`);
    }
    if (request.customerId !== undefined && request.customerId !== customerId) {
      throw new TillError('invalid-input', `Payment ${record.orderNo} belongs to member ${customerId}, not ${request.customerId}`, 'customerId');
    }
    return { customerId, member: record.member, originalPriceFen: undefined };
  }

  async function originalFromLog(request: RefundCreateRequest): Promise<RefundTarget> {
    if (request.customerId === undefined || request.cardNo === undefined) {
      throw new TillError(
        'not-found',
        `No payment with order number ${request.originalOrderNo} at this till; pick it from the member's transaction log`,
        'originalOrderNo',
      );
    }
    requireOnline();

    const member = await members.readMember(request.cardNo, request.customerId);
    if (member.state === 'frozen') throw new TillError('frozen', `Member card ${member.cardNo} is frozen`);
    const entries = await readPayments(member, {});
    const entry = entries.find((candidate) => candidate.businessNo === request.originalOrderNo);
    if (entry === undefined) {
      throw new TillError(
        'not-found',
        `No payment with order number ${request.originalOrderNo} in the transaction log of member ${member.customerId}`,
        'originalOrderNo',
      );
    }

    const actualPaymentFen = entry.changeFen === null ? 0 : Math.abs(entry.changeFen);
    return {
      customerId: member.customerId,
      member: { customerId: member.customerId, cardNo: member.cardNo, phone: member.phone },
      originalPriceFen: estimatePrice(actualPaymentFen, member.discountRatePercent),
    };
  }

  /** Reads every page of the member's till payments in the range, newest first. */
  async function readPayments(member: Member, range: { from?: string; to?: string }): Promise<LogEntry[]> {
    if (member.phone === null) {
      throw new TillError('not-found', `Member ${member.customerId} has no phone number, so the transaction log cannot be read`);
    }
    const found: LogEntry[] = [];
    for (let pageNo = 0; pageNo < MAX_LOG_PAGES; pageNo++) {
      const page = await client.getPaidConsumeLog({
        phone: member.phone,
        ...range,
        businessType: POS_PAYMENT_TYPE,
        pageNo,
        pageSize: LOG_PAGE_SIZE,
      });
      found.push(...page.entries.filter((entry) => entry.customerId === null || entry.customerId === member.customerId));
      if (page.entries.length === 0 || pageNo + 1 >= page.totalPage) return found;
    }
    logger.warn('Transaction log longer than the pages read', { customerId: member.customerId, pages: MAX_LOG_PAGES });
    return found;
  }

  /**
   * Describes a log entry as a refundable payment. A payment of this till comes from the journal
   * with its exact figures. Returns null for an entry without an order number. It also returns
   * null for a payment whose journal state is not applied or unknown, because `payment:resolve`
   * must settle that first.
   */
  function toLogPayment(member: Member, entry: LogEntry): RefundablePayment | null {
    const orderNo = entry.businessNo;
    if (orderNo === null || orderNo === '') return null;
    const record = journal.getPayment(orderNo);
    if (record !== null) return record.state === 'applied' ? toRefundablePayment(record) : null;

    const actualPaymentFen = entry.changeFen === null ? 0 : Math.abs(entry.changeFen);
    const priceFen = estimatePrice(actualPaymentFen, member.discountRatePercent);
    const remainingFen = journal.remainingToRefund(orderNo, priceFen);
    return {
      orderNo,
      customerId: member.customerId,
      cardNo: member.cardNo,
      phoneMasked: member.phone === null ? null : maskPhone(member.phone),
      priceFen,
      discountRatePercent: member.discountRatePercent,
      discountFen: priceFen - actualPaymentFen,
      actualPaymentFen,
      refundedFen: priceFen - remainingFen,
      remainingFen,
      paidAt: entry.createTime ?? '',
      source: 'log',
    };
  }

  function requireOnline(): void {
    if (monitor.current().connection === 'offline') {
      throw new TillError('offline', 'The VIPax server cannot be reached, so the transaction log cannot be read');
    }
  }

  return { payments, memberPayments, create };
}

interface RefundTarget {
  customerId: string;
  member: MemberRef;
  /** Set for an original from the log; the journal's own payment needs none. */
  originalPriceFen: number | undefined;
}

function requireApplied(record: PaymentRecord): void {
  if (record.state !== 'applied') {
    throw new TillError(
      'invalid-input',
      `Payment ${record.orderNo} is ${record.state}, not applied, so it cannot be refunded`,
      'originalOrderNo',
    );
  }
}

/**
 * Estimates a payment's 原价 from what it took (实付) and the member's current rate, because the
 * log does not carry the price. The server took round(price × rate / 100), so this is the nearest
 * price that gives that amount.
 * NOTE: wrong when the member's rate changed since the payment. The server still rejects an
 * over-refund, so the refund then needs attention with the server's message.
 */
export function estimatePrice(actualPaymentFen: number, discountRatePercent: number | null): number {
  if (discountRatePercent === null || discountRatePercent <= 0 || discountRatePercent > 100) return actualPaymentFen;
  return Math.round((actualPaymentFen * 100) / discountRatePercent);
}

/** Adds whole days to a yyyy-MM-dd date. */
function shiftDay(day: string, days: number): string {
  const time = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}
