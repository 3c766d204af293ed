// Builds the `msg` of each method from the normalized domain input, checking the input first
// (see validate.ts). Field names, units and length limits are those of VIPax API manual 2.2:
// stored-value prices are yuan, order and return amounts are fen, times are wall-clock text.
import { MAX_CODE_LENGTH } from '../../common/limits';
import { fenToYuanText } from '../../common/money';
import type { LogQuery, MemberQuery, MemberUpdate, OrderUpload, ReturnUpload, StockQuery, StoredValueRequest } from './types';
import { formatWireDateTime } from './timestamp';
import {
  invalid,
  optionalBoolean,
  optionalDate,
  optionalInteger,
  optionalPhone,
  optionalText,
  requireChoice,
  requireFen,
  requireInstant,
  requireInteger,
  requireList,
  requirePhone,
  requireRecord,
  requireSignedFen,
  requireText,
} from './validate';

/** Values the client adds to every request on its own. */
export interface RequestContext {
  storeCode: string;
  brandId?: string;
  timeZone: string;
}

type Msg = Record<string, unknown>;

/** The server takes page sizes from 1 to 199. */
export const MAX_PAGE_SIZE = 199;
/** The server's page size when none is sent. */
export const DEFAULT_PAGE_SIZE = 50;

const MEMBER_QUERY_FIELDS = {
  cardNo: 'vip_no',
  phone: 'mobile',
  openId: 'openid',
  userId: 'user_id',
  otherId: 'other_id',
} as const;

export function buildMemberQueryMsg(query: MemberQuery, context: RequestContext): Msg {
  const input = requireRecord('query', query);
  const given = Object.keys(MEMBER_QUERY_FIELDS).filter((key) => input[key] !== undefined);
  if (given.length !== 1) {
    const names = Object.keys(MEMBER_QUERY_FIELDS).join(', ');
    throw invalid('query', 'one-of', `Give exactly one of ${names} to find a member (got ${given.length})`, names);
  }

  const key = given[0] as keyof typeof MEMBER_QUERY_FIELDS;
  const value = key === 'phone' ? requirePhone(key, input[key]) : requireText(key, input[key], MAX_CODE_LENGTH);
  return { store_code: context.storeCode, [MEMBER_QUERY_FIELDS[key]]: value };
}

export function buildMemberUpdateMsg(update: MemberUpdate, context: RequestContext): Msg {
  const input = requireRecord('update', update);
  const msg: Msg = {};
  const put = (wireName: string, value: unknown): void => {
    if (value !== undefined) msg[wireName] = value;
  };

  put('user_id', optionalText('userId', input.userId, 32));
  put('other_id', optionalText('otherId', input.otherId, 32));
  put('openid', optionalText('openId', input.openId, 32));
  put('mobile', optionalPhone('phone', input.phone));
  if (msg.user_id === undefined && msg.other_id === undefined && msg.openid === undefined && msg.mobile === undefined) {
    throw invalid('userId', 'one-of', 'Give at least one of userId, otherId, openId, phone to find the member', 'userId, otherId, openId, phone');
  }

  put('vip_no', optionalText('cardNo', input.cardNo, MAX_CODE_LENGTH));
  put('vip_offline_no', optionalText('offlineCardNo', input.offlineCardNo, 20));
  put('level_name', optionalText('levelName', input.levelName));
  put('vip_name', optionalText('name', input.name, 32));
  put('nick_name', optionalText('nickName', input.nickName, 32));
  put('birthday', optionalDate('birthday', input.birthday));
  if (input.sex !== undefined) put('vip_sex', requireChoice('sex', input.sex, ['male', 'female']) === 'male' ? '1' : '2');
  put('city_code', optionalText('cityCode', input.cityCode, 6));
  put('store_code', optionalText('storeCode', input.storeCode, 32));
  put('detail_add', optionalText('address', input.address, 50));
  if (context.brandId !== undefined) msg.brandId = context.brandId;
  return msg;
}

/**
 * Checks a payment or refund. A positive price pays and must not name an original order. A
 * negative price refunds and must name the original order, whose number differs from its own.
 */
function checkStoredValue(input: Record<string, unknown>): { priceFen: number; orderNo: string; originalOrderNo?: string } {
  const orderNo = requireText('orderNo', input.orderNo);
  const priceFen = requireSignedFen('priceFen', input.priceFen);
  const originalOrderNo = optionalText('originalOrderNo', input.originalOrderNo);

  if (priceFen < 0 && originalOrderNo === undefined) {
    throw invalid('originalOrderNo', 'required', 'originalOrderNo is required for a refund (negative priceFen)');
  }
  if (priceFen > 0 && originalOrderNo !== undefined) {
    throw invalid('originalOrderNo', 'conflict', 'originalOrderNo is only for refunds, but priceFen is positive');
  }
  if (originalOrderNo === orderNo) {
    throw invalid('orderNo', 'conflict', 'A refund needs its own orderNo, different from originalOrderNo');
  }
  return originalOrderNo === undefined ? { priceFen, orderNo } : { priceFen, orderNo, originalOrderNo };
}

