import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

import { formatLocalDay } from './order-numbers';
import type { AttemptAction, AttemptOutcome, RecordedError } from './types';

/** The open database with its prepared statements, clock and transaction helper. */
export class JournalStore {
  private readonly statements = new Map<string, StatementSync>();
  private inTransaction = false;

  constructor(
    readonly database: DatabaseSync,
    private readonly clock: () => Date,
  ) {}

  now(): Date {
    return this.clock();
  }

  nowIso(): string {
    return this.clock().toISOString();
  }

  today(): string {
    return formatLocalDay(this.clock());
  }

  statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get<T>(sql: string, params: Record<string, SQLInputValue> = {}): T | undefined {
    return this.statement(sql).get(params) as T | undefined;
  }

  all<T>(sql: string, params: Record<string, SQLInputValue> = {}): T[] {
    return this.statement(sql).all(params) as T[];
  }

  run(sql: string, params: Record<string, SQLInputValue> = {}): { changes: number; lastInsertRowid: number } {
    const result = this.statement(sql).run(params);
    return { changes: Number(result.changes), lastInsertRowid: Number(result.lastInsertRowid) };
  }

  /**
   * Runs `work` in one write transaction. BEGIN IMMEDIATE takes the write lock up front, so two
   * writers never both read a value and then both write from it. With synchronous=FULL the
   * commit is on disk when this returns.
   */
  transaction<T>(work: () => T): T {
    if (this.inTransaction) return work();
    this.database.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
    try {
      const value = work();
      this.database.exec('COMMIT');
      return value;
    } catch (error) {
      this.database.exec('ROLLBACK');
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  insertEvent(entryId: number, fromState: string | null, toState: string, note: string | null): void {
    this.run(
      `INSERT INTO entry_events (entry_id, at, from_state, to_state, note)
       VALUES ($entryId, $at, $fromState, $toState, $note)`,
      { entryId, at: this.nowIso(), fromState, toState, note },
    );
  }

  insertAttempt(entryId: number, action: AttemptAction): number {
    const { lastInsertRowid } = this.run(
      `INSERT INTO attempts (entry_id, action, started_at) VALUES ($entryId, $action, $startedAt)`,
      { entryId, action, startedAt: this.nowIso() },
    );
    return lastInsertRowid;
  }

  closeAttempt(attemptId: number, outcome: AttemptOutcome, message: string | null): void {
    this.run(
      `UPDATE attempts SET finished_at = $finishedAt, outcome = $outcome, message = $message
       WHERE id = $attemptId`,
      { attemptId, finishedAt: this.nowIso(), outcome, message },
    );
  }

  /** Closes every attempt of the entry that is still open; used when a crash interrupted one. */
  closeOpenAttempts(entryId: number, outcome: AttemptOutcome, message: string): void {
    this.run(
      `UPDATE attempts SET finished_at = $finishedAt, outcome = $outcome, message = $message
       WHERE entry_id = $entryId AND finished_at IS NULL`,
      { entryId, finishedAt: this.nowIso(), outcome, message },
    );
  }

  setError(entryId: number, error: RecordedError | null): void {
    this.run(
      `UPDATE entries SET last_error_kind = $kind, last_error_message = $message WHERE id = $entryId`,
      { entryId, kind: error?.kind ?? null, message: error?.message ?? null },
    );
  }
}
