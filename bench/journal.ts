// Measures the till journal and the outbox. It times one durable enqueue beside a raw
// write-and-fsync of the same bytes, and the opening of a journal of 100,000 entries. It also times
// the drain of 1,000 queued refunds against a training server in this process on 127.0.0.1.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { type EnqueueInput, openJournal } from '../main/journal';
import { createMemoryLogBackend, setLogBackend } from '../main/logging';
import { Outbox } from '../main/outbox';
import { seedFixtures, startTrainingServer } from '../main/training';
import { createVipaxClient } from '../main/vipax';
import { median, percentile, round, type BenchFigure, type BenchModule } from './figures';

const ENQUEUE_SAMPLES = 400;
const OPEN_ENTRIES = 100_000;
const OPEN_SAMPLES = 5;
const DRAIN_REFUNDS = 1_000;

const member = seedFixtures.members.diamond;
const memberRef = { customerId: member.customerId, cardNo: member.cardNo, phone: member.phone };

function refundInput(orderNo: string, originalOrderNo: string): EnqueueInput {
  return {
    payload: { kind: 'refund', request: { memberNo: member.customerId, orderNo, priceFen: -100, originalOrderNo } },
    member: memberRef,
    originalPriceFen: 100_000_000,
  };
}

/** Median and p99 of journal.enqueue, and the median of appending the same bytes to a file and fsyncing it. */
function measureEnqueue(folder: string): BenchFigure[] {
  const journal = openJournal(join(folder, 'enqueue.sqlite'), { storeCode: 'S001', tillId: 'T01' });
  const rawFile = openSync(join(folder, 'raw-fsync.bin'), 'a');
  const enqueueMs: number[] = [];
  const rawMs: number[] = [];
  try {
    for (let index = 0; index < ENQUEUE_SAMPLES; index++) {
      const input = refundInput(journal.allocateOrderNo(), 'S009-T01-20261201100000-0001');
      const bytes = Buffer.from(JSON.stringify(input));

      let started = performance.now();
      journal.enqueue(input);
      enqueueMs.push(performance.now() - started);

      started = performance.now();
      writeSync(rawFile, bytes);
      fsyncSync(rawFile);
      rawMs.push(performance.now() - started);
    }
  } finally {
    closeSync(rawFile);
    journal.close();
  }
  return [
    { name: 'enqueueP50Ms', value: round(median(enqueueMs)), unit: 'ms', label: 'durable enqueue of one refund, median' },
    { name: 'enqueueP99Ms', value: round(percentile(enqueueMs, 99)), unit: 'ms', label: 'durable enqueue of one refund, p99' },
    { name: 'rawFsyncP50Ms', value: round(median(rawMs)), unit: 'ms', label: 'append the same bytes and fsync, median' },
  ];
}

/**
 * Builds a journal of 100,000 entries (refunds, nearly all sent, 100 pending) in one transaction,
 * then times what the app does at start: open, recover interrupted entries, read the summary and
 * list the due entries. The file was just written, so it is in the page cache.
 */
