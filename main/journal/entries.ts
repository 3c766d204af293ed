import { JournalError } from './errors';
import { formatLocalDay } from './order-numbers';
import { type AttemptRow, type EntryRow, type EventRow, serializePayload, toAttemptRecord, toEntryEvent, toOutboxEntry } from './rows';
import type { JournalStore } from './store';
import type {
  AttemptAction,
  AttemptFinish,
  AttemptRecord,
  EntryEvent,
  MemberRef,
  OutboxEntry,
  OutboxKind,
  OutboxPayload,
  OutboxState,
} from './types';

// Outbox entries: refunds, returns and order uploads. Each is written here before its first send
// and changes state only through these functions, each one transaction, each with an event row.

export interface EnqueueInput {
  payload: OutboxPayload;
  member: MemberRef;
  /**
   * For a refund whose original payment is not in this journal (picked from the member's
   * transaction log): that payment's price. Ignored when the journal has the payment.
   */
  originalPriceFen?: number;
}

/**
 * Writes a new pending entry, due at once. A refund is checked first: its amount may not exceed
 * the original price minus the refunds already sent or still queued (cancelled ones do not count).
 * The check and the insert share one transaction, so two refunds cannot both pass it.
 */
export function enqueue(store: JournalStore, input: EnqueueInput): OutboxEntry {
  const { orderNo, originalOrderNo, amountFen } = describePayload(input.payload);
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new JournalError('invalid-input', `Amount must be a positive whole number of fen, got ${amountFen}`, {
      field: 'amountFen',
    });
  }

  return store.transaction(() => {
    const existing = store.get<{ id: number }>(`SELECT id FROM entries WHERE kind = $kind AND order_no = $orderNo`, {
      kind: input.payload.kind,
      orderNo,
    });
    if (existing) {
      throw new JournalError('invalid-input', `Order number ${orderNo} is already in the journal`, { field: 'orderNo' });
    }

    if (input.payload.kind === 'refund') {
      checkRefundable(store, originalOrderNo ?? '', amountFen, input.originalPriceFen);
    }
    if (input.payload.kind === 'return' && originalOrderNo !== null) {
      checkReturnable(store, originalOrderNo, amountFen);
    }

    const now = store.now();
    const { lastInsertRowid: entryId } = store.run(
      `INSERT INTO entries (kind, order_no, original_order_no, customer_id, card_no, phone, amount_fen, state,
         request_json, next_attempt_at, business_day, created_at, updated_at)
       VALUES ($kind, $orderNo, $originalOrderNo, $customerId, $cardNo, $phone, $amountFen, 'pending',
         $requestJson, $nextAttemptAt, $businessDay, $createdAt, $createdAt)`,
      {
        kind: input.payload.kind,
        orderNo,
        originalOrderNo,
        customerId: input.member.customerId,
        cardNo: input.member.cardNo,
        phone: input.member.phone,
        amountFen,
        requestJson: serializePayload(input.payload),
        nextAttemptAt: now.getTime(),
        businessDay: formatLocalDay(now),
        createdAt: now.toISOString(),
      },
    );
    store.insertEvent(entryId, null, 'pending', null);
    return requireEntry(store, entryId);
  });
}

/**
 * Returns what is left to refund of a payment: its price minus its refunds that are not cancelled.
 * `originalPriceFen` is used only when the journal does not have the payment.
 */
export function remainingToRefund(store: JournalStore, originalOrderNo: string, originalPriceFen?: number): number {
  const priceFen = originalPrice(store, originalOrderNo, originalPriceFen);
  return priceFen - refundedFen(store, originalOrderNo);
}

export function refundedFen(store: JournalStore, originalOrderNo: string): number {
  const row = store.get<{ total: number }>(
    `SELECT COALESCE(SUM(amount_fen), 0) AS total FROM entries
     WHERE kind = 'refund' AND original_order_no = $originalOrderNo AND state <> 'cancelled'`,
    { originalOrderNo },
  );
  return row?.total ?? 0;
}

function checkRefundable(store: JournalStore, originalOrderNo: string, amountFen: number, originalPriceFen?: number): void {
  const remainingFen = remainingToRefund(store, originalOrderNo, originalPriceFen);
  if (amountFen > remainingFen) {
    throw new JournalError(
      'over-refund',
      `Refund of ${amountFen} fen exceeds the ${remainingFen} fen left to refund of order ${originalOrderNo}`,
      { remainingFen, requestedFen: amountFen },
    );
  }
}

