import { fenToYuanText } from '../../../common/money';
import { formatServerTime } from '../clock';
import { optionalDate, optionalInteger, optionalString, readPaging, RejectedCall, requiredString, requiredYuanAsFen, type Msg } from '../fields';
import { DUPLICATE_ORDER_NO_MESSAGE, trainingMessages as text } from '../messages';
import { serialIdFor } from '../seed';
import { findMemberByCode, findMembersByPhone, type SimLogEntry, type SimMember, type SimState } from '../state';
import { fenToYuanNumber, logEntryToWire, success } from '../wire';
import type { CallContext, MethodOutcome } from './context';
import { checkStoreCode } from './customer';

// Stored-value payments and refunds (储值消费). The rules, as a cashier meets them:
// - A payment takes price × rate / 100 from the balance, rounded half up to the fen
//   (10.01 yuan at rate 88 is 880.88 fen, so 8.81 yuan). The discount is price − that amount.
// - A refund has a negative price and names the payment in `oldOrderNo`. The refunded price of
//   all refunds of one payment can never exceed the payment's price.
// - A refund gives back the same share of what the payment took as its price is of the
//   payment's price. The share is computed on the running total and rounded half up, and the
//   earlier refunds are subtracted, so the refunds of a payment always add up to exactly what it
//   took once the whole price is refunded.
// - Every order number (payment or refund) can be used once. A repeat is rejected with
//   "订单号重复" before any other business check, so a resent payment is never applied twice.
// - A frozen card can neither pay nor be refunded.

interface StoredValueKind {
  payType: 3 | 5;
  refundType: 4 | 6;
}

/** paidConsumeByPro: the till's call, businessType 5 (payment) and 6 (refund). */
const POS: StoredValueKind = { payType: 5, refundType: 6 };
/** paidConsume: the online shop's call, businessType 3 (payment) and 4 (refund). */
const ONLINE: StoredValueKind = { payType: 3, refundType: 4 };

/**
 * customer.paidConsumeByPro: finds the member by `wxConsumeNo` (customerId, or a card number),
 * applies the payment or refund and returns the figures as the manual's sample does:
 * `{code: customerId, cardNo, cashPayRate, actualPayment, payRateAmount}` in yuan numbers,
 * negative for a refund.
 */
export function paidConsumeByPro(msg: Msg, context: CallContext): MethodOutcome {
  const memberNo = requiredString(msg, 'wxConsumeNo', 100);
  const request = readStoredValueRequest(msg, context.state);
  const member = findMemberByCode(context.state.members, memberNo);
  if (!member) throw new RejectedCall(text.memberNotFound);

  const entry = applyStoredValue(member, request, POS, context);
  const result = {
    code: member.customerId,
    cardNo: member.cardNo,
    cashPayRate: entry.discountRatePercent,
    actualPayment: fenToYuanNumber(entry.actualFen),
    payRateAmount: fenToYuanNumber(entry.priceFen - entry.actualFen),
  };
  return { reply: success(result), changed: true };
}

/**
 * customer.paidConsume: the same rules as paidConsumeByPro, but the member is found by
 * `wxConsumeNo` (wins) or `mobile`, and `result` is empty (null), as the manual documents.
 */
export function paidConsume(msg: Msg, context: CallContext): MethodOutcome {
  const memberNo = optionalString(msg, 'wxConsumeNo', 100);
  const mobile = optionalString(msg, 'mobile');
  const request = readStoredValueRequest(msg, context.state);

  let member: SimMember | undefined;
  if (memberNo !== null) {
    member = findMemberByCode(context.state.members, memberNo);
  } else if (mobile !== null) {
    const members = findMembersByPhone(context.state.members, mobile);
    if (members.length > 1) throw new RejectedCall(text.phoneHasSeveralCards);
    member = members[0];
  } else {
    throw new RejectedCall(text.consumeKeyRequired);
  }
  if (!member) throw new RejectedCall(text.memberNotFound);

  applyStoredValue(member, request, ONLINE, context);
  return { reply: success(null), changed: true };
}

interface StoredValueRequest {
  orderNo: string;
  priceFen: number;
  originalOrderNo: string | null;
  remark: string | null;
}

function readStoredValueRequest(msg: Msg, state: SimState): StoredValueRequest {
  checkStoreCode(state, requiredString(msg, 'storeCode'));
  const orderNo = requiredString(msg, 'orderNo', 64);
  const priceFen = requiredYuanAsFen(msg, 'price');
  if (priceFen === 0) throw new RejectedCall(text.zeroPrice);
  return {
    orderNo,
    priceFen,
    originalOrderNo: optionalString(msg, 'oldOrderNo', 64),
    remark: optionalString(msg, 'remark', 200),
  };
}

function applyStoredValue(member: SimMember, request: StoredValueRequest, kind: StoredValueKind, context: CallContext): SimLogEntry {
  const { state } = context;
  if (state.log.some((entry) => entry.businessNo === request.orderNo)) {
    throw new RejectedCall(DUPLICATE_ORDER_NO_MESSAGE);
  }
  if (member.state === 'frozen') throw new RejectedCall(text.memberFrozen);

  const figures = request.priceFen > 0 ? paymentFigures(member, request) : refundFigures(member, request, kind, state);

  // Every check has passed: change the balance and write the log entry.
  member.balanceFen += -figures.actualFen;
  state.sequences.serial += 1;
  const entry: SimLogEntry = {
    serialId: serialIdFor(state.sequences.serial),
    customerId: member.customerId,
    phone: member.phone,
    businessType: request.priceFen > 0 ? kind.payType : kind.refundType,
    businessNo: request.orderNo,
    storeCode: state.store.code,
    priceFen: request.priceFen,
    actualFen: figures.actualFen,
    discountRatePercent: figures.discountRatePercent,
    balanceAfterFen: member.balanceFen,
    originalOrderNo: request.priceFen > 0 ? null : request.originalOrderNo,
    remark: request.remark,
    payType: 3,
    createTime: formatServerTime(context.now, context.timeZone),
  };
  state.log.push(entry);
  return entry;
}

