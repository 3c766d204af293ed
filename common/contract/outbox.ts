import { z } from 'zod';
import { defineChannel } from './base';
import { emptyRequestSchema } from './till';

// The outbox: refunds, returns and order uploads written at this till and sent to VIPax in the
// background. Every entry stays listed with its state, last error and attempts; a cancel keeps it
// with the cashier's reason. Main pushes `outbox:changed` after every change, for the indicator.

export const outboxKindSchema = z.enum(['refund', 'return', 'order-upload']);
export type OutboxKindView = z.infer<typeof outboxKindSchema>;

/**
 * - pending: waiting to be sent (待同步), e.g. offline or behind an earlier entry of the member;
 * - sending: a request or a log look-up is in flight;
 * - sent: the server applied it;
 * - needs-attention: the server rejected it; the last error is the server's message verbatim;
 * - needs-review: the server reports the number as already used, or the outcome cannot be looked
 *   up, so a person checks in VIPax and confirms it as sent or cancels it;
 * - cancelled: a person cancelled it with a written reason.
 */
export const outboxStateSchema = z.enum(['pending', 'sending', 'sent', 'needs-attention', 'needs-review', 'cancelled']);
export type OutboxStateView = z.infer<typeof outboxStateSchema>;

export const outboxErrorSchema = z.object({
  /** network, unknown-outcome, rejected, invalid-input or internal. */
  kind: z.string(),
  /** For `rejected`, the server's message verbatim. */
  message: z.string(),
});

export const outboxEntryViewSchema = z.object({
  id: z.int(),
  kind: outboxKindSchema,
  /** The till's own number: the refund's order number, the return's return order number, the order's number. */
  orderNo: z.string(),
  /** The refunded payment or the sale a return belongs to. */
  originalOrderNo: z.string().nullable(),
  customerId: z.string().nullable(),
  cardNo: z.string().nullable(),
  /** Masked as Chinese receipts do, e.g. "139****8173". */
  phoneMasked: z.string().nullable(),
  /** Positive: the refund's amount, the return's or the order's total. */
  amountFen: z.int(),
  state: outboxStateSchema,
  /** True when the last send may have reached the server, so the next step checks before resending. */
  outcomeUnknown: z.boolean(),
  lastError: outboxErrorSchema.nullable(),
  /** Sends so far (look-ups not counted). */
  attemptCount: z.int(),
  /** ISO 8601 time of the next try, while pending. */
  nextAttemptAt: z.string().nullable(),
  /** The cancel reason, or what a person must review. */
  note: z.string().nullable(),
  /** For a refund once sent: the server's figures (实付 is negative, money given back). */
  discountRatePercent: z.number().nullable(),
  discountFen: z.int().nullable(),
  actualPaymentFen: z.int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxEntryView = z.infer<typeof outboxEntryViewSchema>;

/** The figures of the always-visible outbox indicator. */
export const outboxStatusSchema = z.object({
  /** Entries not sent yet: pending or sending. */
  pendingCount: z.int().nonnegative(),
  needsAttentionCount: z.int().nonnegative(),
  needsReviewCount: z.int().nonnegative(),
  /** ISO 8601 time the oldest pending entry was written, or null. */
  oldestPendingAt: z.string().nullable(),
  /** Milliseconds since then, at the time of the reply or event. */
  oldestPendingAgeMs: z.number().nonnegative().nullable(),
});
export type OutboxStatusView = z.infer<typeof outboxStatusSchema>;

export const outboxListRequestSchema = z
  .strictObject({
    kind: outboxKindSchema.optional(),
    states: z.array(outboxStateSchema).min(1).optional(),
    /** Matches the entry's own or original order number exactly. */
    orderNo: z.string().trim().min(1).max(64).optional(),
    limit: z.int().min(1).max(1000).default(200),
  })
  .optional();
export type OutboxListRequest = z.input<typeof outboxListRequestSchema>;

export const outboxListReplySchema = z.object({ entries: z.array(outboxEntryViewSchema) });
export type OutboxListReply = z.infer<typeof outboxListReplySchema>;

const entryIdSchema = z.int().positive();

export const outboxAttemptViewSchema = z.object({
  action: z.enum(['send', 'look-up']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Null while running, or when the till stopped during it. */
  outcome: z.string().nullable(),
  message: z.string().nullable(),
});

export const outboxEventViewSchema = z.object({
  at: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  note: z.string().nullable(),
});

export const outboxDetailRequestSchema = z.strictObject({ entryId: entryIdSchema });
export const outboxDetailReplySchema = z.object({
  entry: outboxEntryViewSchema,
  attempts: z.array(outboxAttemptViewSchema),
  history: z.array(outboxEventViewSchema),
});
export type OutboxDetailReply = z.infer<typeof outboxDetailReplySchema>;

/** Maximum length of a reason or note a person writes. */
export const MAX_NOTE_LENGTH = 500;

export const outboxRetryRequestSchema = z.strictObject({
  entryId: entryIdSchema,
  note: z.string().trim().max(MAX_NOTE_LENGTH).optional(),
});

export const outboxCancelRequestSchema = z.strictObject({
  entryId: entryIdSchema,
  /** Required: nothing is cancelled without a written reason. */
  reason: z.string().trim().min(1).max(MAX_NOTE_LENGTH),
});

export const outboxConfirmSentRequestSchema = z.strictObject({
  entryId: entryIdSchema,
  /** The person's finding, e.g. "refund seen once in the VIPax back office". */
  note: z.string().trim().min(1).max(MAX_NOTE_LENGTH),
});

export const outboxEntryReplySchema = z.object({ entry: outboxEntryViewSchema });
export type OutboxEntryReply = z.infer<typeof outboxEntryReplySchema>;

export const outboxChannels = {
  'outbox:status': defineChannel(emptyRequestSchema, outboxStatusSchema),
  'outbox:list': defineChannel(outboxListRequestSchema, outboxListReplySchema),
  'outbox:detail': defineChannel(outboxDetailRequestSchema, outboxDetailReplySchema),
  'outbox:retry': defineChannel(outboxRetryRequestSchema, outboxEntryReplySchema),
  'outbox:cancel': defineChannel(outboxCancelRequestSchema, outboxEntryReplySchema),
  'outbox:confirm-sent': defineChannel(outboxConfirmSentRequestSchema, outboxEntryReplySchema),
};

export const outboxEvents = {
  'outbox:changed': outboxStatusSchema,
};