function storedValueMsg(
  checked: ReturnType<typeof checkStoredValue>,
  remark: string | undefined,
  context: RequestContext,
): Msg {
  const msg: Msg = {
    storeCode: context.storeCode,
    orderNo: checked.orderNo,
    // `price` is yuan. Number("12.34") prints back as 12.34 in JSON, so no float error reaches the wire.
    price: Number(fenToYuanText(checked.priceFen)),
  };
  if (checked.originalOrderNo !== undefined) msg.oldOrderNo = checked.originalOrderNo;
  if (remark !== undefined) msg.remark = remark;
  if (context.brandId !== undefined) msg.brandId = context.brandId;
  return msg;
}

/** paidConsumeByPro: the member is found by member number (`wxConsumeNo`) alone. */
export function buildPaidConsumeByProMsg(request: StoredValueRequest, context: RequestContext): Msg {
  const input = requireRecord('request', request);
  const memberNo = requireText('memberNo', input.memberNo, 100);
  const checked = checkStoredValue(input);
  const remark = optionalText('remark', input.remark);
  return { ...storedValueMsg(checked, remark, context), wxConsumeNo: memberNo };
}

/** paidConsume: the member is found by phone (`mobile`) or member number (`wxConsumeNo`). */
export function buildPaidConsumeMsg(request: StoredValueRequest & { phone?: string }, context: RequestContext): Msg {
  const input = requireRecord('request', request);
  const phone = optionalPhone('phone', input.phone);
  const memberNo = input.memberNo === '' && phone !== undefined ? undefined : requireText('memberNo', input.memberNo, 100);
  const checked = checkStoredValue(input);
  const remark = optionalText('remark', input.remark);

  const msg = storedValueMsg(checked, remark, context);
  if (memberNo !== undefined) msg.wxConsumeNo = memberNo;
  if (phone !== undefined) msg.mobile = phone;
  return msg;
}

