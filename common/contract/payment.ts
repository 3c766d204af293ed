import { z } from 'zod';
import { MAX_CODE_LENGTH, MAX_ORDER_NO_LENGTH } from '../limits';
import { MAX_INPUT_FEN } from '../money';
import { defineChannel } from './base';
import { emptyRequestSchema } from './till';

// Stored-value payment (储值消费) at the till. Amounts are integer fen. The figures a result shows
// are the server's, never a local guess; `previewPayment` below is only the estimate shown before
// the cashier confirms.

const orderNoSchema = z.string().trim().min(1).max(MAX_ORDER_NO_LENGTH);

export const paymentPayRequestSchema = z.strictObject({
  /** 会员号 of the member found by `member:lookup`. */
  customerId: z.string().trim().min(1).max(64),
  /** 会员卡号 of the same member; main reads the member again by it before paying. */
  cardNo: z.string().trim().min(1).max(MAX_CODE_LENGTH),
  /** 原价: the price before discount, positive. */
  amountFen: z.int().positive().max(MAX_INPUT_FEN),
});
export type PaymentPayRequest = z.input<typeof paymentPayRequestSchema>;

/** The server confirmed the charge: every figure here comes from the server. */
export const paymentChargedSchema = z.object({
  status: z.literal('charged'),
  orderNo: z.string(),
  customerId: z.string(),
  cardNo: z.string(),
  /** 原价 */
  priceFen: z.int(),
  /** 折扣率: 80 means 8折; null when the server did not send it. */
  discountRatePercent: z.number().nullable(),
  /** 优惠金额 */
  discountFen: z.int(),
  /** 实付: what left the stored-value balance. */
  actualPaymentFen: z.int(),
  /** The balance read again from the server after the charge; null when that read failed. */
  balanceFen: z.int().nullable(),
});
export type PaymentCharged = z.infer<typeof paymentChargedSchema>;

/**
 * The request was sent but no usable response came back, so the server may or may not have charged
 * the member. The till never resends it; `payment:resolve` finds out from the transaction log.
 */
export const paymentUnknownSchema = z.object({
  status: z.literal('unknown'),
  orderNo: z.string(),
  customerId: z.string(),
  cardNo: z.string(),
  priceFen: z.int(),
});
export type PaymentUnknown = z.infer<typeof paymentUnknownSchema>;

/** The transaction log has no entry with this order number: the member was not charged. */
export const paymentNotChargedSchema = z.object({
  status: z.literal('not-charged'),
  orderNo: z.string(),
  customerId: z.string(),
  cardNo: z.string(),
  priceFen: z.int(),
});
export type PaymentNotCharged = z.infer<typeof paymentNotChargedSchema>;

export const paymentPayReplySchema = z.discriminatedUnion('status', [paymentChargedSchema, paymentUnknownSchema]);
export type PaymentPayReply = z.infer<typeof paymentPayReplySchema>;

export const paymentResolveRequestSchema = z.strictObject({ orderNo: orderNoSchema });
export type PaymentResolveRequest = z.input<typeof paymentResolveRequestSchema>;

/**
 * The transaction log has an entry with this order number: the member was charged. The figures
 * come from that entry and are null when the server left them out.
 */
export const paymentChargedFromLogSchema = paymentChargedSchema.extend({
  discountFen: z.int().nullable(),
  actualPaymentFen: z.int().nullable(),
});
export type PaymentChargedFromLog = z.infer<typeof paymentChargedFromLogSchema>;

export const paymentResolveReplySchema = z.discriminatedUnion('status', [
  paymentChargedFromLogSchema,
  paymentNotChargedSchema,
]);
export type PaymentResolveReply = z.infer<typeof paymentResolveReplySchema>;

/** Payments of this till whose outcome is still unknown, oldest first, e.g. after a restart. */
export const paymentUnresolvedReplySchema = z.object({
  payments: z.array(
    paymentUnknownSchema.extend({
      /** ISO 8601 time the payment was sent. */
      startedAt: z.string(),
    }),
  ),
});
export type PaymentUnresolvedReply = z.infer<typeof paymentUnresolvedReplySchema>;

/**
 * A payment the till recorded as not charged after a log look-up, which a later look-up found in
 * the log: the server charged the member after all, and a person must check for a second payment.
 */
export const paymentAppliedLateSchema = z.object({
  orderNo: z.string(),
  customerId: z.string(),
  cardNo: z.string(),
  /** 原价 */
  priceFen: z.int(),
  /** 实付 from the log entry; null when the server left it out. */
  actualPaymentFen: z.int().nullable(),
  /** ISO 8601 time the payment was sent. */
  startedAt: z.string(),
  /** ISO 8601 time the late check found it. */
  appliedLateAt: z.string(),
});
export type PaymentAppliedLate = z.infer<typeof paymentAppliedLateSchema>;

export const paymentAppliedLateReplySchema = z.object({ payments: z.array(paymentAppliedLateSchema) });
export type PaymentAppliedLateReply = z.infer<typeof paymentAppliedLateReplySchema>;

export const paymentChannels = {
  'payment:pay': defineChannel(paymentPayRequestSchema, paymentPayReplySchema),
  'payment:resolve': defineChannel(paymentResolveRequestSchema, paymentResolveReplySchema),
  'payment:unresolved': defineChannel(emptyRequestSchema, paymentUnresolvedReplySchema),
  'payment:late-charges': defineChannel(emptyRequestSchema, paymentAppliedLateReplySchema),
};

export const paymentEvents = {
  'payment:charged-late': paymentAppliedLateSchema,
};

export interface PaymentPreview {
  priceFen: number;
  discountRatePercent: number;
  discountFen: number;
  actualPaymentFen: number;
  /** Negative when the balance does not cover the payment. */
  balanceAfterFen: number;
  sufficient: boolean;
}

/**
 * Estimates a payment before it is sent: 实付 = 原价 × rate / 100, rounded to the nearest fen with
 * halves rounded up. Returns null when the member's rate is unknown, because only the server can
 * tell then.
 */
export function previewPayment(
  member: { balanceFen: number; discountRatePercent: number | null },
  priceFen: number,
): PaymentPreview | null {
  const rate = member.discountRatePercent;
  if (rate === null || !Number.isFinite(rate) || rate < 0 || rate > 100) return null;

  // NOTE: the manual does not document the server's rounding. Half up matches the training server.
  const actualPaymentFen = Math.round((priceFen * rate) / 100);
  const balanceAfterFen = member.balanceFen - actualPaymentFen;
  return {
    priceFen,
    discountRatePercent: rate,
    discountFen: priceFen - actualPaymentFen,
    actualPaymentFen,
    balanceAfterFen,
    sufficient: balanceAfterFen >= 0,
  };
}
