import { formatServerTime } from '../clock';
import {
  optionalInteger,
  optionalPhone,
  optionalString,
  RejectedCall,
  requiredDateTime,
  requiredInteger,
  requiredObjectList,
  requiredString,
  type Msg,
} from '../fields';
import { DUPLICATE_ORDER_NO_MESSAGE, DUPLICATE_RETURN_ORDER_NO_MESSAGE, trainingMessages as text } from '../messages';
import { findMemberByCode, findMembersByPhone, type SimMember, type SimOrder, type SimReturn } from '../state';
import { success } from '../wire';
import type { CallContext, MethodOutcome } from './context';
import { checkStoreCode } from './customer';

// Sales orders and returns, which earn and take back points (积分). Amounts are fen, as the
// manual documents for these two methods. The rules:
// - An order earns 1 point per whole yuan of `paid_fee` (paid_fee 1999 fen earns 19 points).
//   Points used on the order (`point`) are taken from the member first and cannot exceed what
//   the member has.
// - A return with return_point = 1 takes back the points the order earned in proportion to
//   its `total_fee` against the order's `total_fee`, rounded down, computed on the running total
//   of such returns, so returning the whole order takes back exactly what it earned. A member's
//   points may go below zero when they were spent since.
// - The returns of an order can never add up to more than the order's `total_fee`.
// - `order_no` and `return_order_no` can each be used once; a repeat is rejected.
// - A frozen card can neither upload orders nor returns.

/**
 * order.offlineUpload: finds the member by member_phone (the first card when the phone has
 * several) and records the order. `result` is `{orderNo (the platform's number), orderPoint,
 * customerPoint}`.
 */
export function uploadOrder(msg: Msg, { state, now, timeZone }: CallContext): MethodOutcome {
  const phone = optionalPhone(msg, 'member_phone');
  if (phone === null) throw new RejectedCall(text.missingField('member_phone'));
  checkStoreCode(state, requiredString(msg, 'store_code'));
  const orderNo = requiredString(msg, 'order_no', 64);
  const createTime = requiredDateTime(msg, 'create_time');
  const totalFen = requiredInteger(msg, 'total_fee', { min: 0 });
  const paidFen = requiredInteger(msg, 'paid_fee', { min: 0 });
  const couponFen = optionalInteger(msg, 'coupon_fee', { min: 0 }) ?? 0;
  const pointsUsed = optionalInteger(msg, 'point', { min: 0 }) ?? 0;
  optionalString(msg, 'coupon_code', 500);
  const payType = requiredInteger(msg, 'pay_type', { min: 1, max: 3 });
  const payTime = requiredDateTime(msg, 'pay_time');
  const tradeNo = optionalString(msg, 'trade_no', 64);
  const remark = optionalString(msg, 'remark', 200);
  const goods = requiredObjectList(msg, 'goods').map((line) => ({
    goodsCode: requiredString(line, 'goods_code', 32),
    skuCode: requiredString(line, 'sku_code', 32),
    priceFen: requiredInteger(line, 'price', { min: 0 }),
    discountedPriceFen: requiredInteger(line, 'dismount_price', { min: 0 }),
    count: requiredInteger(line, 'count', { min: 1 }),
  }));
  if (paidFen > totalFen) throw new RejectedCall(text.paidFeeAboveTotal);

  const member = findMembersByPhone(state.members, phone)[0];
  if (!member) throw new RejectedCall(text.memberNotFound);
  if (state.orders.some((order) => order.orderNo === orderNo)) throw new RejectedCall(DUPLICATE_ORDER_NO_MESSAGE);
  if (member.state === 'frozen') throw new RejectedCall(text.memberFrozen);
  if (pointsUsed > member.points) throw new RejectedCall(text.insufficientPoints);

  const orderPoints = Math.floor(paidFen / 100);
  member.points += orderPoints - pointsUsed;
  state.sequences.order += 1;
  const order: SimOrder = {
    orderNo,
    platformOrderNo: `VPO${String(state.sequences.order).padStart(8, '0')}`,
    customerId: member.customerId,
    storeCode: state.store.code,
    totalFen,
    paidFen,
    couponFen,
    pointsUsed,
    orderPoints,
    payType,
    createTime,
    payTime,
    tradeNo,
    remark,
    goods,
    returnedFen: 0,
    pointReturnedFen: 0,
    pointsTakenBack: 0,
    uploadTime: formatServerTime(now, timeZone),
  };
  state.orders.push(order);

  const result = { orderNo: order.platformOrderNo, orderPoint: orderPoints, customerPoint: member.points };
  return { reply: success(result), changed: true };
}

