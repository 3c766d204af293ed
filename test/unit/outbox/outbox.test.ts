import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type Journal, openJournal } from '../../../main/journal';
import { createMemoryLogBackend, setLogBackend } from '../../../main/logging';
import { Outbox } from '../../../main/outbox';
import { VipaxError } from '../../../main/vipax/errors';
import type { PaymentResult, StoredValueRequest } from '../../../main/vipax/types';
import { logEntry, pagesOf, type ScriptedClient, scriptedClient } from './scripted-client';

// The outbox's decisions on paths the training server cannot produce, with a scripted client and
// a clock the test moves by hand. The real client and server cover the rest in
// test/integration/outbox.

const member = { customerId: 'MEMB20160901000102', cardNo: 'CARD201609010102', phone: '13900000002' };
const policy = { baseDelayMs: 1000, maxDelayMs: 8000, lookUpDelayMs: 5000 };

let folder: string;
let journal: Journal;
let clockMs: number;
let restoreLogs: () => void;

beforeEach(() => {
  restoreLogs = setLogBackend(createMemoryLogBackend());
  folder = mkdtempSync(join(tmpdir(), 'outbox-unit-'));
  clockMs = new Date(2026, 11, 4, 15, 30, 12).getTime();
  journal = openJournal(join(folder, 'journal.sqlite'), { storeCode: 'S001', tillId: 'T01', clock: () => new Date(clockMs) });
  const paymentNo = 'S001-T01-20261204090000-0001';
  journal.recordPaymentStarted({ orderNo: paymentNo, member, priceFen: 10_000 });
  journal.recordPaymentApplied(paymentNo, result(paymentNo, 10_000));
});

afterEach(() => {
  journal.close();
  rmSync(folder, { recursive: true, force: true });
  restoreLogs();
});

function result(orderNo: string, priceFen: number): PaymentResult {
  return {
    orderNo,
    customerId: member.customerId,
    cardNo: member.cardNo,
    priceFen,
    discountRatePercent: 80,
    discountFen: priceFen / 5,
    actualPaymentFen: (priceFen * 4) / 5,
  };
}

function createOutbox(client: ScriptedClient): Outbox {
  return new Outbox({ journal, client, retryPolicy: policy, now: () => clockMs, random: () => 1, submitWaitMs: 1000 });
}

function submitRefund(outbox: Outbox, amountFen = 1_000) {
  return outbox.submit({
    payload: {
      kind: 'refund',
      request: { memberNo: member.customerId, orderNo: journal.allocateOrderNo(), priceFen: -amountFen, originalOrderNo: 'S001-T01-20261204090000-0001' },
    },
    member,
  });
}

/**
 * Submits and waits until the outbox is idle again, because `submit` returns as soon as the first
 * send is in the journal, before the outbox has finished its turn.
 */
async function submitAndSettle(outbox: Outbox, amountFen?: number) {
  const entry = await submitRefund(outbox, amountFen);
  await outbox.drain();
  return entry;
}

function attemptsOf(entryId: number): string[] {
  return journal.listAttempts(entryId).map((attempt) => `${attempt.action}:${attempt.outcome}`);
}

