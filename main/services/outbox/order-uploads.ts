import type { OrderFindReply, OrderNewNumberReply, OrderUploadReply, OrderUploadRequest } from '../../../common/contract';
import { TillError } from '../../ipc/errors';
import type { Journal, MemberRef, OutboxEntry, PaymentRecord } from '../../journal';
import { createLogger, type Logger } from '../../logging/logger';
import type { Outbox } from '../../outbox';
import type { MemberService } from '../members';
import { toEntryView, toSubmissionStatus } from './views';

// Sales orders uploaded for points (offlineUpload). A sale paid with stored value keeps its
// payment's order number, and the sale must match that payment: same member, total = 原价,
// paid = 实付, pay type 3. Any other sale takes a new order number from `newNumber`, which the
// journal records, and no other number is accepted: not a refund's or a return's, not a number
// typed by hand. Order numbers are compared exactly, so a number must arrive in the form the till
// issued it (no full-width forms, format characters or changed letter case). The outbox sends the
// upload like a refund. An upload cannot be looked up, so after an unknown outcome it is
// resent with the same number, and a "duplicate" rejection goes to a person for review.

export interface OrderUploadService {
  /** Hands out a new order number of this till for a sale not paid with stored value. */
  newNumber(): OrderNewNumberReply;
  /**
   * Writes the upload and sends it at once when possible. Before anything is written, it rejects
   * an order number that this till did not issue for a sale or a payment with `not-found`, a number
   * uploaded before with `already-exists`, and a sale unlike its lines or payment with `invalid-input`.
   */
  upload(request: OrderUploadRequest): Promise<OrderUploadReply>;
  /** Returns this till's upload of an order number, or null when there is none. */
  find(orderNo: string): OrderFindReply;
}

export interface OrderUploadServiceOptions {
  journal: Pick<Journal, 'allocateSaleOrderNo' | 'isSaleOrderNo' | 'getPayment' | 'findEntry'>;
  outbox: Outbox;
  /** Reads the member's phone when the request names the member by card only. */
  members: Pick<MemberService, 'readMember'>;
  now?: () => Date;
  logger?: Logger;
}

/** Stored value counts as pay type 3 (other) in offlineUpload. */
const STORED_VALUE_PAY_TYPE = 3;

