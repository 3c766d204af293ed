// The till journal: one SQLite file (node:sqlite) that records every payment, refund, return and
// order upload made at this till, and hands out order numbers. Real records live in
// `journal.sqlite`, training-mode records in `journal-training.sqlite`; see openJournal.
export { openJournal, Journal, type JournalOptions } from './journal';
export { JournalDamagedError, JournalError, isSqliteDamage, toRecordedError, type JournalErrorCode } from './errors';
export type { EnqueueInput, EntryQuery, OutboxSummary } from './entries';
export type { PaymentQuery, PaymentStart } from './payments';
export { latestSchemaVersion } from './migrations';
export { formatLocalDay } from './order-numbers';
export * from './types';
