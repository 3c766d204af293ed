import type { PaymentResult } from '../vipax/types';
import { JournalError, toRecordedError } from './errors';
import { formatLocalDay } from './order-numbers';
import { type EntryRow, toPaymentRecord } from './rows';
import type { JournalStore } from './store';
import type { AttemptOutcome, MemberRef, PaymentFigures, PaymentRecord, PaymentState } from './types';

// Stored-value payments. The payment service writes `sending` before the request goes out, so a
// crash mid-request leaves a row whose outcome is unknown, never a missing payment.

const refundedSubquery = `
  (SELECT COALESCE(SUM(r.amount_fen), 0) FROM entries r
   WHERE r.kind = 'refund' AND r.original_order_no = p.order_no AND r.state <> 'cancelled')`;

export interface PaymentStart {
  orderNo: string;
  member: MemberRef;
  priceFen: number;
}

export function recordPaymentStarted(store: JournalStore, start: PaymentStart): void {
  if (!Number.isSafeInteger(start.priceFen) || start.priceFen <= 0) {
    throw new JournalError('invalid-input', `Payment price must be a positive whole number of fen, got ${start.priceFen}`, {
      field: 'priceFen',
    });
  }

  store.transaction(() => {
    const existing = store.get<{ id: number }>(`SELECT id FROM entries WHERE kind = 'payment' AND order_no = $orderNo`, {
      orderNo: start.orderNo,
    });
    if (existing) {
      throw new JournalError('invalid-input', `Order number ${start.orderNo} is already in the journal`, { field: 'orderNo' });
    }

    const now = store.now();
    const { lastInsertRowid: entryId } = store.run(
      `INSERT INTO entries (kind, order_no, customer_id, card_no, phone, amount_fen, state, request_json,
         attempt_count, business_day, created_at, updated_at)
       VALUES ('payment', $orderNo, $customerId, $cardNo, $phone, $amountFen, 'sending', $requestJson,
         1, $businessDay, $createdAt, $createdAt)`,
      {
        orderNo: start.orderNo,
        customerId: start.member.customerId,
        cardNo: start.member.cardNo,
        phone: start.member.phone,
        amountFen: start.priceFen,
        requestJson: JSON.stringify({ orderNo: start.orderNo, memberNo: start.member.customerId, priceFen: start.priceFen }),
        businessDay: formatLocalDay(now),
        createdAt: now.toISOString(),
      },
    );
    store.insertEvent(entryId, null, 'sending', null);
    store.insertAttempt(entryId, 'send');
  });
}

export function recordPaymentApplied(store: JournalStore, orderNo: string, result: PaymentResult): void {
  store.transaction(() => {
    const row = requirePayment(store, orderNo, ['sending', 'unknown']);
    finishPayment(store, row, 'applied', 'applied', null, {
      discountRatePercent: result.discountRatePercent,
      discountFen: result.discountFen,
      actualPaymentFen: result.actualPaymentFen,
    });
    store.run(`UPDATE entries SET result_json = $resultJson, sent_at = $now WHERE id = $id`, {
      id: row.id,
      resultJson: JSON.stringify(result),
      now: store.nowIso(),
    });
  });
}

export function recordPaymentNotApplied(store: JournalStore, orderNo: string, error: unknown): void {
  const recorded = toRecordedError(error);
  store.transaction(() => {
    const row = requirePayment(store, orderNo, ['sending']);
    finishPayment(store, row, 'not-applied', outcomeOf(recorded.kind), recorded.message, null);
    store.setError(row.id, recorded);
  });
}

export function recordPaymentUnknown(store: JournalStore, orderNo: string, error: unknown): void {
  const recorded = toRecordedError(error);
  store.transaction(() => {
    const row = requirePayment(store, orderNo, ['sending']);
    finishPayment(store, row, 'unknown', 'unknown-outcome', recorded.message, null);
    store.setError(row.id, recorded);
  });
}

