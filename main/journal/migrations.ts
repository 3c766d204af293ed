import type { DatabaseSync } from 'node:sqlite';

// Each migration runs once, in its own transaction, and the database's `user_version` is the
// number of migrations applied. Never edit a migration that has shipped: add a new one.

interface Migration {
  version: number;
  sql: string;
}

const migrations: Migration[] = [
  {
    version: 1,
    sql: `
      -- The next order number's parts. One row: id is always 1.
      CREATE TABLE order_sequence (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_stamp TEXT NOT NULL,
        last_seq INTEGER NOT NULL
      );

      -- Every payment, refund, return and order upload made at this till.
      CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'return', 'order-upload')),
        -- The till's own number: the payment's or refund's orderNo, the return's return_order_no,
        -- the order upload's order_no.
        order_no TEXT NOT NULL,
        -- The refunded payment, or the sale a return belongs to.
        original_order_no TEXT,
        customer_id TEXT,
        card_no TEXT,
        phone TEXT,
        -- Positive: the payment's price, the refund's amount, the return's or order's total.
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
        state TEXT NOT NULL,
        -- 1 when the last send may or may not have reached the server, so the next step is a
        -- look-up (refunds) or a resend whose "duplicate" answer goes to review (uploads).
        outcome_unknown INTEGER NOT NULL DEFAULT 0,
        request_json TEXT NOT NULL,
        result_json TEXT,
        discount_rate_percent INTEGER,
        discount_fen INTEGER,
        actual_payment_fen INTEGER,
        last_error_kind TEXT,
        last_error_message TEXT,
        attempt_count INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        note TEXT,
        business_day TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT,
        UNIQUE (kind, order_no)
      );
      CREATE INDEX entries_by_state ON entries (state, kind);
      CREATE INDEX entries_by_day ON entries (kind, business_day);
      CREATE INDEX entries_by_original ON entries (original_order_no, kind);
      CREATE INDEX entries_by_customer ON entries (customer_id) WHERE customer_id IS NOT NULL;
      CREATE INDEX entries_by_card ON entries (card_no) WHERE card_no IS NOT NULL;
      CREATE INDEX entries_by_phone ON entries (phone) WHERE phone IS NOT NULL;

      -- Every send and every look-up, with its outcome.
      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries (id),
        action TEXT NOT NULL CHECK (action IN ('send', 'look-up')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT,
        message TEXT
      );
      CREATE INDEX attempts_by_entry ON attempts (entry_id);

      -- Every change of state, with the person's reason for a cancel or a retry.
      CREATE TABLE entry_events (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries (id),
        at TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX entry_events_by_entry ON entry_events (entry_id);
    `,
  },
  {
    version: 2,
    sql: `
      -- Set when a payment recorded as not applied after a log look-up was found in the member's
      -- log by a later check: the server applied it after the till had concluded it would not.
      ALTER TABLE entries ADD COLUMN applied_late_at TEXT;
    `,
  },
  {
    version: 3,
    sql: `
      -- Order numbers handed out for sales not paid with stored value (order:new-number), so a
      -- sale upload is accepted only for a number this till issued for a sale.
      CREATE TABLE sale_order_numbers (
        order_no TEXT PRIMARY KEY,
        issued_at TEXT NOT NULL
      );
    `,
  },
];

export const latestSchemaVersion = migrations.length;

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export function migrate(database: DatabaseSync): void {
  const current = readUserVersion(database);
  if (current > latestSchemaVersion) {
    throw new Error(
      `Journal schema version ${current} is newer than this app supports (${latestSchemaVersion}); ` +
        'update the app before opening this journal.',
    );
  }

  for (const migration of migrations) {
    if (migration.version <= current) continue;
    database.exec('BEGIN IMMEDIATE');
    try {
      // Another process may have applied it since the version was read above.
      if (readUserVersion(database) < migration.version) {
        database.exec(migration.sql);
        database.exec(`PRAGMA user_version = ${migration.version}`);
      }
      database.exec('COMMIT');
    } catch (error) {
      database.exec('ROLLBACK');
      throw error;
    }
  }
}

export function readUserVersion(database: DatabaseSync): number {
  const row = database.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}
