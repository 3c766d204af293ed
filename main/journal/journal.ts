import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import type { PaymentResult } from '../vipax/types';
import * as entries from './entries';
import { migrate } from './migrations';
import { formatLocalStamp, formatOrderNo, nextSequence, type SequenceState, validateOrderNoParts } from './order-numbers';
import * as payments from './payments';
import { JournalStore } from './store';
import type {
  AttemptAction,
  AttemptFinish,
  AttemptRecord,
  EntryEvent,
  OutboxEntry,
  OutboxKind,
  PaymentFigures,
  PaymentRecord,
} from './types';

export interface JournalOptions {
  /** The store's code, the first part of every order number, e.g. "S001". */
  storeCode: string;
  /** This till's id, the second part of every order number, e.g. "T01". */
  tillId: string;
  /** Milliseconds to wait for another connection's write lock. Default 5000. */
  busyTimeoutMs?: number;
  /** The time source for every record; tests pass a fixed or stepped clock. */
  clock?: () => Date;
}

/**
 * Opens (creating if needed) the till journal at `path`: WAL, synchronous=FULL, migrated to the
 * latest schema. The caller picks the path. The app keeps real records in `journal.sqlite` and
 * training-mode records in `journal-training.sqlite` in its data folder, so the two never mix.
 */
export function openJournal(path: string, options: JournalOptions): Journal {
  validateOrderNoParts(options.storeCode, options.tillId);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const database = new DatabaseSync(path);
  try {
    database.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    const mode = database.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
    if (path !== ':memory:' && mode.journal_mode !== 'wal') {
      throw new Error(`Journal ${path} could not switch to WAL mode (got ${mode.journal_mode})`);
    }
    // FULL syncs the WAL on every commit, so a committed record survives a power cut.
    database.exec('PRAGMA synchronous = FULL');
    database.exec('PRAGMA foreign_keys = ON');
    migrate(database);
  } catch (error) {
    database.close();
    throw error;
  }
  return new Journal(path, database, options);
}

