import { z } from 'zod';
import { MAX_CODE_LENGTH, MAX_ORDER_NO_LENGTH } from '../limits';
import { MAX_INPUT_FEN } from '../money';
import { defineChannel } from './base';
import { outboxEntryViewSchema } from './outbox';

// Refunds of stored-value payments (储值退款) and returns of goods (退货). Both are written to the
// till's journal first and then sent by the outbox, so they work offline. The reply's status is
// then `queued` (待同步), and the outbox sends them when the server is back.

const orderNoSchema = z.string().trim().min(1).max(MAX_ORDER_NO_LENGTH);
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-MM-dd');

/** A payment that can be refunded, with what is left of it. */
export const refundablePaymentSchema = z.object({
  orderNo: z.string(),
  customerId: z.string().nullable(),
  cardNo: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  /** 原价 of the payment. */
  priceFen: z.int(),
  discountRatePercent: z.number().nullable(),
  discountFen: z.int().nullable(),
  /** 实付: what the payment took from the balance. */
  actualPaymentFen: z.int().nullable(),
  /**
   * Refunds sent or still queued (cancelled ones do not count), in 原价 fen.
   * NOTE: for a `log` payment this counts only the refunds in this till's journal. Refunds made
   * elsewhere are unknown to it, and the server rejects a refund beyond what is really left.
   */
  refundedFen: z.int(),
  /** 原价 − refundedFen: the most a new refund may be. */
  remainingFen: z.int(),
  /** ISO 8601 (journal) or the server's local time text (transaction log). */
  paidAt: z.string(),
  /**
   * `journal`: paid at this till, refundable offline. `log`: found in the member's transaction
   * log; refundable online only, and `priceFen` is estimated from 实付 and the member's rate.
   */
  source: z.enum(['journal', 'log']),
});
export type RefundablePayment = z.infer<typeof refundablePaymentSchema>;

/** This till's applied payments: one day's (default today), or one order number as scanned. */
export const refundPaymentsRequestSchema = z
  .strictObject({
    /** Local yyyy-MM-dd; default today. Ignored when `orderNo` is given. */
    day: daySchema.optional(),
    /** Exact order number, e.g. from the receipt's barcode. Searches every day. */
    orderNo: orderNoSchema.optional(),
    /** Part of an order number, e.g. its last digits; searches the chosen day. */
    search: z.string().trim().min(1).max(MAX_ORDER_NO_LENGTH).optional(),
  })
  .optional();
export type RefundPaymentsRequest = z.input<typeof refundPaymentsRequestSchema>;

export const refundPaymentsReplySchema = z.object({
  day: z.string(),
  payments: z.array(refundablePaymentSchema),
});
export type RefundPaymentsReply = z.infer<typeof refundPaymentsReplySchema>;

/** Online only: the member's till payments (businessType 5) from the transaction log. */
export const refundMemberPaymentsRequestSchema = z.strictObject({
  customerId: z.string().trim().min(1).max(64),
  cardNo: z.string().trim().min(1).max(MAX_CODE_LENGTH),
  /** yyyy-MM-dd, inclusive; default `days` days before `to`. */
  from: daySchema.optional(),
  /** yyyy-MM-dd, inclusive; default today in the server's time zone (the client's `timeZone`). */
  to: daySchema.optional(),
  /** How many days before `to` the default `from` is; default 30. Ignored when `from` is given. */
  days: z.int().min(1).max(366).optional(),
});
export type RefundMemberPaymentsRequest = z.input<typeof refundMemberPaymentsRequestSchema>;

export const refundMemberPaymentsReplySchema = z.object({ payments: z.array(refundablePaymentSchema) });
export type RefundMemberPaymentsReply = z.infer<typeof refundMemberPaymentsReplySchema>;

export const refundCreateRequestSchema = z.strictObject({
  originalOrderNo: orderNoSchema,
  /** 原价 to refund, positive; at most what is left of the payment. */
  amountFen: z.int().positive().max(MAX_INPUT_FEN),
  /**
   * The member, required when the payment is not in this till's journal (picked from the log).
   * Main reads the member again and checks the payment in the log.
   */
  customerId: z.string().trim().min(1).max(64).optional(),
  cardNo: z.string().trim().min(1).max(MAX_CODE_LENGTH).optional(),
  remark: z.string().trim().max(200).optional(),
});
export type RefundCreateRequest = z.input<typeof refundCreateRequestSchema>;

/**
 * The state of a refund or return after its first try: `sent` (the server applied it), `queued`
 * (待同步: written and waiting to be sent), `needs-attention` (rejected; see the entry's last
 * error) or `needs-review` (a person must check it in VIPax).
 */
export const submissionStatusSchema = z.enum(['sent', 'queued', 'needs-attention', 'needs-review']);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

export const refundCreateReplySchema = z.object({
  status: submissionStatusSchema,
  entry: outboxEntryViewSchema,
  /** The amount left to refund of the payment after this refund. */
  remainingFen: z.int(),
});
export type RefundCreateReply = z.infer<typeof refundCreateReplySchema>;

const goodsCodeSchema = z.string().trim().min(1).max(MAX_CODE_LENGTH);

export const returnLineSchema = z.strictObject({
  goodsCode: goodsCodeSchema,
  skuCode: goodsCodeSchema,
  /** The line's total refund. */
  amountFen: z.int().positive().max(MAX_INPUT_FEN),
  count: z.int().positive().max(100_000),
});
export type ReturnLineInput = z.input<typeof returnLineSchema>;

export const returnCreateRequestSchema = z
  .strictObject({
    /** The sale's order number. */
    originalOrderNo: orderNoSchema,
    /** One of card and phone is required; the server uses the card when both are given. */
    memberCardNo: z.string().trim().min(1).max(MAX_CODE_LENGTH).optional(),
    memberPhone: z.string().regex(/^1\d{10}$/, 'expected an 11-digit mobile number').optional(),
    /** Take back the points the original order earned (return_point). */
    returnPoints: z.boolean(),
    /** Take back the points of coupons (return_coupon_point). */
    returnCouponPoints: z.boolean().optional(),
    goods: z.array(returnLineSchema).min(1).max(500),
    remark: z.string().trim().max(200).optional(),
  })
  .refine((request) => request.memberCardNo !== undefined || request.memberPhone !== undefined, {
    message: 'memberCardNo or memberPhone is required',
    path: ['memberCardNo'],
  });
export type ReturnCreateRequest = z.input<typeof returnCreateRequestSchema>;

export const returnCreateReplySchema = z.object({
  status: submissionStatusSchema,
  entry: outboxEntryViewSchema,
});
export type ReturnCreateReply = z.infer<typeof returnCreateReplySchema>;

export const refundChannels = {
  'refund:payments': defineChannel(refundPaymentsRequestSchema, refundPaymentsReplySchema),
  'refund:member-payments': defineChannel(refundMemberPaymentsRequestSchema, refundMemberPaymentsReplySchema),
  'refund:create': defineChannel(refundCreateRequestSchema, refundCreateReplySchema),
  'return:create': defineChannel(returnCreateRequestSchema, returnCreateReplySchema),
};