/**
 * Rejects a return that would take back more than an order this till uploaded. Returns of orders
 * the journal does not have are left to the server to check.
 */
function checkReturnable(store: JournalStore, originalOrderNo: string, amountFen: number): void {
  const order = store.get<{ amount_fen: number }>(
    `SELECT amount_fen FROM entries WHERE kind = 'order-upload' AND order_no = $originalOrderNo AND state <> 'cancelled'`,
    { originalOrderNo },
  );
  if (!order) return;

  const returned = store.get<{ total: number }>(
    `SELECT COALESCE(SUM(amount_fen), 0) AS total FROM entries
     WHERE kind = 'return' AND original_order_no = $originalOrderNo AND state <> 'cancelled'`,
    { originalOrderNo },
  );
  const remainingFen = order.amount_fen - (returned?.total ?? 0);
  if (amountFen > remainingFen) {
    throw new JournalError(
      'over-refund',
      `Return of ${amountFen} fen exceeds the ${remainingFen} fen left to return of order ${originalOrderNo}`,
      { remainingFen, requestedFen: amountFen },
    );
  }
}

function originalPrice(store: JournalStore, originalOrderNo: string, originalPriceFen?: number): number {
  const payment = store.get<{ state: string; amount_fen: number }>(
    `SELECT state, amount_fen FROM entries WHERE kind = 'payment' AND order_no = $originalOrderNo`,
    { originalOrderNo },
  );
  if (payment) {
    if (payment.state !== 'applied') {
      throw new JournalError(
        'invalid-input',
        `Payment ${originalOrderNo} is ${payment.state}, not applied, so it cannot be refunded`,
      );
    }
    return payment.amount_fen;
  }
  if (originalPriceFen === undefined) {
    throw new JournalError('not-found', `No payment with order number ${originalOrderNo} in the journal`);
  }
  if (!Number.isSafeInteger(originalPriceFen) || originalPriceFen <= 0) {
    throw new JournalError('invalid-input', `Original price must be a positive whole number of fen, got ${originalPriceFen}`, {
      field: 'originalPriceFen',
    });
  }
  return originalPriceFen;
}

function describePayload(payload: OutboxPayload): { orderNo: string; originalOrderNo: string | null; amountFen: number } {
  switch (payload.kind) {
    case 'refund':
      if (!payload.request.originalOrderNo) {
        throw new JournalError('invalid-input', 'A refund needs the original order number', { field: 'originalOrderNo' });
      }
      return { orderNo: payload.request.orderNo, originalOrderNo: payload.request.originalOrderNo, amountFen: -payload.request.priceFen };
    case 'return':
      return { orderNo: payload.request.returnOrderNo, originalOrderNo: payload.request.originalOrderNo, amountFen: payload.request.totalFen };
    case 'order-upload':
      return { orderNo: payload.request.orderNo, originalOrderNo: null, amountFen: payload.request.totalFen };
  }
}

/** Moves a pending entry to `sending` and opens an attempt; returns the attempt's id. */
export function startAttempt(store: JournalStore, entryId: number, action: AttemptAction): number {
  return store.transaction(() => {
    const row = requireRow(store, entryId, ['pending']);
    store.run(
      `UPDATE entries SET state = 'sending', next_attempt_at = NULL, updated_at = $now,
         attempt_count = attempt_count + $sendCount
       WHERE id = $id`,
      { id: entryId, now: store.nowIso(), sendCount: action === 'send' ? 1 : 0 },
    );
    store.insertEvent(entryId, row.state, 'sending', action === 'look-up' ? 'look-up' : null);
    return store.insertAttempt(entryId, action);
  });
}