/** The till's durable record of payments, refunds, returns and order uploads. */
export class Journal {
  private readonly store: JournalStore;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly database: DatabaseSync,
    readonly options: JournalOptions,
  ) {
    this.store = new JournalStore(database, options.clock ?? (() => new Date()));
  }

  /**
   * Hands out the next order number, e.g. `S001-T01-20261204153012-0007`, and stores the sequence
   * in the same transaction, so a number is never handed out twice, even after a crash or when
   * the clock went backwards (see order-numbers.ts for how the time part then behaves).
   */
  allocateOrderNo(now: Date = this.store.now()): string {
    return this.store.transaction(() => {
      const row = this.store.get<{ last_stamp: string; last_seq: number }>(
        'SELECT last_stamp, last_seq FROM order_sequence WHERE id = 1',
      );
      const last: SequenceState | null = row ? { stamp: row.last_stamp, seq: row.last_seq } : null;
      const next = nextSequence(last, formatLocalStamp(now));
      this.store.run(
        `INSERT INTO order_sequence (id, last_stamp, last_seq) VALUES (1, $stamp, $seq)
         ON CONFLICT (id) DO UPDATE SET last_stamp = excluded.last_stamp, last_seq = excluded.last_seq`,
        { stamp: next.stamp, seq: next.seq },
      );
      return formatOrderNo(this.options.storeCode, this.options.tillId, next);
    });
  }

  /** Hands out the next order number for a sale not paid with stored value and records it as such. */
  allocateSaleOrderNo(now: Date = this.store.now()): string {
    return this.store.transaction(() => {
      const orderNo = this.allocateOrderNo(now);
      this.store.run('INSERT INTO sale_order_numbers (order_no, issued_at) VALUES ($orderNo, $issuedAt)', {
        orderNo,
        issuedAt: now.toISOString(),
      });
      return orderNo;
    });
  }

  /** Tells whether `allocateSaleOrderNo` handed out exactly this order number. */
  isSaleOrderNo(orderNo: string): boolean {
    return this.store.get('SELECT 1 AS found FROM sale_order_numbers WHERE order_no = $orderNo', { orderNo }) !== undefined;
  }

  // --- Payments ----------------------------------------------------------------------------

  /** Records a stored-value payment as `sending`; call it before the request goes out. */
  recordPaymentStarted(start: payments.PaymentStart): void {
    payments.recordPaymentStarted(this.store, start);
  }

  recordPaymentApplied(orderNo: string, result: PaymentResult): void {
    payments.recordPaymentApplied(this.store, orderNo, result);
  }

  /** Records a payment the server certainly did not apply (network, rejected, invalid input). */
  recordPaymentNotApplied(orderNo: string, error: unknown): void {
    payments.recordPaymentNotApplied(this.store, orderNo, error);
  }

  /** Records a payment whose request went out but whose response never arrived. */
  recordPaymentUnknown(orderNo: string, error: unknown): void {
    payments.recordPaymentUnknown(this.store, orderNo, error);
  }

  /** Records what the transaction log showed for a payment whose outcome was unknown. */
  resolvePayment(orderNo: string, resolution: 'applied' | 'not-applied', figures?: Partial<PaymentFigures>): void {
    payments.resolvePayment(this.store, orderNo, resolution, figures);
  }

  /** Records a `not-applied` payment that a later log check found: the server applied it late. */
  recordPaymentAppliedLate(orderNo: string, figures: PaymentFigures): void {
    payments.recordPaymentAppliedLate(this.store, orderNo, figures);
  }

  /** Records a later log check that again did not find a `not-applied` payment. */
  recordLateCheckAbsent(orderNo: string): void {
    payments.recordLateCheckAbsent(this.store, orderNo);
  }

  /** Lists payments settled as not applied by a log look-up and started at or after `sinceIso`. */
  listPaymentsForLateCheck(sinceIso: string): PaymentRecord[] {
    return payments.listPaymentsForLateCheck(this.store, sinceIso);
  }

  /** Lists payments a late check found at or after `sinceIso`, newest first. */
  listPaymentsAppliedLate(sinceIso: string): PaymentRecord[] {
    return payments.listPaymentsAppliedLate(this.store, sinceIso);
  }

  getPayment(orderNo: string): PaymentRecord | null {
    return payments.getPayment(this.store, orderNo);
  }

  /** Lists payments, newest first, e.g. `{ day: '2026-12-04' }` for that day's refund list. */
  listPayments(query: payments.PaymentQuery = {}): PaymentRecord[] {
    return payments.listPayments(this.store, query);
  }

  paymentAttempts(orderNo: string): AttemptRecord[] {
    const row = this.store.get<{ id: number }>(`SELECT id FROM entries WHERE kind = 'payment' AND order_no = $orderNo`, {
      orderNo,
    });
    return row ? entries.listAttempts(this.store, row.id) : [];
  }

  // --- Outbox entries ----------------------------------------------------------------------

  /** Writes a refund, return or order upload as a pending entry; rejects an over-refund first. */
  enqueue(input: entries.EnqueueInput): OutboxEntry {
    return entries.enqueue(this.store, input);
  }

  /** Price minus refunds not cancelled, in fen. `originalPriceFen` is for payments not in the journal. */
  remainingToRefund(originalOrderNo: string, originalPriceFen?: number): number {
    return entries.remainingToRefund(this.store, originalOrderNo, originalPriceFen);
  }

  startAttempt(entryId: number, action: AttemptAction): number {
    return entries.startAttempt(this.store, entryId, action);
  }

  finishAttempt(attemptId: number, finish: AttemptFinish): OutboxEntry {
    return entries.finishAttempt(this.store, attemptId, finish);
  }

  cancelEntry(entryId: number, reason: string): OutboxEntry {
    return entries.cancelEntry(this.store, entryId, reason);
  }

  retryEntry(entryId: number, note: string | null = null): OutboxEntry {
    return entries.retryEntry(this.store, entryId, note);
  }

  confirmSent(entryId: number, note: string): OutboxEntry {
    return entries.confirmSent(this.store, entryId, note);
  }

  /**
   * Recovers records a crash left in flight: payments become `unknown`, outbox entries pending
   * with an unknown outcome. Call it once at start, before anything is sent; only one process may
   * own a journal.
   */
  recoverInterrupted(): { payments: number; entries: number } {
    return {
      payments: payments.recoverInterruptedPayments(this.store),
      entries: entries.recoverInterruptedEntries(this.store),
    };
  }

  listDueEntries(nowMs: number, limit?: number): OutboxEntry[] {
    return entries.listDueEntries(this.store, nowMs, limit);
  }

  makePendingDue(nowMs: number): number {
    return entries.makePendingDue(this.store, nowMs);
  }

  deferEntry(entryId: number, atMs: number): void {
    entries.deferEntry(this.store, entryId, atMs);
  }

  nextDueAt(): number | null {
    return entries.nextDueAt(this.store);
  }

  summarize(): entries.OutboxSummary {
    return entries.summarize(this.store);
  }

  listEntries(query: entries.EntryQuery = {}): OutboxEntry[] {
    return entries.listEntries(this.store, query);
  }

  getEntry(entryId: number): OutboxEntry | null {
    return entries.getEntry(this.store, entryId);
  }

  findEntry(kind: OutboxKind, orderNo: string): OutboxEntry | null {
    return entries.findEntry(this.store, kind, orderNo);
  }

  listAttempts(entryId: number): AttemptRecord[] {
    return entries.listAttempts(this.store, entryId);
  }

  listEvents(entryId: number): EntryEvent[] {
    return entries.listEvents(this.store, entryId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.database.close();
  }
}