describe('outbox decisions', () => {
  it('queues without sending while stopped', async () => {
    const client = scriptedClient({});
    const outbox = createOutbox(client);

    const entry = await submitRefund(outbox);

    expect(entry.state).toBe('pending');
    expect(client.refunds).toHaveLength(0);
  });

  it('treats a foreign error as a possible send', async () => {
    let refunded: StoredValueRequest | null = null;
    const client = scriptedClient({
      paidConsumeByPro: async (request) => {
        refunded = request;
        throw new TypeError('Cannot read properties of undefined');
      },
      getPaidConsumeLog: async (query) => pagesOf(refunded ? [logEntry(refunded.orderNo, -800)] : [], query),
    });
    const outbox = createOutbox(client);
    outbox.start();

    const entry = await submitAndSettle(outbox);
    expect(entry.state).toBe('needs-attention');
    expect(entry.outcomeUnknown).toBe(true);
    expect(entry.lastError).toEqual({ kind: 'internal', message: 'Cannot read properties of undefined' });

    clockMs += policy.lookUpDelayMs;
    outbox.retry(entry.id, 'client fixed');
    await outbox.drain();

    expect(outbox.get(entry.id)?.state).toBe('sent');
    expect(outbox.get(entry.id)?.figures.actualPaymentFen).toBe(-800);
    expect(client.refunds).toHaveLength(1);
    expect(attemptsOf(entry.id)).toEqual(['send:internal', 'look-up:found-in-log']);
    await outbox.stop();
  });

  it('waits the look-up delay after an unknown outcome', async () => {
    const client = scriptedClient({
      paidConsumeByPro: async () => {
        throw new VipaxError('unknown-outcome', 'Timed out after sending');
      },
      getPaidConsumeLog: async (query) => pagesOf([], query),
    });
    const outbox = createOutbox(client);
    outbox.start();

    const entry = await submitAndSettle(outbox);
    expect(entry.nextAttemptAt).toBe(clockMs + policy.lookUpDelayMs);

    clockMs += policy.lookUpDelayMs - 1;
    await outbox.drain();
    expect(client.logQueries).toHaveLength(0);

    outbox.wake();
    await outbox.drain();
    expect(client.logQueries).toHaveLength(0);
    expect(outbox.get(entry.id)?.nextAttemptAt).toBe(clockMs + 1);
    await outbox.stop();
  });

  it('waits the request timeout before a look-up', async () => {
    const client = scriptedClient({
      paidConsumeByPro: async () => {
        throw new VipaxError('unknown-outcome', 'HTTP 504 from a gateway');
      },
      getPaidConsumeLog: async (query) => pagesOf([], query),
    });
    const outbox = new Outbox({ journal, client, retryPolicy: policy, requestTimeoutMs: 15_000, now: () => clockMs, random: () => 1 });
    outbox.start();
    const entry = await submitAndSettle(outbox);
    const sentAt = clockMs;

    expect(entry.nextAttemptAt).toBe(sentAt + 15_000 + policy.lookUpDelayMs);
    clockMs += policy.lookUpDelayMs;
    outbox.wake();
    await outbox.drain();
    expect(client.logQueries).toHaveLength(0);
    expect(outbox.get(entry.id)?.nextAttemptAt).toBe(sentAt + 15_000 + policy.lookUpDelayMs);

    clockMs = sentAt + 15_000 + policy.lookUpDelayMs;
    await outbox.drain();
    expect(client.logQueries.length).toBeGreaterThan(0);
    await outbox.stop();
  });

  it('clamps the look-up wait when the clock goes back', async () => {
    const client = scriptedClient({
      paidConsumeByPro: async () => {
        throw new VipaxError('unknown-outcome', 'Timed out after sending');
      },
      getPaidConsumeLog: async (query) => pagesOf([], query),
    });
    const outbox = createOutbox(client);
    outbox.start();
    const entry = await submitAndSettle(outbox);

    clockMs -= 3_600_000;
    outbox.wake();
    await outbox.drain();

    expect(client.logQueries).toHaveLength(0);
    expect(outbox.get(entry.id)?.nextAttemptAt).toBe(clockMs + policy.lookUpDelayMs);
    await outbox.stop();
  });

  it('resends after the log proves absence', async () => {
    let sends = 0;
    const client = scriptedClient({
      paidConsumeByPro: async (request) => {
        sends += 1;
        if (sends === 1) throw new VipaxError('unknown-outcome', 'Connection reset after sending');
        return result(request.orderNo, request.priceFen);
      },
      getPaidConsumeLog: async (query) => pagesOf([], query),
    });
    const outbox = createOutbox(client);
    outbox.start();

    const entry = await submitAndSettle(outbox);
    clockMs += policy.lookUpDelayMs;
    await outbox.drain();

    expect(outbox.get(entry.id)?.state).toBe('sent');
    expect(client.refunds.map((request) => request.orderNo)).toEqual([entry.orderNo, entry.orderNo]);
    expect(attemptsOf(entry.id)).toEqual(['send:unknown-outcome', 'look-up:absent-from-log', 'send:applied']);
    await outbox.stop();
  });

  it('needs review when the log shows the refund twice', async () => {
    let orderNo = '';
    const client = scriptedClient({
      paidConsumeByPro: async (request) => {
        orderNo = request.orderNo;
        throw new VipaxError('unknown-outcome', 'Timed out after sending');
      },
      getPaidConsumeLog: async (query) => pagesOf([logEntry(orderNo, -800, 'SER-1'), logEntry(orderNo, -800, 'SER-2')], query),
    });
    const outbox = createOutbox(client);
    outbox.start();

    const entry = await submitAndSettle(outbox);
    clockMs += policy.lookUpDelayMs;
    await outbox.drain();

    const reviewed = outbox.get(entry.id);
    expect(reviewed?.state).toBe('needs-review');
    expect(reviewed?.lastError?.message).toBe('Found 2 log entries with this order number');
    await outbox.stop();
  });

  it('needs attention when the log read is rejected', async () => {
    const client = scriptedClient({
      paidConsumeByPro: async () => {
        throw new VipaxError('unknown-outcome', 'Timed out after sending');
      },
      getPaidConsumeLog: async () => {
        throw new VipaxError('rejected', 'VIPax rejected the request', { serverMessage: '会员不存在', serverCode: '0' });
      },
    });
    const outbox = createOutbox(client);
    outbox.start();

    const entry = await submitAndSettle(outbox);
    clockMs += policy.lookUpDelayMs;
    await outbox.drain();

    const stopped = outbox.get(entry.id);
    expect(stopped?.state).toBe('needs-attention');
    expect(stopped?.outcomeUnknown).toBe(true);
    expect(stopped?.lastError).toEqual({ kind: 'rejected', message: '会员不存在' });
    await outbox.stop();
  });

  it('backs off and pauses every send offline', async () => {
    const client = scriptedClient({
      paidConsumeByPro: async () => {
        throw new VipaxError('network', 'connect ECONNREFUSED 127.0.0.1:9');
      },
    });
    const outbox = createOutbox(client);
    outbox.start();

    const first = await submitAndSettle(outbox, 1_000);
    expect(first.nextAttemptAt).toBe(clockMs + 1000);
    const other = await outbox.submit({
      payload: {
        kind: 'return',
        request: {
          memberCardNo: 'CARD201609010103',
          originalOrderNo: 'S001-T01-20261203090000-0001',
          returnOrderNo: journal.allocateOrderNo(),
          createTime: new Date(clockMs),
          returnPoints: false,
          totalFen: 500,
          goods: [{ goodsCode: 'G0001', skuCode: 'G0001-1', priceFen: 500, count: 1 }],
        },
      },
      member: { customerId: null, cardNo: 'CARD201609010103', phone: null },
    });

    // Another member's entry waits too: the network failure paused all sending.
    expect(other.attemptCount).toBe(0);
    expect(client.refunds).toHaveLength(1);

    clockMs += 1000;
    await outbox.drain();
    expect(outbox.get(first.id)?.attemptCount).toBe(2);
    expect(outbox.get(first.id)?.nextAttemptAt).toBe(clockMs + 2000);
    await outbox.stop();
  });
});