/** Closes an attempt and moves its entry on, in one transaction. */
export function finishAttempt(store: JournalStore, attemptId: number, finish: AttemptFinish): OutboxEntry {
  return store.transaction(() => {
    const attempt = store.get<{ entry_id: number; finished_at: string | null }>(
      `SELECT entry_id, finished_at FROM attempts WHERE id = $attemptId`,
      { attemptId },
    );
    if (!attempt) throw new JournalError('not-found', `No attempt ${attemptId} in the journal`);
    if (attempt.finished_at !== null) throw new JournalError('invalid-input', `Attempt ${attemptId} is already finished`);
    const row = requireRow(store, attempt.entry_id, ['sending']);
    const now = store.nowIso();

    switch (finish.state) {
      case 'sent':
        store.closeAttempt(attemptId, finish.outcome, finish.message ?? null);
        store.run(
          `UPDATE entries SET state = 'sent', outcome_unknown = 0, result_json = $resultJson, sent_at = $now,
             discount_rate_percent = $rate, discount_fen = $discount, actual_payment_fen = $actual,
             last_error_kind = NULL, last_error_message = NULL, updated_at = $now
           WHERE id = $id`,
          {
            id: row.id,
            now,
            resultJson: JSON.stringify(finish.result ?? null),
            rate: finish.figures?.discountRatePercent ?? null,
            discount: finish.figures?.discountFen ?? null,
            actual: finish.figures?.actualPaymentFen ?? null,
          },
        );
        store.insertEvent(row.id, 'sending', 'sent', finish.message ?? null);
        break;
      case 'pending':
        store.closeAttempt(attemptId, finish.outcome, finish.error?.message ?? null);
        store.run(
          `UPDATE entries SET state = 'pending', outcome_unknown = COALESCE($unknown, outcome_unknown),
             next_attempt_at = $nextAttemptAt, updated_at = $now
           WHERE id = $id`,
          { id: row.id, now, unknown: flagOf(finish.outcomeUnknown), nextAttemptAt: finish.nextAttemptAt },
        );
        if (finish.error) store.setError(row.id, finish.error);
        store.insertEvent(row.id, 'sending', 'pending', finish.error ? null : finish.outcome);
        break;
      case 'needs-attention':
      case 'needs-review':
        store.closeAttempt(attemptId, finish.outcome, finish.error.message);
        store.run(
          `UPDATE entries SET state = $state, outcome_unknown = COALESCE($unknown, outcome_unknown),
             last_error_kind = $kind, last_error_message = $message, note = $note, updated_at = $now
           WHERE id = $id`,
          {
            id: row.id,
            now,
            state: finish.state,
            unknown: flagOf(finish.outcomeUnknown),
            kind: finish.error.kind,
            message: finish.error.message,
            note: finish.state === 'needs-review' ? finish.note : null,
          },
        );
        store.insertEvent(row.id, 'sending', finish.state, finish.state === 'needs-review' ? finish.note : null);
        break;
    }
    return requireEntry(store, row.id);
  });
}

function flagOf(value: boolean | undefined): number | null {
  if (value === undefined) return null;
  return value ? 1 : 0;
}

/** Cancels an entry that is not being sent. The entry stays in the journal with the reason. */
export function cancelEntry(store: JournalStore, entryId: number, reason: string): OutboxEntry {
  const trimmed = reason.trim();
  if (trimmed === '') throw new JournalError('invalid-input', 'A cancel needs a written reason', { field: 'reason' });
  return store.transaction(() => {
    const row = requireRow(store, entryId, ['pending', 'needs-attention', 'needs-review']);
    // An entry whose last send has an unknown outcome may be applied on the server, so cancelling
    // it would make a refund's amount refundable a second time. A look-up, or a person's review
    // in VIPax for an entry under review, must settle it first.
    if (row.state !== 'needs-review' && requireEntry(store, entryId).outcomeUnknown) {
      throw new JournalError('unknown-outcome', `Entry ${entryId} may have reached the server, so it cannot be cancelled until the look-up settles it`);
    }
    store.run(
      `UPDATE entries SET state = 'cancelled', note = $reason, next_attempt_at = NULL, updated_at = $now WHERE id = $id`,
      { id: entryId, reason: trimmed, now: store.nowIso() },
    );
    store.insertEvent(entryId, row.state, 'cancelled', trimmed);
    return requireEntry(store, entryId);
  });
}

/**
 * Puts an entry that needs attention back in the queue, due at once. The flag that the last send's
 * outcome is unknown is kept, so such a refund is still looked up before it is sent again.
 */
export function retryEntry(store: JournalStore, entryId: number, note: string | null): OutboxEntry {
  return store.transaction(() => {
    const row = requireRow(store, entryId, ['needs-attention']);
    store.run(`UPDATE entries SET state = 'pending', next_attempt_at = $now, updated_at = $nowIso WHERE id = $id`, {
      id: entryId,
      now: store.now().getTime(),
      nowIso: store.nowIso(),
    });
    store.insertEvent(entryId, row.state, 'pending', note?.trim() || 'retry requested');
    return requireEntry(store, entryId);
  });
}