/**
 * Records what the transaction log showed for a payment whose outcome was unknown: `applied`
 * (found, with the log's figures when known) or `not-applied` (certainly absent).
 */
export function resolvePayment(
  store: JournalStore,
  orderNo: string,
  resolution: 'applied' | 'not-applied',
  figures?: Partial<PaymentFigures>,
): void {
  store.transaction(() => {
    const row = requirePayment(store, orderNo, ['unknown']);
    const attemptId = store.insertAttempt(row.id, 'look-up');
    store.closeAttempt(attemptId, resolution === 'applied' ? 'found-in-log' : 'absent-from-log', null);
    finishPayment(store, row, resolution, null, null, figures ? { ...figuresOf(row), ...figures } : null);
  });
}

/**
 * Records that a later check found in the transaction log a payment recorded as `not-applied`
 * after a look-up: the server applied it late. The state becomes `applied`, and the look-up,
 * the state change and `applied_late_at` keep the history.
 */
export function recordPaymentAppliedLate(store: JournalStore, orderNo: string, figures: PaymentFigures): void {
  store.transaction(() => {
    const row = requirePayment(store, orderNo, ['not-applied']);
    const attemptId = store.insertAttempt(row.id, 'look-up');
    store.closeAttempt(attemptId, 'found-in-log', 'Found by a late check');
    finishPayment(store, row, 'applied', null, 'Found in the transaction log after it was recorded as not applied', figures);
    store.run(`UPDATE entries SET applied_late_at = $now WHERE id = $id`, { id: row.id, now: store.nowIso() });
  });
}

/** Records a late check that again did not find a `not-applied` payment in the transaction log. */
export function recordLateCheckAbsent(store: JournalStore, orderNo: string): void {
  store.transaction(() => {
    const row = requirePayment(store, orderNo, ['not-applied']);
    const attemptId = store.insertAttempt(row.id, 'look-up');
    store.closeAttempt(attemptId, 'absent-from-log', 'Not found by a late check');
  });
}

/**
 * Lists payments, oldest first, that a log look-up settled as `not-applied` and that were started
 * at or after `sinceIso`. A payment that failed certainly (network, rejected) has no such look-up.
 */
export function listPaymentsForLateCheck(store: JournalStore, sinceIso: string): PaymentRecord[] {
  const rows = store.all<EntryRow>(
    `SELECT p.*, 0 AS refunded_fen FROM entries p
     WHERE p.kind = 'payment' AND p.state = 'not-applied' AND p.created_at >= $since
       AND EXISTS (SELECT 1 FROM attempts a
                   WHERE a.entry_id = p.id AND a.action = 'look-up' AND a.outcome = 'absent-from-log')
     ORDER BY p.id`,
    { since: sinceIso },
  );
  return rows.map(toPaymentRecord);
}

/** Lists payments found by a late check at or after `sinceIso`, newest first. */
export function listPaymentsAppliedLate(store: JournalStore, sinceIso: string): PaymentRecord[] {
  const rows = store.all<EntryRow>(
    `SELECT p.*, ${refundedSubquery} AS refunded_fen FROM entries p
     WHERE p.kind = 'payment' AND p.applied_late_at IS NOT NULL AND p.applied_late_at >= $since
     ORDER BY p.applied_late_at DESC`,
    { since: sinceIso },
  );
  return rows.map(toPaymentRecord);
}

/** Marks payments left `sending` by a crash as `unknown`: the request may have reached the server. */
export function recoverInterruptedPayments(store: JournalStore): number {
  return store.transaction(() => {
    const rows = store.all<EntryRow>(`SELECT * FROM entries WHERE kind = 'payment' AND state = 'sending'`);
    for (const row of rows) {
      const message = 'The till stopped while the payment was being sent';
      store.closeOpenAttempts(row.id, 'interrupted', message);
      setPaymentState(store, row, 'unknown', message);
      store.setError(row.id, { kind: 'unknown-outcome', message });
    }
    return rows.length;
  });
}