export function createOrderUploadService(options: OrderUploadServiceOptions): OrderUploadService {
  const { journal, outbox, members } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger('order-uploads');
  /** Order numbers whose upload is being checked or written, so two calls cannot both pass the check. */
  const inFlight = new Set<string>();

  function newNumber(): OrderNewNumberReply {
    const orderNo = journal.allocateSaleOrderNo(now());
    logger.info('Order number handed out for a sale', { orderNo });
    return { orderNo };
  }

  async function upload(request: OrderUploadRequest): Promise<OrderUploadReply> {
    const { orderNo } = request;
    try {
      rejectForeignOrderNo(orderNo);
      rejectRepeatedUpload(orderNo);
    } catch (error) {
      logRejection(orderNo, error);
      throw error;
    }

    // Reserved until the entry is written, because the member read below may take a while.
    inFlight.add(orderNo);
    try {
      checkTotals(request);
      const payment = journal.getPayment(orderNo);
      const sale = payment === null ? await saleWithoutPayment(request) : saleOfPayment(payment, request);
      return await submit(request, sale);
    } catch (error) {
      logRejection(orderNo, error);
      throw error;
    } finally {
      inFlight.delete(orderNo);
    }
  }

  function logRejection(orderNo: string, error: unknown): void {
    if (!(error instanceof TillError)) return;
    logger.warn('Order upload rejected', { orderNo, code: error.code, field: error.field, error: error.message });
  }

  /**
   * Rejects an order number that is not exactly one this till issued for a sale or for a
   * stored-value payment. The sale of a payment that is not applied is rejected later, with its state.
   */
  function rejectForeignOrderNo(orderNo: string): void {
    const canonical = canonicalOrderNo(orderNo);
    if (canonical !== orderNo || !ORDER_NO_PATTERN.test(orderNo)) {
      throw new TillError(
        'not-found',
        `Order number ${JSON.stringify(orderNo)} is not in this till's form: only the letters, digits, '_' and '-' ` +
          `of a number from order:new-number or a stored-value payment are accepted (normalized: ${JSON.stringify(canonical)})`,
        'orderNo',
      );
    }
    if (journal.getPayment(orderNo) !== null || journal.isSaleOrderNo(orderNo)) return;

    const own = journal.findEntry('refund', orderNo) ?? journal.findEntry('return', orderNo);
    if (own !== null) {
      throw new TillError('not-found', `Order number ${orderNo} belongs to a ${own.kind}, not to a sale, so no sale can be uploaded under it`, 'orderNo');
    }
    throw new TillError(
      'not-found',
      `Order number ${orderNo} was not issued by this till for a sale or a stored-value payment; take a new one from order:new-number`,
      'orderNo',
    );
  }

  function rejectRepeatedUpload(orderNo: string): void {
    if (inFlight.has(orderNo)) {
      throw new TillError('already-exists', `Order ${orderNo} is being uploaded for points right now`, 'orderNo');
    }
    const existing = journal.findEntry('order-upload', orderNo);
    if (existing !== null) {
      throw new TillError(
        'already-exists',
        `Order ${orderNo} was already uploaded for points (outbox entry ${existing.id}, ${existing.state})`,
        'orderNo',
      );
    }
  }

  async function submit(request: OrderUploadRequest, sale: Sale): Promise<OrderUploadReply> {
    const createTime = now();
    const payTime = request.payTime === undefined ? (sale.paidAt ?? createTime) : new Date(request.payTime);

    const entry = await outbox.submit({
      payload: {
        kind: 'order-upload',
        request: {
          // NOTE: offlineUpload finds the member by phone only. When one phone holds several cards,
          // the server picks one (the training server takes the first), maybe not the card that paid.
          memberPhone: sale.member.phone,
          orderNo: request.orderNo,
          createTime,
          totalFen: request.totalFen,
          paidFen: request.paidFen,
          ...(request.couponFen === undefined ? {} : { couponFen: request.couponFen }),
          ...(request.pointsUsed === undefined ? {} : { pointsUsed: request.pointsUsed }),
          payType: request.payType,
          payTime,
          ...(request.tradeNo ? { tradeNo: request.tradeNo } : {}),
          ...(request.remark ? { remark: request.remark } : {}),
          goods: request.goods,
        },
      },
      member: sale.member,
    });

    logger.info('Order upload created', {
      orderNo: request.orderNo,
      totalFen: request.totalFen,
      ofPayment: sale.paidAt !== null,
      state: entry.state,
    });
    return toUploadReply(entry);
  }

  /** Checks a sale against the stored-value payment that has its order number. */
  function saleOfPayment(payment: PaymentRecord, request: OrderUploadRequest): Sale {
    const { orderNo } = request;
    if (payment.state !== 'applied') {
      throw new TillError('invalid-input', `Payment ${orderNo} is ${payment.state}, not applied, so its sale cannot be uploaded`, 'orderNo');
    }
    if (request.totalFen !== payment.priceFen) {
      throw new TillError(
        'invalid-input',
        `The sale of payment ${orderNo} must total its price of ${payment.priceFen} fen, not ${request.totalFen} fen`,
        'totalFen',
      );
    }
    const actualPaymentFen = payment.figures.actualPaymentFen;
    if (actualPaymentFen !== null && request.paidFen !== actualPaymentFen) {
      throw new TillError(
        'invalid-input',
        `The sale of payment ${orderNo} must have paid ${actualPaymentFen} fen, what the payment took, not ${request.paidFen} fen`,
        'paidFen',
      );
    }
    if (request.payType !== STORED_VALUE_PAY_TYPE) {
      throw new TillError('invalid-input', `The sale of stored-value payment ${orderNo} must have pay type 3 (other)`, 'payType');
    }

    const paidBy = payment.member;
    if (request.customerId !== undefined && paidBy.customerId !== null && request.customerId !== paidBy.customerId) {
      throw new TillError('invalid-input', `Payment ${orderNo} was made by member ${paidBy.customerId}, not ${request.customerId}`, 'customerId');
    }
    if (request.memberPhone !== undefined && paidBy.phone !== null && request.memberPhone !== paidBy.phone) {
      throw new TillError('invalid-input', `Payment ${orderNo} was made by a member with another phone number`, 'memberPhone');
    }

    const phone = paidBy.phone ?? request.memberPhone;
    if (phone === undefined) {
      throw new TillError('not-found', `The member of payment ${orderNo} has no phone number; enter it to upload the sale`, 'memberPhone');
    }
    return {
      member: { customerId: paidBy.customerId, cardNo: paidBy.cardNo, phone },
      paidAt: new Date(payment.createdAt),
    };
  }

  /** Finds the member's phone for a sale that has no stored-value payment at this till. */
  async function saleWithoutPayment(request: OrderUploadRequest): Promise<Sale> {
    const customerId = request.customerId ?? null;
    const cardNo = request.cardNo ?? null;
    if (request.memberPhone !== undefined) {
      return { member: { customerId, cardNo, phone: request.memberPhone }, paidAt: null };
    }
    if (customerId === null || cardNo === null) {
      throw new TillError('invalid-input', 'The member is missing: give memberPhone, or customerId and cardNo', 'memberPhone');
    }

    const member = await members.readMember(cardNo, customerId);
    if (member.state === 'frozen') throw new TillError('frozen', `Member card ${member.cardNo} is frozen`);
    if (member.phone === null) {
      throw new TillError('not-found', `Member ${customerId} has no phone number, which offlineUpload needs`, 'memberPhone');
    }
    return { member: { customerId, cardNo, phone: member.phone }, paidAt: null };
  }

  function find(orderNo: string): OrderFindReply {
    const entry = journal.findEntry('order-upload', orderNo);
    return { upload: entry === null ? null : toUploadReply(entry) };
  }

  return { newNumber, upload, find };
}

