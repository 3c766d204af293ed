import type { OrderUpload, ReturnUpload, StoredValueRequest } from '../vipax/types';
import type {
  AttemptRecord,
  EntryEvent,
  OutboxEntry,
  OutboxKind,
  OutboxPayload,
  OutboxState,
  PaymentFigures,
  PaymentRecord,
  PaymentState,
  RecordedError,
} from './types';

/** One row of `entries`, as node:sqlite returns it. */
export interface EntryRow {
  id: number;
  kind: string;
  order_no: string;
  original_order_no: string | null;
  customer_id: string | null;
  card_no: string | null;
  phone: string | null;
  amount_fen: number;
  state: string;
  outcome_unknown: number;
  request_json: string;
  result_json: string | null;
  discount_rate_percent: number | null;
  discount_fen: number | null;
  actual_payment_fen: number | null;
  last_error_kind: string | null;
  last_error_message: string | null;
  attempt_count: number;
  next_attempt_at: number | null;
  note: string | null;
  business_day: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  applied_late_at: string | null;
  /** Only in payment listings: the sum of the payment's refunds that are not cancelled. */
  refunded_fen?: number | null;
}

export function toPaymentRecord(row: EntryRow): PaymentRecord {
  return {
    orderNo: row.order_no,
    state: row.state as PaymentState,
    member: { customerId: row.customer_id, cardNo: row.card_no, phone: row.phone },
    priceFen: row.amount_fen,
    figures: toFigures(row),
    refundedFen: row.refunded_fen ?? 0,
    lastError: toError(row),
    businessDay: row.business_day,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    appliedLateAt: row.applied_late_at,
  };
}

export function toOutboxEntry(row: EntryRow): OutboxEntry {
  const kind = row.kind as OutboxKind;
  return {
    id: row.id,
    kind,
    orderNo: row.order_no,
    originalOrderNo: row.original_order_no,
    member: { customerId: row.customer_id, cardNo: row.card_no, phone: row.phone },
    amountFen: row.amount_fen,
    state: row.state as OutboxState,
    outcomeUnknown: row.outcome_unknown === 1,
    payload: parsePayload(kind, row.request_json),
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as unknown),
    figures: toFigures(row),
    lastError: toError(row),
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    note: row.note,
    businessDay: row.business_day,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

export interface AttemptRow {
  id: number;
  action: string;
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
  message: string | null;
}

export function toAttemptRecord(row: AttemptRow): AttemptRecord {
  return {
    id: row.id,
    action: row.action as AttemptRecord['action'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome as AttemptRecord['outcome'],
    message: row.message,
  };
}

export interface EventRow {
  at: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
}

export function toEntryEvent(row: EventRow): EntryEvent {
  return { at: row.at, fromState: row.from_state, toState: row.to_state, note: row.note };
}

function toFigures(row: EntryRow): PaymentFigures {
  return {
    discountRatePercent: row.discount_rate_percent,
    discountFen: row.discount_fen,
    actualPaymentFen: row.actual_payment_fen,
  };
}

function toError(row: EntryRow): RecordedError | null {
  if (row.last_error_kind === null) return null;
  return { kind: row.last_error_kind, message: row.last_error_message ?? '' };
}

/** Serializes a payload; Date fields become ISO 8601 text and are revived by `parsePayload`. */
export function serializePayload(payload: OutboxPayload): string {
  return JSON.stringify(payload.request);
}

function parsePayload(kind: OutboxKind, json: string): OutboxPayload {
  const request = JSON.parse(json) as Record<string, unknown>;
  switch (kind) {
    case 'refund':
      return { kind, request: request as unknown as StoredValueRequest };
    case 'return':
      return { kind, request: { ...(request as unknown as ReturnUpload), createTime: new Date(String(request.createTime)) } };
    case 'order-upload':
      return {
        kind,
        request: {
          ...(request as unknown as OrderUpload),
          createTime: new Date(String(request.createTime)),
          payTime: new Date(String(request.payTime)),
        },
      };
  }
}