export function getPayment(store: JournalStore, orderNo: string): PaymentRecord | null {
  const row = store.get<EntryRow>(
    `SELECT p.*, ${refundedSubquery} AS refunded_fen FROM entries p WHERE p.kind = 'payment' AND p.order_no = $orderNo`,
    { orderNo },
  );
  return row ? toPaymentRecord(row) : null;
}

export interface PaymentQuery {
  /** Local yyyy-MM-dd. */
  day?: string;
  /** Exact order number, e.g. from a scanned barcode. */
  orderNo?: string;
  /** Part of an order number, e.g. the last digits a cashier typed. */
  orderNoContains?: string;
  state?: PaymentState;
  /** Default 500. */
  limit?: number;
}

/** Lists payments, newest first. */
export function listPayments(store: JournalStore, query: PaymentQuery = {}): PaymentRecord[] {
  const rows = store.all<EntryRow>(
    `SELECT p.*, ${refundedSubquery} AS refunded_fen FROM entries p
     WHERE p.kind = 'payment'
       AND ($day IS NULL OR p.business_day = $day)
       AND ($orderNo IS NULL OR p.order_no = $orderNo)
       AND ($contains IS NULL OR instr(p.order_no, $contains) > 0)
       AND ($state IS NULL OR p.state = $state)
     ORDER BY p.id DESC
     LIMIT $limit`,
    {
      day: query.day ?? null,
      orderNo: query.orderNo ?? null,
      contains: query.orderNoContains ?? null,
      state: query.state ?? null,
      limit: query.limit ?? 500,
    },
  );
  return rows.map(toPaymentRecord);
}

function requirePayment(store: JournalStore, orderNo: string, allowed: PaymentState[]): EntryRow {
  const row = store.get<EntryRow>(`SELECT * FROM entries WHERE kind = 'payment' AND order_no = $orderNo`, { orderNo });
  if (!row) throw new JournalError('not-found', `No payment with order number ${orderNo} in the journal`);
  if (!allowed.includes(row.state as PaymentState)) {
    throw new JournalError(
      'invalid-input',
      `Payment ${orderNo} is ${row.state}; expected ${allowed.join(' or ')}`,
    );
  }
  return row;
}

function finishPayment(
  store: JournalStore,
  row: EntryRow,
  state: PaymentState,
  outcome: AttemptOutcome | null,
  message: string | null,
  figures: PaymentFigures | null,
): void {
  if (outcome !== null) {
    const open = store.get<{ id: number }>(
      `SELECT id FROM attempts WHERE entry_id = $entryId AND finished_at IS NULL ORDER BY id DESC LIMIT 1`,
      { entryId: row.id },
    );
    if (open) store.closeAttempt(open.id, outcome, message);
  }
  if (figures) {
    store.run(
      `UPDATE entries SET discount_rate_percent = $rate, discount_fen = $discount, actual_payment_fen = $actual
       WHERE id = $id`,
      { id: row.id, rate: figures.discountRatePercent, discount: figures.discountFen, actual: figures.actualPaymentFen },
    );
  }
  setPaymentState(store, row, state, message);
}

function setPaymentState(store: JournalStore, row: EntryRow, state: PaymentState, note: string | null): void {
  store.run(`UPDATE entries SET state = $state, updated_at = $now WHERE id = $id`, {
    id: row.id,
    state,
    now: store.nowIso(),
  });
  store.insertEvent(row.id, row.state, state, note);
}

function figuresOf(row: EntryRow): PaymentFigures {
  return {
    discountRatePercent: row.discount_rate_percent,
    discountFen: row.discount_fen,
    actualPaymentFen: row.actual_payment_fen,
  };
}

function outcomeOf(kind: string): AttemptOutcome {
  switch (kind) {
    case 'network':
    case 'rejected':
    case 'invalid-input':
    case 'unknown-outcome':
      return kind;
    default:
      return 'internal';
  }
}
