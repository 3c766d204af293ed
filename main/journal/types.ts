import type { OrderUpload, OrderUploadResult, PaymentResult, ReturnResult, ReturnUpload, StoredValueRequest } from '../vipax/types';

export type EntryKind = 'payment' | 'refund' | 'return' | 'order-upload';
export type OutboxKind = Exclude<EntryKind, 'payment'>;

/**
 * A payment's state. `sending` is written before the request goes out. `unknown` means no usable
 * response came back, so the payment service must resolve it from the transaction log.
 */
export type PaymentState = 'sending' | 'applied' | 'not-applied' | 'unknown';

/** An outbox entry's state. Nothing leaves the journal: a cancelled entry stays, with its reason. */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'needs-attention' | 'needs-review' | 'cancelled';

export const outboxStates: readonly OutboxState[] = [
  'pending',
  'sending',
  'sent',
  'needs-attention',
  'needs-review',
  'cancelled',
];

/** The member an entry belongs to, with the identifiers the till has; any of them may be missing. */
export interface MemberRef {
  customerId: string | null;
  cardNo: string | null;
  phone: string | null;
}

/** A failure as the journal keeps it. For a server rejection, `message` is the server's text verbatim. */
export interface RecordedError {
  /** A VipaxError kind, or `internal` for anything else. */
  kind: string;
  message: string;
}

export type AttemptAction = 'send' | 'look-up';

export type AttemptOutcome =
  | 'applied'
  | 'not-applied'
  | 'network'
  | 'unknown-outcome'
  | 'rejected'
  | 'duplicate'
  | 'invalid-input'
  | 'found-in-log'
  | 'absent-from-log'
  | 'interrupted'
  | 'internal';

export interface AttemptRecord {
  id: number;
  action: AttemptAction;
  /** ISO 8601 UTC. */
  startedAt: string;
  finishedAt: string | null;
  /** Null while the attempt is running, or when the process died during it. */
  outcome: AttemptOutcome | null;
  message: string | null;
}

export interface EntryEvent {
  at: string;
  fromState: string | null;
  toState: string;
  note: string | null;
}

/** The server's figures for a stored-value payment or refund. */
export interface PaymentFigures {
  discountRatePercent: number | null;
  discountFen: number | null;
  /** The amount the server took from the balance (negative: gave back). */
  actualPaymentFen: number | null;
}

export interface PaymentRecord {
  orderNo: string;
  state: PaymentState;
  member: MemberRef;
  priceFen: number;
  figures: PaymentFigures;
  /** Sum of this payment's refunds that are not cancelled: sent, queued or waiting for a person. */
  refundedFen: number;
  lastError: RecordedError | null;
  /** Local yyyy-MM-dd when the payment was started. */
  businessDay: string;
  createdAt: string;
  updatedAt: string;
  /**
   * ISO 8601 time a later log check found this payment after the till had recorded it as not
   * applied; null otherwise. The payment's state is then `applied`.
   */
  appliedLateAt: string | null;
}

/** The request an outbox entry sends, by kind. Dates survive the journal as Date objects. */
export type OutboxPayload =
  | { kind: 'refund'; request: StoredValueRequest }
  | { kind: 'return'; request: ReturnUpload }
  | { kind: 'order-upload'; request: OrderUpload };

export type OutboxResult = PaymentResult | ReturnResult | OrderUploadResult;

export interface OutboxEntry {
  id: number;
  kind: OutboxKind;
  orderNo: string;
  originalOrderNo: string | null;
  member: MemberRef;
  /** Positive: the refund's amount, the return's or the order's total. */
  amountFen: number;
  state: OutboxState;
  /** True when the last send may have reached the server: the next step checks before resending. */
  outcomeUnknown: boolean;
  payload: OutboxPayload;
  /** The server's result once sent, or the log entry of a refund found by look-up. */
  result: unknown;
  figures: PaymentFigures;
  lastError: RecordedError | null;
  attemptCount: number;
  /** Milliseconds since the epoch; null unless pending. */
  nextAttemptAt: number | null;
  /** The cancel reason, or what a person must review. */
  note: string | null;
  businessDay: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/**
 * The end of an attempt and the entry's next state, written in one transaction. `outcomeUnknown`
 * sets the entry's flag, and when it is left out the flag stays as it was.
 */
export type AttemptFinish =
  | { state: 'sent'; outcome: AttemptOutcome; result: unknown; figures?: PaymentFigures; message?: string }
  | {
      state: 'pending';
      outcome: AttemptOutcome;
      /** Left out when the attempt did not fail (a look-up that proved the refund absent). */
      error?: RecordedError;
      nextAttemptAt: number;
      outcomeUnknown?: boolean;
    }
  | { state: 'needs-attention'; outcome: AttemptOutcome; error: RecordedError; outcomeUnknown?: boolean }
  | { state: 'needs-review'; outcome: AttemptOutcome; error: RecordedError; note: string; outcomeUnknown?: boolean };
