import {
  maskPhone,
  type OutboxEntryView,
  type OutboxStatusView,
  type RefundablePayment,
  type SubmissionStatus,
} from '../../../common/contract';
import type { OutboxEntry, PaymentRecord } from '../../journal';
import type { OutboxStatus } from '../../outbox';

// Journal records in the shapes the IPC contract sends to the renderer: phone numbers masked,
// times as ISO 8601 text, and nothing of the request beyond what a screen shows.

export function toEntryView(entry: OutboxEntry): OutboxEntryView {
  return {
    id: entry.id,
    kind: entry.kind,
    orderNo: entry.orderNo,
    originalOrderNo: entry.originalOrderNo,
    customerId: entry.member.customerId,
    cardNo: entry.member.cardNo,
    phoneMasked: entry.member.phone === null ? null : maskPhone(entry.member.phone),
    amountFen: entry.amountFen,
    state: entry.state,
    outcomeUnknown: entry.outcomeUnknown,
    lastError: entry.lastError,
    attemptCount: entry.attemptCount,
    nextAttemptAt: entry.state === 'pending' && entry.nextAttemptAt !== null ? new Date(entry.nextAttemptAt).toISOString() : null,
    note: entry.note,
    discountRatePercent: entry.figures.discountRatePercent,
    discountFen: entry.figures.discountFen,
    actualPaymentFen: entry.figures.actualPaymentFen,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    sentAt: entry.sentAt,
  };
}

/** Maps an entry's state after its first try to the status the cashier sees. */
export function toSubmissionStatus(entry: OutboxEntry): SubmissionStatus {
  switch (entry.state) {
    case 'sent':
      return 'sent';
    case 'needs-attention':
      return 'needs-attention';
    case 'needs-review':
      return 'needs-review';
    case 'pending':
    case 'sending':
    case 'cancelled':
      // Only a person cancels, through the outbox screen after this reply. Anything unsent is `queued`.
      return 'queued';
  }
}

export function toStatusView(status: OutboxStatus): OutboxStatusView {
  return {
    pendingCount: status.pendingCount,
    needsAttentionCount: status.needsAttentionCount,
    needsReviewCount: status.needsReviewCount,
    oldestPendingAt: status.oldestPendingAt,
    oldestPendingAgeMs: status.oldestPendingAgeMs,
  };
}

export function toRefundablePayment(record: PaymentRecord): RefundablePayment {
  return {
    orderNo: record.orderNo,
    customerId: record.member.customerId,
    cardNo: record.member.cardNo,
    phoneMasked: record.member.phone === null ? null : maskPhone(record.member.phone),
    priceFen: record.priceFen,
    discountRatePercent: record.figures.discountRatePercent,
    discountFen: record.figures.discountFen,
    actualPaymentFen: record.figures.actualPaymentFen,
    refundedFen: record.refundedFen,
    remainingFen: record.priceFen - record.refundedFen,
    paidAt: record.createdAt,
    source: 'journal',
  };
}