/** Returns the page number and size a paged request uses, checked, with the server's defaults. */
export function checkPage(input: Record<string, unknown>): { pageNo: number; pageSize: number } {
  const pageNo = optionalInteger('pageNo', input.pageNo, 0) ?? 0;
  const pageSize = optionalInteger('pageSize', input.pageSize, 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  return { pageNo, pageSize };
}

export function buildLogQueryMsg(query: LogQuery, context: RequestContext): Msg {
  const input = requireRecord('query', query);
  const { pageNo, pageSize } = checkPage(input);
  const msg: Msg = { store_code: context.storeCode, page_no: pageNo, page_size: pageSize };

  const phone = optionalPhone('phone', input.phone);
  if (phone !== undefined) msg.mobile = phone;
  const otherId = optionalText('otherId', input.otherId, 32);
  if (otherId !== undefined) msg.other_id = otherId;

  const from = optionalDate('from', input.from);
  const to = optionalDate('to', input.to);
  // yyyy-MM-dd strings compare in calendar order.
  if (from !== undefined && to !== undefined && from > to) {
    throw invalid('from', 'date-order', `from (${from}) must not be after to (${to})`, to);
  }
  if (from !== undefined) msg.start_time = from;
  if (to !== undefined) msg.end_time = to;

  if (input.businessType !== undefined) {
    msg.businessType = requireChoice('businessType', input.businessType, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }
  return msg;
}

export function buildOrderUploadMsg(order: OrderUpload, context: RequestContext): Msg {
  const input = requireRecord('order', order);
  const totalFen = requireFen('totalFen', input.totalFen, 1);
  const paidFen = requireFen('paidFen', input.paidFen, 0);
  if (paidFen > totalFen) {
    throw invalid('paidFen', 'too-large', `paidFen (${paidFen}) must not exceed totalFen (${totalFen})`, totalFen);
  }

  const msg: Msg = {
    member_phone: requirePhone('memberPhone', input.memberPhone),
    create_time: formatWireDateTime(requireInstant('createTime', input.createTime), context.timeZone),
    total_fee: totalFen,
    paid_fee: paidFen,
    store_code: context.storeCode,
    order_no: requireText('orderNo', input.orderNo),
    pay_type: requireChoice('payType', input.payType, [1, 2, 3]),
    pay_time: formatWireDateTime(requireInstant('payTime', input.payTime), context.timeZone),
  };

  if (input.couponFen !== undefined) msg.coupon_fee = requireFen('couponFen', input.couponFen, 0);
  if (input.pointsUsed !== undefined) msg.point = requireInteger('pointsUsed', input.pointsUsed, 0);
  if (input.couponCodes !== undefined) msg.coupon_code = joinCouponCodes(input.couponCodes);
  const tradeNo = optionalText('tradeNo', input.tradeNo);
  if (tradeNo !== undefined) msg.trade_no = tradeNo;
  const remark = optionalText('remark', input.remark);
  if (remark !== undefined) msg.remark = remark;

  msg.goods = requireList('goods', input.goods).map((item, index) => {
    const field = `goods[${index}]`;
    const line = requireRecord(field, item);
    return {
      goods_code: requireText(`${field}.goodsCode`, line.goodsCode, MAX_CODE_LENGTH),
      sku_code: requireText(`${field}.skuCode`, line.skuCode, MAX_CODE_LENGTH),
      price: requireFen(`${field}.priceFen`, line.priceFen, 0),
      dismount_price: requireFen(`${field}.discountedPriceFen`, line.discountedPriceFen, 0),
      count: requireInteger(`${field}.count`, line.count, 1),
    };
  });
  return msg;
}

/** Joins coupon codes into the one comma-separated string the server takes, so a code cannot contain a comma. */
function joinCouponCodes(value: unknown): string {
  if (!Array.isArray(value)) throw invalid('couponCodes', 'format', 'couponCodes must be a list of strings');
  return value
    .map((code, index) => {
      const text = requireText(`couponCodes[${index}]`, code);
      if (text.includes(',')) throw invalid(`couponCodes[${index}]`, 'format', `couponCodes[${index}] must not contain a comma`);
      return text;
    })
    .join(',');
}

export function buildReturnUploadMsg(upload: ReturnUpload, context: RequestContext): Msg {
  const input = requireRecord('upload', upload);
  const memberPhone = optionalPhone('memberPhone', input.memberPhone);
  const memberCardNo = optionalText('memberCardNo', input.memberCardNo, MAX_CODE_LENGTH);
  if (memberPhone === undefined && memberCardNo === undefined) {
    throw invalid('memberPhone', 'one-of', 'Give memberPhone or memberCardNo to name the member', 'memberPhone, memberCardNo');
  }

  const originalOrderNo = requireText('originalOrderNo', input.originalOrderNo);
  const returnOrderNo = requireText('returnOrderNo', input.returnOrderNo);
  if (originalOrderNo === returnOrderNo) {
    throw invalid('returnOrderNo', 'conflict', 'returnOrderNo must differ from originalOrderNo');
  }
  const returnPoints = optionalBoolean('returnPoints', input.returnPoints);
  if (returnPoints === undefined) throw invalid('returnPoints', 'required', 'returnPoints is required (true or false)');

  const msg: Msg = {
    member_phone: memberPhone ?? '',
    member_card_no: memberCardNo ?? '',
    store_code: context.storeCode,
    create_time: formatWireDateTime(requireInstant('createTime', input.createTime), context.timeZone),
    order_no: originalOrderNo,
    return_order_no: returnOrderNo,
    return_point: returnPoints ? 1 : 0,
    total_fee: requireFen('totalFen', input.totalFen, 1),
  };

  const returnCouponPoints = optionalBoolean('returnCouponPoints', input.returnCouponPoints);
  if (returnCouponPoints !== undefined) msg.return_coupon_point = returnCouponPoints ? 1 : 0;
  const remark = optionalText('remark', input.remark);
  if (remark !== undefined) msg.remark = remark;

  msg.goods = requireList('goods', input.goods).map((item, index) => {
    const field = `goods[${index}]`;
    const line = requireRecord(field, item);
    return {
      goods_code: requireText(`${field}.goodsCode`, line.goodsCode, MAX_CODE_LENGTH),
      sku_code: requireText(`${field}.skuCode`, line.skuCode, MAX_CODE_LENGTH),
      price: requireFen(`${field}.priceFen`, line.priceFen, 0),
      count: requireInteger(`${field}.count`, line.count, 1),
    };
  });
  return msg;
}

export function buildStockQueryMsg(query: StockQuery, context: RequestContext): Msg {
  const input = requireRecord('query', query);
  const { pageNo, pageSize } = checkPage(input);
  const msg: Msg = { store_code: context.storeCode, page_no: pageNo, page_size: pageSize };

  // An empty goods code requests every item, as the manual documents.
  if (input.goodsCode !== undefined && input.goodsCode !== '') {
    msg.goods_code = requireText('goodsCode', input.goodsCode, MAX_CODE_LENGTH);
  }
  return msg;
}
