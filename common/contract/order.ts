import { z } from 'zod';
import { MAX_CODE_LENGTH, MAX_ORDER_NO_LENGTH } from '../limits';
import { MAX_INPUT_FEN } from '../money';
import { defineChannel } from './base';
import { PHONE_PATTERN } from './member';
import { outboxEntryViewSchema } from './outbox';
import { submissionStatusSchema } from './refund';
import { emptyRequestSchema } from './till';

// Sales uploaded for points (销售上传, offlineUpload). Main writes the sale to the journal before the
// first send and the outbox sends it, so an upload works offline like a refund. One order number is
// uploaded at most once: main rejects a second upload of the same number with `already-exists`.

const orderNoSchema = z.string().trim().min(1).max(MAX_ORDER_NO_LENGTH);
const goodsCodeSchema = z.string().trim().min(1).max(MAX_CODE_LENGTH);

/** Maximum number of goods lines in one sale. */
export const MAX_ORDER_LINES = 500;

export const orderLineSchema = z.strictObject({
  goodsCode: goodsCodeSchema,
  skuCode: goodsCodeSchema,
  /** Unit price. */
  priceFen: z.int().nonnegative().max(MAX_INPUT_FEN),
  /** The line's amount after discount (all units together). */
  discountedPriceFen: z.int().nonnegative(),
  count: z.int().positive().max(100_000),
});
export type OrderLineInput = z.input<typeof orderLineSchema>;

/**
 * A sale to upload for points. `totalFen` must be the sum of unit price × count over the lines.
 * The member is given by phone, or by `customerId` and `cardNo`, and then main takes the phone from
 * the stored-value payment with this order number or reads the member from the server.
 */
export const orderUploadRequestSchema = z
  .strictObject({
    /** This till's order number: a new one from `order:new-number`, or a stored-value payment's. */
    orderNo: orderNoSchema,
    /** The member's full phone number: offlineUpload finds the member by it. */
    memberPhone: z.string().regex(PHONE_PATTERN, 'expected an 11-digit mobile number').optional(),
    customerId: z.string().trim().min(1).max(64).optional(),
    cardNo: z.string().trim().min(1).max(MAX_CODE_LENGTH).optional(),
    totalFen: z.int().nonnegative(),
    paidFen: z.int().nonnegative(),
    /** Coupon discount, usually totalFen − paidFen. */
    couponFen: z.int().nonnegative().optional(),
    pointsUsed: z.int().nonnegative().optional(),
    /** 1 Alipay, 2 WeChat, 3 other (stored value counts as other). */
    payType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** ISO 8601. Default: the time of the stored-value payment with this order number, else now. */
    payTime: z.iso.datetime({ offset: true }).optional(),
    tradeNo: z.string().trim().max(64).optional(),
    remark: z.string().trim().max(200).optional(),
    goods: z.array(orderLineSchema).min(1).max(MAX_ORDER_LINES),
  })
  .refine((request) => request.memberPhone !== undefined || (request.customerId !== undefined && request.cardNo !== undefined), {
    message: 'memberPhone, or customerId and cardNo, is required',
    path: ['memberPhone'],
  });
export type OrderUploadRequest = z.input<typeof orderUploadRequestSchema>;

/** An upload after its first try, or as the journal has it now. */
export const orderUploadReplySchema = z.object({
  status: submissionStatusSchema,
  entry: outboxEntryViewSchema,
  /** 订单积分: the points the order earned, from the server; null until sent or when the server left it out. */
  orderPoints: z.number().nullable(),
  /** 会员当前积分: the member's points after the order, from the server; null as for orderPoints. */
  memberPoints: z.number().nullable(),
});
export type OrderUploadReply = z.infer<typeof orderUploadReplySchema>;

export const orderNewNumberReplySchema = z.object({ orderNo: z.string() });
export type OrderNewNumberReply = z.infer<typeof orderNewNumberReplySchema>;

/** The upload of one order number, e.g. to check before a sale is entered that it was not uploaded yet. */
export const orderFindRequestSchema = z.strictObject({ orderNo: orderNoSchema });
export type OrderFindRequest = z.input<typeof orderFindRequestSchema>;

export const orderFindReplySchema = z.object({
  /** Null when this till never uploaded the order number. */
  upload: orderUploadReplySchema.nullable(),
});
export type OrderFindReply = z.infer<typeof orderFindReplySchema>;

export const orderChannels = {
  /** Hands out a new order number of this till, for a sale not paid with stored value. */
  'order:new-number': defineChannel(emptyRequestSchema, orderNewNumberReplySchema),
  'order:upload': defineChannel(orderUploadRequestSchema, orderUploadReplySchema),
  'order:find': defineChannel(orderFindRequestSchema, orderFindReplySchema),
};