/**
 * order.offLineReturnUpload: records a return against the original order.
 * The member is found by member_card_no (card number, physical card number or customerId),
 * which wins over member_phone. By phone, it is the card of that phone that placed the order.
 * `result` is `{returnOrderNo (the platform's number), returnPoint (points taken back), customerPoint}`.
 */
export function uploadReturn(msg: Msg, { state, now, timeZone }: CallContext): MethodOutcome {
  const cardNo = optionalString(msg, 'member_card_no');
  const phone = optionalPhone(msg, 'member_phone');
  if (cardNo === null && phone === null) throw new RejectedCall(text.returnMemberRequired);
  checkStoreCode(state, requiredString(msg, 'store_code'));
  const createTime = requiredDateTime(msg, 'create_time');
  const orderNo = requiredString(msg, 'order_no', 64);
  const returnOrderNo = requiredString(msg, 'return_order_no', 64);
  const returnPoints = requiredInteger(msg, 'return_point', { min: 0, max: 1 }) === 1;
  const returnCouponPoints = optionalInteger(msg, 'return_coupon_point', { min: 0, max: 1 }) === 1;
  const totalFen = requiredInteger(msg, 'total_fee', { min: 0 });
  const remark = optionalString(msg, 'remark', 200);
  const goods = requiredObjectList(msg, 'goods').map((line) => ({
    goodsCode: requiredString(line, 'goods_code', 32),
    skuCode: requiredString(line, 'sku_code', 32),
    priceFen: requiredInteger(line, 'price', { min: 0 }),
    count: requiredInteger(line, 'count', { min: 1 }),
  }));

  const order = state.orders.find((candidate) => candidate.orderNo === orderNo);
  const member = findReturnMember(state.members, cardNo, phone, order);
  if (state.returns.some((upload) => upload.returnOrderNo === returnOrderNo)) {
    throw new RejectedCall(DUPLICATE_RETURN_ORDER_NO_MESSAGE);
  }
  if (member.state === 'frozen') throw new RejectedCall(text.memberFrozen);
  if (!order) throw new RejectedCall(text.originalOrderNotFound(orderNo));
  if (order.customerId !== member.customerId) throw new RejectedCall(text.originalOrderOfOtherMember(orderNo));
  if (order.returnedFen + totalFen > order.totalFen) throw new RejectedCall(text.overReturn(order.totalFen - order.returnedFen));

  let pointsTakenBack = 0;
  if (returnPoints && order.totalFen > 0) {
    const runningTotal = Math.floor((order.orderPoints * (order.pointReturnedFen + totalFen)) / order.totalFen);
    pointsTakenBack = runningTotal - order.pointsTakenBack;
    order.pointReturnedFen += totalFen;
    order.pointsTakenBack += pointsTakenBack;
  }
  order.returnedFen += totalFen;
  member.points -= pointsTakenBack;
  state.sequences.return += 1;

  const upload: SimReturn = {
    returnOrderNo,
    platformReturnNo: `VPR${String(state.sequences.return).padStart(8, '0')}`,
    orderNo,
    customerId: member.customerId,
    storeCode: state.store.code,
    totalFen,
    returnPoints,
    returnCouponPoints,
    pointsTakenBack,
    createTime,
    remark,
    goods,
    uploadTime: formatServerTime(now, timeZone),
  };
  state.returns.push(upload);

  const result = { returnOrderNo: upload.platformReturnNo, returnPoint: pointsTakenBack, customerPoint: member.points };
  return { reply: success(result), changed: true };
}

function findReturnMember(members: SimMember[], cardNo: string | null, phone: string | null, order: SimOrder | undefined): SimMember {
  let member: SimMember | undefined;
  if (cardNo !== null) {
    member = findMemberByCode(members, cardNo);
  } else if (phone !== null) {
    const cards = findMembersByPhone(members, phone);
    member = cards.find((candidate) => candidate.customerId === order?.customerId) ?? cards[0];
  }
  if (!member) throw new RejectedCall(text.memberNotFound);
  return member;
}