/** Records a person's finding that an entry under review did reach the server. */
export function confirmSent(store: JournalStore, entryId: number, note: string): OutboxEntry {
  const trimmed = note.trim();
  if (trimmed === '') throw new JournalError('invalid-input', 'Confirming needs a written note', { field: 'note' });
  return store.transaction(() => {
    const row = requireRow(store, entryId, ['needs-review']);
    const now = store.nowIso();
    store.run(`UPDATE entries SET state = 'sent', outcome_unknown = 0, note = $note, sent_at = $now, updated_at = $now WHERE id = $id`, {
      id: entryId,
      note: trimmed,
      now,
    });
    store.insertEvent(entryId, row.state, 'sent', trimmed);
    return requireEntry(store, entryId);
  });
}

/**
 * Turns entries left `sending` by a crash back into pending entries whose outcome is unknown, so
 * a refund is looked up before any resend. Returns how many were recovered.
 */
export function recoverInterruptedEntries(store: JournalStore): number {
  return store.transaction(() => {
    const rows = store.all<EntryRow>(`SELECT * FROM entries WHERE kind <> 'payment' AND state = 'sending'`);
    const message = 'The till stopped while the entry was being sent';
    for (const row of rows) {
      const open = store.get<{ action: string }>(
        `SELECT action FROM attempts WHERE entry_id = $entryId AND finished_at IS NULL ORDER BY id DESC LIMIT 1`,
        { entryId: row.id },
      );
      store.closeOpenAttempts(row.id, 'interrupted', message);
      // An interrupted look-up sent nothing, so it leaves the flag as it was. An interrupted send
      // may have reached the server.
      const unknown = open?.action === 'look-up' ? row.outcome_unknown : 1;
      store.run(
        `UPDATE entries SET state = 'pending', outcome_unknown = $unknown, next_attempt_at = $now,
           last_error_kind = 'unknown-outcome', last_error_message = $message, updated_at = $nowIso
         WHERE id = $id`,
        { id: row.id, unknown, now: store.now().getTime(), nowIso: store.nowIso(), message },
      );
      store.insertEvent(row.id, 'sending', 'pending', message);
    }
    return rows.length;
  });
}

/**
 * Lists pending entries that are due, oldest first. An entry waits while an earlier entry of the
 * same member is pending, sending or needs attention. Same member means the same customer id,
 * card number or phone. So one member's refunds and returns reach the server in creation order.
 */
export function listDueEntries(store: JournalStore, nowMs: number, limit = 100): OutboxEntry[] {
  // One pass over the open entries in creation order, remembering the members seen so far. A
  // correlated subquery per entry did the same in SQL but took time quadratic in the queue length.
  const open = store.all<OpenRow>(
    `SELECT id, state, next_attempt_at, customer_id, card_no, phone FROM entries
     WHERE kind <> 'payment' AND state IN ('pending', 'sending', 'needs-attention')
     ORDER BY id`,
  );
  const seenMembers = new Set<string>();
  const dueIds: number[] = [];
  for (const row of open) {
    const keys = memberKeys(row);
    const waiting = keys.some((key) => seenMembers.has(key));
    if (!waiting && row.state === 'pending' && row.next_attempt_at !== null && row.next_attempt_at <= nowMs) {
      dueIds.push(row.id);
      if (dueIds.length >= limit) break;
    }
    for (const key of keys) seenMembers.add(key);
  }
  return dueIds.map((id) => requireEntry(store, id));
}

interface OpenRow {
  id: number;
  state: string;
  next_attempt_at: number | null;
  customer_id: string | null;
  card_no: string | null;
  phone: string | null;
}

function memberKeys(row: OpenRow): string[] {
  const keys: string[] = [];
  if (row.customer_id !== null) keys.push(`customer:${row.customer_id}`);
  if (row.card_no !== null) keys.push(`card:${row.card_no}`);
  if (row.phone !== null) keys.push(`phone:${row.phone}`);
  return keys;
}

/** Makes every pending entry due now, e.g. when the server is reachable again. Returns how many moved. */
export function makePendingDue(store: JournalStore, nowMs: number): number {
  return store.run(
    `UPDATE entries SET next_attempt_at = $now
     WHERE kind <> 'payment' AND state = 'pending' AND next_attempt_at > $now`,
    { now: nowMs },
  ).changes;
}

/** Moves a pending entry's due time to `atMs` without an attempt, e.g. to let a sent request settle. */
export function deferEntry(store: JournalStore, entryId: number, atMs: number): void {
  store.transaction(() => {
    requireRow(store, entryId, ['pending']);
    store.run(`UPDATE entries SET next_attempt_at = $at, updated_at = $now WHERE id = $id`, {
      id: entryId,
      at: atMs,
      now: store.nowIso(),
    });
  });
}

