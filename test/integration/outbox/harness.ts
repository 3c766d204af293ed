import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Journal, type MemberRef, openJournal, type OutboxEntry } from '../../../main/journal';
import { Outbox, type OutboxHooks, type RetryPolicy } from '../../../main/outbox';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { createVipaxClient, type VipaxHttpClient } from '../../../main/vipax';

// A real training server on loopback, the real client, a journal in a fresh folder and an outbox
// with short delays, for the outbox's integration tests.

export const fastRetryPolicy: RetryPolicy = { baseDelayMs: 40, maxDelayMs: 200, lookUpDelayMs: 60 };

export interface OutboxHarness {
  server: TrainingServer;
  client: VipaxHttpClient;
  journal: Journal;
  outbox: Outbox;
  folder: string;
  /** Pays through the server and records the payment in the journal, as the payment service does. */
  pay(member: SeedMember, priceFen: number): Promise<string>;
  refund(member: SeedMember, originalOrderNo: string, amountFen: number, options?: { phone?: string | null }): Promise<OutboxEntry>;
  balanceOf(member: SeedMember): number;
  /** Reopens the journal and builds a new, started outbox, as a restart of the app does. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export type SeedMember = (typeof seedFixtures.members)[keyof typeof seedFixtures.members];

export function memberRef(member: SeedMember, phone: string | null = member.phone): MemberRef {
  return { customerId: member.customerId, cardNo: member.cardNo, phone };
}

export async function startOutboxHarness(options: { hooks?: OutboxHooks; timeoutMs?: number } = {}): Promise<OutboxHarness> {
  const server = await startTrainingServer();
  const client = createVipaxClient({
    url: server.url,
    appid: server.appid,
    secret: server.secret,
    storeCode: server.storeCode,
    connectTimeoutMs: 500,
    timeoutMs: options.timeoutMs ?? 3000,
    readRetries: 0,
  });
  const folder = mkdtempSync(join(tmpdir(), 'outbox-it-'));
  const journalPath = join(folder, 'journal-training.sqlite');
  const openAll = () => {
    const journal = openJournal(journalPath, { storeCode: 'S001', tillId: 'T01' });
    const outbox = new Outbox({ journal, client, hooks: options.hooks, retryPolicy: fastRetryPolicy, submitWaitMs: 5000 });
    return { journal, outbox };
  };

  const harness: OutboxHarness = {
    server,
    client,
    folder,
    ...openAll(),

    async pay(member, priceFen) {
      const orderNo = harness.journal.allocateOrderNo();
      harness.journal.recordPaymentStarted({ orderNo, member: memberRef(member), priceFen });
      const result = await client.paidConsumeByPro({ memberNo: member.customerId, orderNo, priceFen });
      harness.journal.recordPaymentApplied(orderNo, result);
      return orderNo;
    },

    refund(member, originalOrderNo, amountFen, refundOptions = {}) {
      const phone = refundOptions.phone === undefined ? member.phone : refundOptions.phone;
      return harness.outbox.submit({
        payload: {
          kind: 'refund',
          request: { memberNo: member.customerId, orderNo: harness.journal.allocateOrderNo(), priceFen: -amountFen, originalOrderNo },
        },
        member: memberRef(member, phone),
      });
    },

    balanceOf(member) {
      const found = server.findMember(member.customerId);
      if (!found) throw new Error(`Member ${member.customerId} is not on the training server`);
      return found.balanceFen;
    },

    async restart() {
      await harness.outbox.stop();
      harness.journal.close();
      Object.assign(harness, openAll());
      harness.outbox.start();
    },

    async close() {
      await harness.outbox.stop();
      harness.journal.close();
      client.close();
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Resolves when `predicate` holds, checking every 10 ms; throws after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