function measureOpen(folder: string): BenchFigure {
  const path = join(folder, 'open-100k.sqlite');
  const journal = openJournal(path, { storeCode: 'S001', tillId: 'T01' });
  const database = (journal as unknown as { database: import('node:sqlite').DatabaseSync }).database;
  const insert = database.prepare(
    `INSERT INTO entries (kind, order_no, original_order_no, customer_id, card_no, phone, amount_fen, state,
       request_json, next_attempt_at, business_day, created_at, updated_at, sent_at, attempt_count)
     VALUES ('refund', ?, ?, ?, ?, ?, 100, ?, ?, ?, '2026-12-04', ?, ?, ?, 1)`,
  );
  database.exec('BEGIN');
  for (let index = 0; index < OPEN_ENTRIES; index++) {
    const orderNo = `S001-T01-20261204${String(index).padStart(6, '0')}-${String((index % 9999) + 1).padStart(4, '0')}`;
    const pending = index >= OPEN_ENTRIES - 100;
    const created = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
    insert.run(
      orderNo,
      'S009-T01-20261201100000-0001',
      member.customerId,
      member.cardNo,
      member.phone,
      pending ? 'pending' : 'sent',
      JSON.stringify(refundInput(orderNo, 'S009-T01-20261201100000-0001').payload),
      pending ? Date.now() : null,
      created,
      created,
      pending ? null : created,
    );
  }
  database.exec('COMMIT');
  journal.close();

  const samples: number[] = [];
  for (let run = 0; run < OPEN_SAMPLES; run++) {
    const started = performance.now();
    const reopened = openJournal(path, { storeCode: 'S001', tillId: 'T01' });
    reopened.recoverInterrupted();
    const summary = reopened.summarize();
    reopened.listDueEntries(Date.now());
    samples.push(performance.now() - started);
    reopened.close();
    if (summary.pendingCount !== 100) throw new Error(`Expected 100 pending entries, found ${summary.pendingCount}`);
  }
  return {
    name: 'journalOpen100kMs',
    value: round(median(samples)),
    unit: 'ms',
    label: `open, recover, summary and due list of ${OPEN_ENTRIES} entries, median of ${OPEN_SAMPLES}`,
    target: '≤ 200',
  };
}

/** Queues 1,000 refunds of one payment while the outbox is stopped, then times the drain. */
async function measureDrain(folder: string): Promise<BenchFigure> {
  const server = await startTrainingServer();
  const client = createVipaxClient({ url: server.url, appid: server.appid, secret: server.secret, storeCode: server.storeCode });
  const journal = openJournal(join(folder, 'drain.sqlite'), { storeCode: server.storeCode, tillId: 'T01' });
  try {
    const paymentNo = journal.allocateOrderNo();
    const priceFen = DRAIN_REFUNDS * 100;
    journal.recordPaymentStarted({ orderNo: paymentNo, member: memberRef, priceFen });
    journal.recordPaymentApplied(paymentNo, await client.paidConsumeByPro({ memberNo: member.customerId, orderNo: paymentNo, priceFen }));
    for (let index = 0; index < DRAIN_REFUNDS; index++) {
      journal.enqueue({ ...refundInput(journal.allocateOrderNo(), paymentNo), originalPriceFen: undefined });
    }

    const outbox = new Outbox({ journal, client });
    const started = performance.now();
    outbox.start();
    while (outbox.status().pendingCount > 0) await outbox.drain();
    const seconds = (performance.now() - started) / 1000;
    await outbox.stop();

    const sent = journal.listEntries({ kind: 'refund', states: ['sent'], limit: DRAIN_REFUNDS + 1 }).length;
    if (sent !== DRAIN_REFUNDS) throw new Error(`Expected ${DRAIN_REFUNDS} refunds sent, found ${sent}`);
    return {
      name: 'drain1000RefundsS',
      value: round(seconds, 2),
      unit: 's',
      label: `send ${DRAIN_REFUNDS} queued refunds of one member to the training server`,
      target: '≤ 15',
    };
  } finally {
    journal.close();
    client.close();
    await server.close();
  }
}

export const journalBench: BenchModule = {
  id: 'journal',
  title: `Till journal and outbox: ${ENQUEUE_SAMPLES} durable enqueues, opening ${OPEN_ENTRIES} entries, draining ${DRAIN_REFUNDS} refunds`,

  async run(): Promise<BenchFigure[]> {
    const folder = mkdtempSync(join(tmpdir(), 'bench-journal-'));
    // One log line per refund would measure the console, not the outbox.
    const restoreLogs = setLogBackend(createMemoryLogBackend());
    try {
      return [...measureEnqueue(folder), measureOpen(folder), await measureDrain(folder)];
    } finally {
      restoreLogs();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