/** Returns when the earliest pending entry falls due (ms since the epoch), or null if none is pending. */
export function nextDueAt(store: JournalStore): number | null {
  const row = store.get<{ due: number | null }>(
    `SELECT MIN(next_attempt_at) AS due FROM entries WHERE kind <> 'payment' AND state = 'pending'`,
  );
  return row?.due ?? null;
}

export interface OutboxSummary {
  /** Entries not yet sent: pending or sending. */
  pendingCount: number;
  needsAttentionCount: number;
  needsReviewCount: number;
  /** ISO 8601 creation time of the oldest pending entry, or null. */
  oldestPendingAt: string | null;
}

export function summarize(store: JournalStore): OutboxSummary {
  const row = store.get<{ pending: number; attention: number; review: number; oldest: string | null }>(
    `SELECT
       COALESCE(SUM(state IN ('pending', 'sending')), 0) AS pending,
       COALESCE(SUM(state = 'needs-attention'), 0) AS attention,
       COALESCE(SUM(state = 'needs-review'), 0) AS review,
       MIN(CASE WHEN state IN ('pending', 'sending') THEN created_at END) AS oldest
     FROM entries WHERE kind <> 'payment' AND state IN ('pending', 'sending', 'needs-attention', 'needs-review')`,
  );
  return {
    pendingCount: row?.pending ?? 0,
    needsAttentionCount: row?.attention ?? 0,
    needsReviewCount: row?.review ?? 0,
    oldestPendingAt: row?.oldest ?? null,
  };
}

export interface EntryQuery {
  kind?: OutboxKind;
  states?: OutboxState[];
  orderNo?: string;
  /** Default 500. */
  limit?: number;
}

/** Lists outbox entries, newest first. */
export function listEntries(store: JournalStore, query: EntryQuery = {}): OutboxEntry[] {
  const rows = store.all<EntryRow>(
    `SELECT * FROM entries
     WHERE kind <> 'payment'
       AND ($kind IS NULL OR kind = $kind)
       AND ($states IS NULL OR state IN (SELECT value FROM json_each($states)))
       AND ($orderNo IS NULL OR order_no = $orderNo OR original_order_no = $orderNo)
     ORDER BY id DESC
     LIMIT $limit`,
    {
      kind: query.kind ?? null,
      states: query.states ? JSON.stringify(query.states) : null,
      orderNo: query.orderNo ?? null,
      limit: query.limit ?? 500,
    },
  );
  return rows.map(toOutboxEntry);
}

export function getEntry(store: JournalStore, entryId: number): OutboxEntry | null {
  const row = store.get<EntryRow>(`SELECT * FROM entries WHERE id = $entryId AND kind <> 'payment'`, { entryId });
  return row ? toOutboxEntry(row) : null;
}

export function findEntry(store: JournalStore, kind: OutboxKind, orderNo: string): OutboxEntry | null {
  const row = store.get<EntryRow>(`SELECT * FROM entries WHERE kind = $kind AND order_no = $orderNo`, { kind, orderNo });
  return row ? toOutboxEntry(row) : null;
}

export function listAttempts(store: JournalStore, entryId: number): AttemptRecord[] {
  return store
    .all<AttemptRow>(`SELECT * FROM attempts WHERE entry_id = $entryId ORDER BY id`, { entryId })
    .map(toAttemptRecord);
}

export function listEvents(store: JournalStore, entryId: number): EntryEvent[] {
  return store
    .all<EventRow>(`SELECT at, from_state, to_state, note FROM entry_events WHERE entry_id = $entryId ORDER BY id`, {
      entryId,
    })
    .map(toEntryEvent);
}

function requireRow(store: JournalStore, entryId: number, allowed: OutboxState[]): EntryRow {
  const row = store.get<EntryRow>(`SELECT * FROM entries WHERE id = $entryId AND kind <> 'payment'`, { entryId });
  if (!row) throw new JournalError('not-found', `No outbox entry ${entryId} in the journal`);
  if (!allowed.includes(row.state as OutboxState)) {
    const code = row.state === 'sending' ? 'busy' : 'invalid-input';
    throw new JournalError(code, `Outbox entry ${entryId} (${row.order_no}) is ${row.state}; expected ${allowed.join(' or ')}`);
  }
  return row;
}

function requireEntry(store: JournalStore, entryId: number): OutboxEntry {
  const entry = getEntry(store, entryId);
  if (!entry) throw new JournalError('not-found', `No outbox entry ${entryId} in the journal`);
  return entry;
}
