import { z } from 'zod';

// The training server's whole state: plain JSON, so it can be saved to and loaded from a data
// file as it is. Money is integer fen, and points are whole points.

const memberSchema = z.object({
  /** 会员号, e.g. "MEMB20160901006045": what paidConsumeByPro takes as `wxConsumeNo`. */
  customerId: z.string(),
  /** 会员卡号, e.g. "CARD201609016048". */
  cardNo: z.string(),
  /** 线下实卡: the physical card's number. */
  offlineCardNo: z.string().nullable(),
  name: z.string(),
  nickName: z.string().nullable(),
  phone: z.string().nullable(),
  openId: z.string().nullable(),
  /** 其他系统 ID: the member's id in the merchant's own system. */
  otherId: z.string().nullable(),
  unionId: z.string().nullable(),
  /** Level code as the server shows it in `level`, e.g. "V003". */
  levelCode: z.string(),
  levelName: z.string(),
  /** Stored-value discount rate in percent: 80 means the member pays 80% of the price. */
  discountRatePercent: z.number().int().min(1).max(100),
  balanceFen: z.number().int(),
  points: z.number().int(),
  state: z.enum(['active', 'frozen']),
  /** The id of the store where the member registered, e.g. "C625". */
  storeId: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  /** yyyy-MM-dd */
  birthday: z.string().nullable(),
  cityCode: z.string().nullable(),
  address: z.string().nullable(),
  logo: z.string().nullable(),
  /** MD5 of the member's password, as customer.update sends it. */
  passwordMd5: z.string().nullable(),
  /** Custom fields set by customer.update `props`, by storePropId. */
  props: z.record(z.string(), z.string()),
  /** "yyyy-MM-dd HH:mm:ss.SSS" in the server's time zone. */
  createTime: z.string(),
  updateTime: z.string(),
});

const levelSchema = z.object({
  code: z.string(),
  name: z.string(),
  discountRatePercent: z.number().int().min(1).max(100),
});

const logEntrySchema = z.object({
  serialId: z.string(),
  customerId: z.string(),
  phone: z.string().nullable(),
  /** 1..9, see BUSINESS_TYPE_NAMES. */
  businessType: z.number().int().min(1).max(9),
  /** The order number of a payment or refund, or a top-up code. */
  businessNo: z.string(),
  storeCode: z.string(),
  /** The price asked for: positive for a payment or top-up, negative for a refund or deduction. */
  priceFen: z.number().int(),
  /**
   * The amount after discount, with the sign of `priceFen`. A payment takes it from the
   * balance, a refund gives it back and a top-up adds it.
   */
  actualFen: z.number().int(),
  /** The member's rate applied to this entry. */
  discountRatePercent: z.number().int(),
  /** The balance after this entry. */
  balanceAfterFen: z.number().int(),
  /** For a refund: the order number of the payment it refunds. */
  originalOrderNo: z.string().nullable(),
  remark: z.string().nullable(),
  /** 1 Alipay, 2 WeChat, 3 other. */
  payType: z.number().int(),
  createTime: z.string(),
});

const orderLineSchema = z.object({
  goodsCode: z.string(),
  skuCode: z.string(),
  priceFen: z.number().int(),
  discountedPriceFen: z.number().int(),
  count: z.number(),
});

const orderSchema = z.object({
  /** The till's order number (`order_no`). */
  orderNo: z.string(),
  /** The platform's order number returned as `orderNo`. */
  platformOrderNo: z.string(),
  customerId: z.string(),
  storeCode: z.string(),
  totalFen: z.number().int(),
  paidFen: z.number().int(),
  couponFen: z.number().int(),
  pointsUsed: z.number().int(),
  /** Points the order earned. */
  orderPoints: z.number().int(),
  payType: z.number().int(),
  createTime: z.string(),
  payTime: z.string(),
  tradeNo: z.string().nullable(),
  remark: z.string().nullable(),
  goods: z.array(orderLineSchema),
  /** Sum of `total_fee` of the returns against this order. */
  returnedFen: z.number().int(),
  /** Sum of `total_fee` of the returns that took points back (`return_point` = 1). */
  pointReturnedFen: z.number().int(),
  /** Points already taken back by returns. */
  pointsTakenBack: z.number().int(),
  uploadTime: z.string(),
});

const returnLineSchema = z.object({
  goodsCode: z.string(),
  skuCode: z.string(),
  priceFen: z.number().int(),
  count: z.number(),
});

const returnSchema = z.object({
  returnOrderNo: z.string(),
  platformReturnNo: z.string(),
  orderNo: z.string(),
  customerId: z.string(),
  storeCode: z.string(),
  totalFen: z.number().int(),
  returnPoints: z.boolean(),
  returnCouponPoints: z.boolean(),
  /** Points taken back by this return. */
  pointsTakenBack: z.number().int(),
  createTime: z.string(),
  remark: z.string().nullable(),
  goods: z.array(returnLineSchema),
  uploadTime: z.string(),
});

const goodsSchema = z.object({
  goodsCode: z.string(),
  goodsName: z.string(),
  /** Decimal and possibly negative, as VIPax keeps stock (e.g. -5.346 g). */
  stock: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
});

export const stateSchema = z.object({
  version: z.literal(1),
  store: z.object({ code: z.string(), name: z.string() }),
  levels: z.array(levelSchema),
  members: z.array(memberSchema),
  log: z.array(logEntrySchema),
  orders: z.array(orderSchema),
  returns: z.array(returnSchema),
  goods: z.array(goodsSchema),
  /** Sequence numbers for serial ids and platform order numbers, so they stay unique across restarts. */
  sequences: z.object({ serial: z.number().int(), order: z.number().int(), return: z.number().int() }),
});

export type SimMember = z.infer<typeof memberSchema>;
export type SimLevel = z.infer<typeof levelSchema>;
export type SimLogEntry = z.infer<typeof logEntrySchema>;
export type SimOrder = z.infer<typeof orderSchema>;
export type SimReturn = z.infer<typeof returnSchema>;
export type SimGoods = z.infer<typeof goodsSchema>;
export type SimState = z.infer<typeof stateSchema>;

/** businessTypeValue of each businessType, as the manual names them. */
export const BUSINESS_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: '在线充值',
  2: '充值码兑换',
  3: '商城消费',
  4: '商城退款',
  5: '门店pos消费',
  6: '门店pos退款',
  7: '手工充值',
  8: '手工扣减',
  9: '店客源消费',
};

/** Finds a member by card number, physical card number or customerId: a scanned code may be any of them. */
export function findMemberByCode(members: readonly SimMember[], code: string): SimMember | undefined {
  return (
    members.find((member) => member.cardNo === code) ??
    members.find((member) => member.customerId === code) ??
    members.find((member) => member.offlineCardNo === code)
  );
}

/** Finds every card of a phone number, in the order the cards were created. */
export function findMembersByPhone(members: readonly SimMember[], phone: string): SimMember[] {
  return members.filter((member) => member.phone === phone);
}