/** The member a sale is uploaded for, and when it was paid if a payment of this till has its number. */
interface Sale {
  member: MemberRef & { phone: string };
  paidAt: Date | null;
}

/** Letters, digits, '_' and '-': every character the store code, the till id and the rest of an order number may contain. */
const ORDER_NO_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Normalizes an order number to NFKC without format characters (zero-width spaces and the like) or surrounding white space. */
function canonicalOrderNo(orderNo: string): string {
  return orderNo.normalize('NFKC').replace(/\p{Cf}/gu, '').trim();
}

/**
 * Rejects a sale whose figures disagree: total = Σ unit price × count, paid at most the total,
 * each line's after-discount amount between 0 and its price × count, and those amounts adding up
 * to paid. A line's error names its field as `goods.<index>.discountedPriceFen`.
 */
function checkTotals(request: OrderUploadRequest): void {
  const linesFen = request.goods.reduce((sum, line) => sum + line.priceFen * line.count, 0);
  if (linesFen !== request.totalFen) {
    throw new TillError('invalid-input', `Total ${request.totalFen} fen is not the sum of the lines, ${linesFen} fen`, 'totalFen');
  }
  if (request.totalFen <= 0) {
    throw new TillError('invalid-input', 'The total must be more than 0 fen', 'totalFen');
  }
  if (request.paidFen > request.totalFen) {
    throw new TillError('invalid-input', `Paid ${request.paidFen} fen is more than the total ${request.totalFen} fen`, 'paidFen');
  }

  request.goods.forEach((line, index) => {
    const lineFen = line.priceFen * line.count;
    if (line.discountedPriceFen < 0 || line.discountedPriceFen > lineFen) {
      throw new TillError(
        'invalid-input',
        `Line ${index + 1}: the amount after discount, ${line.discountedPriceFen} fen, must be between 0 and price × count, ${lineFen} fen`,
        `goods.${index}.discountedPriceFen`,
      );
    }
  });
  const discountedFen = request.goods.reduce((sum, line) => sum + line.discountedPriceFen, 0);
  if (discountedFen !== request.paidFen) {
    throw new TillError(
      'invalid-input',
      `The lines' amounts after discount add up to ${discountedFen} fen, not to paid ${request.paidFen} fen`,
      'goods',
    );
  }
}

/** Describes an upload entry with the server's points once it was sent. */
export function toUploadReply(entry: OutboxEntry): OrderUploadReply {
  const result = entry.state === 'sent' ? pointsOf(entry.result) : null;
  return {
    status: toSubmissionStatus(entry),
    entry: toEntryView(entry),
    orderPoints: result?.orderPoints ?? null,
    memberPoints: result?.memberPoints ?? null,
  };
}

/**
 * Reads the points from an upload's stored result. An entry that a person confirmed as sent after
 * review has no result, so this returns null for it.
 */
function pointsOf(result: unknown): { orderPoints: number | null; memberPoints: number | null } | null {
  if (typeof result !== 'object' || result === null) return null;
  const { orderPoints, memberPoints } = result as { orderPoints?: unknown; memberPoints?: unknown };
  return {
    orderPoints: typeof orderPoints === 'number' ? orderPoints : null,
    memberPoints: typeof memberPoints === 'number' ? memberPoints : null,
  };
}
