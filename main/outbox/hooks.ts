import type { OutboxKind } from '../journal';

/**
 * The points in the life of an entry where a test may stop the process:
 * - `before-journal-write`: the entry is not written yet;
 * - `after-journal-write`: written as pending, nothing sent;
 * - `after-send`: the request is handed to the client and its response has not come back;
 * - `after-answer`: the response (or the failure) is in memory, and the journal does not have it yet.
 */
export type OutboxStep = 'before-journal-write' | 'after-journal-write' | 'after-send' | 'after-answer';

export interface OutboxStepContext {
  kind: OutboxKind;
  orderNo: string;
  /** Null before the entry is written. */
  entryId: number | null;
}

/** Test hooks; the app passes none. A returned promise is awaited before the outbox goes on. */
export interface OutboxHooks {
  at(step: OutboxStep, context: OutboxStepContext): void | Promise<void>;
}