interface Figures {
  /** Taken from the balance: positive for a payment, negative (given back) for a refund. */
  actualFen: number;
  discountRatePercent: number;
}

function paymentFigures(member: SimMember, request: StoredValueRequest): Figures {
  const rate = member.discountRatePercent;
  const actualFen = divideRoundingHalfUp(BigInt(request.priceFen) * BigInt(rate), 100n);
  if (actualFen > member.balanceFen) throw new RejectedCall(text.insufficientBalance);
  return { actualFen, discountRatePercent: rate };
}

function refundFigures(member: SimMember, request: StoredValueRequest, kind: StoredValueKind, state: SimState): Figures {
  const originalOrderNo = request.originalOrderNo;
  if (originalOrderNo === null) throw new RejectedCall(text.oldOrderNoRequired);

  const payment = state.log.find((entry) => entry.businessNo === originalOrderNo && entry.businessType === kind.payType);
  if (!payment) throw new RejectedCall(text.originalPaymentNotFound(originalOrderNo));
  if (payment.customerId !== member.customerId) throw new RejectedCall(text.originalPaymentOfOtherMember(originalOrderNo));

  const earlierRefunds = state.log.filter((entry) => entry.businessType === kind.refundType && entry.originalOrderNo === originalOrderNo);
  const refundedPriceFen = earlierRefunds.reduce((sum, entry) => sum - entry.priceFen, 0);
  const givenBackFen = earlierRefunds.reduce((sum, entry) => sum - entry.actualFen, 0);

  const refundPriceFen = -request.priceFen;
  const leftFen = payment.priceFen - refundedPriceFen;
  if (refundPriceFen > leftFen) throw new RejectedCall(text.overRefund(fenToYuanText(leftFen)));

  // Running share of what the payment took, so rounding never drifts across partial refunds.
  const totalBackFen = divideRoundingHalfUp(
    BigInt(payment.actualFen) * BigInt(refundedPriceFen + refundPriceFen),
    BigInt(payment.priceFen),
  );
  return { actualFen: -(totalBackFen - givenBackFen), discountRatePercent: payment.discountRatePercent };
}

/** Divides two non-negative integers, rounding half up. It takes BigInt so that no product loses precision. */
function divideRoundingHalfUp(dividend: bigint, divisor: bigint): number {
  return Number((dividend * 2n + divisor) / (divisor * 2n));
}

/**
 * customer.getPaidConsumeLog: the transaction log of the member(s) found by mobile (all cards of
 * that phone) or other_id, filtered by date (yyyy-MM-dd, both ends inclusive, on createTime) and
 * businessType, newest first, one page at a time.
 */
export function getPaidConsumeLog(msg: Msg, { state }: CallContext): MethodOutcome {
  checkStoreCode(state, requiredString(msg, 'store_code'));
  const { pageNo, pageSize } = readPaging(msg);
  const from = optionalDate(msg, 'start_time');
  const to = optionalDate(msg, 'end_time');
  if (from !== null && to !== null && from > to) throw new RejectedCall(text.invalidDateRange);
  const businessType = optionalInteger(msg, 'businessType', { min: 1, max: 9 });

  const mobile = optionalString(msg, 'mobile');
  const otherId = optionalString(msg, 'other_id');
  let members: SimMember[];
  if (mobile !== null) {
    members = findMembersByPhone(state.members, mobile);
  } else if (otherId !== null) {
    members = state.members.filter((member) => member.otherId === otherId);
  } else {
    throw new RejectedCall(text.logKeyRequired);
  }
  if (members.length === 0) throw new RejectedCall(text.memberNotFound);

  const customerIds = new Set(members.map((member) => member.customerId));
  const matching = state.log
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => customerIds.has(entry.customerId))
    .filter(({ entry }) => businessType === null || entry.businessType === businessType)
    .filter(({ entry }) => from === null || entry.createTime.slice(0, 10) >= from)
    .filter(({ entry }) => to === null || entry.createTime.slice(0, 10) <= to)
    .sort(newestFirst);

  const page = matching.slice(pageNo * pageSize, (pageNo + 1) * pageSize).map(({ entry }) => logEntryToWire(entry));
  const result = {
    data: page,
    totalCount: matching.length,
    pageNo,
    pageSize,
    totalPage: Math.ceil(matching.length / pageSize),
  };
  return { reply: success(result), changed: false };
}

/** Orders log entries by createTime, newest first. Entries of the same millisecond keep the reverse of their log order. */
function newestFirst(a: { entry: SimLogEntry; index: number }, b: { entry: SimLogEntry; index: number }): number {
  if (a.entry.createTime !== b.entry.createTime) return a.entry.createTime < b.entry.createTime ? 1 : -1;
  return b.index - a.index;
}
