// Normalized domain values of the VIPax API. Everything above the client (services, journal,
// outbox, IPC, renderer) works with these shapes only; the wire's yuan decimals, string numbers,
// text states and alternative field names are resolved inside the client.
//
// Money is integer fen (see common/money.ts). Times the server sends as text are kept as the
// server's text ("2016-09-01 14:08:51.137"), because the server gives no time zone for them.

export type MemberState = 'active' | 'frozen';

export interface Member {
  /** 会员号, e.g. "MEMB20160901006045": the number paidConsumeByPro takes as `wxConsumeNo`. */
  customerId: string;
  /** 会员卡号, e.g. "CARD201609016048". */
  cardNo: string;
  /** 线下实卡: the physical card's number, when one is linked. */
  offlineCardNo: string | null;
  name: string;
  nickName: string | null;
  /** 11 digits, unmasked; mask it before showing or logging it. */
  phone: string | null;
  levelName: string | null;
  /** Stored-value balance (the API's `point`, which is yuan despite its name). */
  balanceFen: number;
  /** 累计积分: points earned so far. */
  accruedPoints: number | null;
  /** The member's stored-value discount rate: 80 means the member pays 80% (8折). */
  discountRatePercent: number | null;
  state: MemberState;
  storeId: string | null;
  openId: string | null;
}

/** Exactly one way to find a member. */
export type MemberQuery =
  | { cardNo: string }
  | { phone: string }
  | { openId: string }
  | { userId: string }
  | { otherId: string };

export interface MemberUpdate {
  userId?: string;
  otherId?: string;
  openId?: string;
  phone?: string;
  cardNo?: string;
  offlineCardNo?: string;
  levelName?: string;
  name?: string;
  nickName?: string;
  /** yyyy-MM-dd */
  birthday?: string;
  sex?: 'male' | 'female';
  cityCode?: string;
  storeCode?: string;
  address?: string;
}

/** A stored-value payment (positive price) or refund (negative price, with the original order number). */
export interface StoredValueRequest {
  /** The member's customerId (会员号). */
  memberNo: string;
  /** The till's own order number; the server writes it to the log as `businessNo`. */
  orderNo: string;
  /** Positive to pay, negative to refund. Never zero. */
  priceFen: number;
  /** Required for a refund: the order number of the payment being refunded. */
  originalOrderNo?: string;
  remark?: string;
}

export interface PaymentResult {
  orderNo: string;
  customerId: string;
  cardNo: string;
  /** The price sent (negative for a refund). */
  priceFen: number;
  discountRatePercent: number | null;
  /** 优惠金额: the discount the server granted. */
  discountFen: number;
  /** 实付: what the server took from (or, when negative, gave back to) the balance. */
  actualPaymentFen: number;
}

export interface LogQuery {
  phone?: string;
  otherId?: string;
  /** yyyy-MM-dd, inclusive. */
  from?: string;
  /** yyyy-MM-dd, inclusive. */
  to?: string;
  businessType?: BusinessType;
  /** Starts at 0. */
  pageNo?: number;
  /** 1..199; the server's default is 50. */
  pageSize?: number;
}

/**
 * 1 online top-up, 2 top-up code, 3 mall purchase, 4 mall refund, 5 store POS purchase,
 * 6 store POS refund, 7 manual top-up, 8 manual deduction, 9 店客源 purchase.
 */
export type BusinessType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface LogEntry {
  serialId: string;
  customerId: string | null;
  phone: string | null;
  /** The change of the balance in this entry, as the server reports it. */
  changeFen: number | null;
  /** Order number, refund number, top-up code or third-party number, depending on the type. */
  businessNo: string | null;
  businessType: number | null;
  businessTypeValue: string | null;
  createTime: string | null;
  /** 1 Alipay, 2 WeChat, 3 other. */
  payType: number | null;
  customerCurrentRechargeFen: number | null;
  customerCurrentGiftFen: number | null;
}

export interface LogPage {
  entries: LogEntry[];
  totalCount: number;
  pageNo: number;
  pageSize: number;
  totalPage: number;
}

export type PayType = 1 | 2 | 3;

export interface OrderLine {
  goodsCode: string;
  skuCode: string;
  /** Unit price. */
  priceFen: number;
  /** 优惠后的金额: the line's amount after discount. */
  discountedPriceFen: number;
  count: number;
}

export interface OrderUpload {
  memberPhone: string;
  orderNo: string;
  createTime: Date;
  totalFen: number;
  paidFen: number;
  couponFen?: number;
  pointsUsed?: number;
  couponCodes?: string[];
  payType: PayType;
  payTime: Date;
  tradeNo?: string;
  remark?: string;
  goods: OrderLine[];
}

export interface OrderUploadResult {
  /** The platform's own order number. */
  platformOrderNo: string | null;
  /** Points this order earned. */
  orderPoints: number | null;
  /** The member's points after the order. */
  memberPoints: number | null;
}

export interface ReturnLine {
  goodsCode: string;
  skuCode: string;
  /** The line's total refund. */
  priceFen: number;
  count: number;
}

export interface ReturnUpload {
  /** One of memberPhone and memberCardNo is required; the card wins when both are given. */
  memberPhone?: string;
  memberCardNo?: string;
  originalOrderNo: string;
  returnOrderNo: string;
  createTime: Date;
  /** Take back the points the original order earned. */
  returnPoints: boolean;
  returnCouponPoints?: boolean;
  totalFen: number;
  remark?: string;
  goods: ReturnLine[];
}

/** The manual documents no result fields for a return; these are read when the server sends them. */
export interface ReturnResult {
  returnOrderNo: string | null;
  /** Points taken back from the member. */
  returnedPoints: number | null;
  /** The member's points after the return. */
  memberPoints: number | null;
}

export interface StockQuery {
  /** Empty or absent: all goods. */
  goodsCode?: string;
  pageNo?: number;
  pageSize?: number;
}

export interface StockItem {
  goodsCode: string;
  goodsName: string | null;
  storeCode: string | null;
  storeName: string | null;
  /** Decimal and possibly negative, as the server keeps it (e.g. -5.346 g). */
  stock: number;
  unitCode: string | null;
  unitName: string | null;
}

export interface StockPage {
  items: StockItem[];
  pageNo: number;
  pageSize: number;
}

export interface PingResult {
  /** Round trip of one signed read, in milliseconds. */
  latencyMs: number;
  /** Server clock minus till clock, from the HTTP Date header; null when the server sends none. */
  clockOffsetMs: number | null;
}

/** The one client every part of the till uses. Reads retry network failures; writes never retry. */
export interface VipaxClient {
  ping(): Promise<PingResult>;
  getMembers(query: MemberQuery): Promise<Member[]>;
  updateMember(update: MemberUpdate): Promise<void>;
  /** Online consumption (paidConsume), member found by phone or member number. */
  paidConsume(request: StoredValueRequest & { phone?: string }): Promise<void>;
  /** Till consumption (paidConsumeByPro): the till's payment and refund call. */
  paidConsumeByPro(request: StoredValueRequest): Promise<PaymentResult>;
  getPaidConsumeLog(query: LogQuery): Promise<LogPage>;
  uploadOrder(order: OrderUpload): Promise<OrderUploadResult>;
  uploadReturn(upload: ReturnUpload): Promise<ReturnResult>;
  getStock(query: StockQuery): Promise<StockPage>;
}
