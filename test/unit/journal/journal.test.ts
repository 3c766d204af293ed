import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type Journal, JournalError, latestSchemaVersion, openJournal } from '../../../main/journal';
import { VipaxError } from '../../../main/vipax/errors';

const member = { customerId: 'MEMB20160901006045', cardNo: 'CARD201609016048', phone: '13912348173' };
const otherMember = { customerId: 'MEMB20160901007000', cardNo: 'CARD201609017000', phone: '13800001111' };

let folder: string;
let path: string;
let journal: Journal;
let clockMs: number;

function open(): Journal {
  return openJournal(path, { storeCode: 'S001', tillId: 'T01', clock: () => new Date(clockMs) });
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'journal-test-'));
  path = join(folder, 'journal.sqlite');
  clockMs = new Date(2026, 11, 4, 15, 30, 12).getTime();
  journal = open();
});

afterEach(() => {
  journal.close();
  rmSync(folder, { recursive: true, force: true });
});

function payApplied(orderNo: string, priceFen: number, who = member): void {
  journal.recordPaymentStarted({ orderNo, member: who, priceFen });
  journal.recordPaymentApplied(orderNo, {
    orderNo,
    customerId: who.customerId,
    cardNo: who.cardNo,
    priceFen,
    discountRatePercent: 80,
    discountFen: priceFen / 5,
    actualPaymentFen: (priceFen * 4) / 5,
  });
}

function enqueueRefund(originalOrderNo: string, amountFen: number, who = member) {
  return journal.enqueue({
    payload: {
      kind: 'refund',
      request: { memberNo: who.customerId, orderNo: journal.allocateOrderNo(), priceFen: -amountFen, originalOrderNo },
    },
    member: who,
  });
}

function enqueueReturn(who: { cardNo: string | null; phone: string | null }, returnOrderNo: string) {
  return journal.enqueue({
    payload: {
      kind: 'return',
      request: {
        memberCardNo: who.cardNo ?? undefined,
        memberPhone: who.phone ?? undefined,
        originalOrderNo: 'S001-T01-20261204100000-0001',
        returnOrderNo,
        createTime: new Date(clockMs),
        returnPoints: true,
        totalFen: 2000,
        goods: [{ goodsCode: 'G1', skuCode: 'SKU1', priceFen: 2000, count: 1 }],
      },
    },
    member: { customerId: null, cardNo: who.cardNo, phone: who.phone },
  });
}

describe('opening the journal', () => {
  it('uses WAL, synchronous FULL and the latest schema', () => {
    journal.close();
    const database = new DatabaseSync(path);

    const mode = database.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    const version = database.prepare('PRAGMA user_version').get() as { user_version: number };
    database.close();

    expect(mode.journal_mode).toBe('wal');
    expect(version.user_version).toBe(latestSchemaVersion);
    expect(latestSchemaVersion).toBeGreaterThanOrEqual(1);
    journal = open();
  });

  it('keeps records across a reopen', () => {
    payApplied('S001-T01-20261204153012-0001', 1000);
    journal.close();

    journal = open();

    const payment = journal.getPayment('S001-T01-20261204153012-0001');
    expect(payment?.state).toBe('applied');
    expect(payment?.priceFen).toBe(1000);
    expect(payment?.figures.actualPaymentFen).toBe(800);
  });

  it('rejects a journal from a newer app', () => {
    journal.close();
    const database = new DatabaseSync(path);
    database.exec(`PRAGMA user_version = ${latestSchemaVersion + 1}`);
    database.close();

    expect(() => open()).toThrow(/newer than this app supports/);
    const database2 = new DatabaseSync(path);
    database2.exec(`PRAGMA user_version = ${latestSchemaVersion}`);
    database2.close();
    journal = open();
  });

  it('rejects a till id with a dash', () => {
    expect(() => openJournal(join(folder, 'other.sqlite'), { storeCode: 'S001', tillId: 'T-1' })).toThrow(/tillId/);
  });

  it('rejects parts too long for a 64-character order number', () => {
    const options = { storeCode: 'S'.repeat(32), tillId: 'T'.repeat(12) };
    expect(() => openJournal(join(folder, 'other.sqlite'), options)).toThrow(/shorten the till id/);
  });
});

describe('allocateOrderNo', () => {
  it('keeps dashes and underscores of the store code', () => {
    const other = openJournal(join(folder, 'dashes.sqlite'), { storeCode: 'S-00_1', tillId: 'T_01' });
    try {
      expect(other.allocateOrderNo(new Date(2026, 11, 4, 15, 30, 12))).toBe('S-00_1-T_01-20261204153012-0001');
    } finally {
      other.close();
    }
  });

  it('stays within 64 characters at the longest parts', () => {
    const other = openJournal(join(folder, 'longest.sqlite'), { storeCode: 'S'.repeat(32), tillId: 'T'.repeat(11) });
    try {
      const orderNo = other.allocateOrderNo(new Date(2026, 11, 4, 15, 30, 12));
      expect(orderNo).toBe(`${'S'.repeat(32)}-${'T'.repeat(11)}-20261204153012-0001`);
      expect(orderNo).toHaveLength(64);
    } finally {
      other.close();
    }
  });

  it('formats store, till, local time and sequence', () => {
    expect(journal.allocateOrderNo(new Date(2026, 11, 4, 15, 30, 12))).toBe('S001-T01-20261204153012-0001');
    expect(journal.allocateOrderNo(new Date(2026, 11, 4, 15, 30, 12))).toBe('S001-T01-20261204153012-0002');
    expect(journal.allocateOrderNo(new Date(2026, 11, 4, 15, 31, 0))).toBe('S001-T01-20261204153100-0003');
  });

  it('continues the sequence after a reopen', () => {
    journal.allocateOrderNo(new Date(2026, 11, 4, 15, 30, 12));
    journal.allocateOrderNo(new Date(2026, 11, 4, 15, 30, 12));
    journal.close();

    journal = open();

    expect(journal.allocateOrderNo(new Date(2026, 11, 4, 15, 30, 12))).toBe('S001-T01-20261204153012-0003');
  });

  it('stays new when the clock goes back', () => {
    const first = journal.allocateOrderNo(new Date(2026, 11, 4, 15, 30, 12));
    journal.close();
    journal = open();

    const afterClockBack = journal.allocateOrderNo(new Date(2026, 11, 4, 14, 0, 0));
    const later = journal.allocateOrderNo(new Date(2026, 11, 4, 16, 0, 0));

    expect(first).toBe('S001-T01-20261204153012-0001');
    expect(afterClockBack).toBe('S001-T01-20261204153012-0002');
    expect(later).toBe('S001-T01-20261204160000-0003');
  });

  it('moves the time on when the sequence wraps within one second', () => {
    const time = new Date(2026, 11, 4, 15, 30, 12);
    const numbers = new Set<string>();
    for (let i = 0; i < 10_001; i++) numbers.add(journal.allocateOrderNo(time));

    expect(numbers.size).toBe(10_001);
    expect(numbers.has('S001-T01-20261204153012-9999')).toBe(true);
    expect(numbers.has('S001-T01-20261204153013-0001')).toBe(true);
    expect(numbers.has('S001-T01-20261204153013-0002')).toBe(true);
  });

  it('never repeats under a clock that jumps around', () => {
    const seen = new Set<string>();
    let previous = '';
    const base = new Date(2026, 11, 4, 15, 30, 0).getTime();
    for (let i = 0; i < 3000; i++) {
      // Swings of up to ±20 s, so the clock goes back often.
      const offset = ((i * 7919) % 41) - 20;
      const orderNo = journal.allocateOrderNo(new Date(base + offset * 1000 + Math.floor(i / 100) * 1000));
      expect(orderNo > previous).toBe(true);
      previous = orderNo;
      seen.add(orderNo);
    }
    expect(seen.size).toBe(3000);
  });
});

describe('payments', () => {
  it('records a payment from start to applied', () => {
    const orderNo = journal.allocateOrderNo();
    journal.recordPaymentStarted({ orderNo, member, priceFen: 1000 });

    expect(journal.getPayment(orderNo)?.state).toBe('sending');

    journal.recordPaymentApplied(orderNo, {
      orderNo,
      customerId: member.customerId,
      cardNo: member.cardNo,
      priceFen: 1000,
      discountRatePercent: 80,
      discountFen: 200,
      actualPaymentFen: 800,
    });
    const payment = journal.getPayment(orderNo);

    expect(payment?.state).toBe('applied');
    expect(payment?.figures).toEqual({ discountRatePercent: 80, discountFen: 200, actualPaymentFen: 800 });
    expect(payment?.member).toEqual(member);
    expect(payment?.businessDay).toBe('2026-12-04');
    const attempts = journal.paymentAttempts(orderNo);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.outcome).toBe('applied');
  });

  it('keeps the server message of a rejection', () => {
    const orderNo = journal.allocateOrderNo();
    journal.recordPaymentStarted({ orderNo, member, priceFen: 1000 });

    journal.recordPaymentNotApplied(
      orderNo,
      new VipaxError('rejected', 'VIPax rejected the request', { serverMessage: '余额不足', serverCode: '0' }),
    );

    const payment = journal.getPayment(orderNo);
    expect(payment?.state).toBe('not-applied');
    expect(payment?.lastError).toEqual({ kind: 'rejected', message: '余额不足' });
    expect(journal.paymentAttempts(orderNo)[0]?.outcome).toBe('rejected');
  });

  it('resolves an unknown payment from the log', () => {
    const orderNo = journal.allocateOrderNo();
    journal.recordPaymentStarted({ orderNo, member, priceFen: 1000 });
    journal.recordPaymentUnknown(orderNo, new VipaxError('unknown-outcome', 'Timed out after sending'));

    expect(journal.getPayment(orderNo)?.state).toBe('unknown');

    journal.resolvePayment(orderNo, 'applied', { actualPaymentFen: 800 });

    const payment = journal.getPayment(orderNo);
    expect(payment?.state).toBe('applied');
    expect(payment?.figures.actualPaymentFen).toBe(800);
    expect(journal.paymentAttempts(orderNo).map((attempt) => attempt.outcome)).toEqual(['unknown-outcome', 'found-in-log']);
  });

  it('turns a payment left sending into unknown', () => {
    const orderNo = journal.allocateOrderNo();
    journal.recordPaymentStarted({ orderNo, member, priceFen: 1000 });
    journal.close();
    journal = open();

    const recovered = journal.recoverInterrupted();

    expect(recovered.payments).toBe(1);
    expect(journal.getPayment(orderNo)?.state).toBe('unknown');
    expect(journal.paymentAttempts(orderNo)[0]?.outcome).toBe('interrupted');
  });

  it('lists one day by order number', () => {
    payApplied('S001-T01-20261203100000-0001', 500);
    clockMs += 24 * 3600 * 1000;
    payApplied('S001-T01-20261205100000-0002', 700);
    payApplied('S001-T01-20261205100001-0003', 900);

    const day = journal.listPayments({ day: '2026-12-05' });
    const byNumber = journal.listPayments({ orderNo: 'S001-T01-20261203100000-0001' });
    const byDigits = journal.listPayments({ orderNoContains: '0003' });

    expect(day.map((payment) => payment.orderNo)).toEqual(['S001-T01-20261205100001-0003', 'S001-T01-20261205100000-0002']);
    expect(byNumber.map((payment) => payment.priceFen)).toEqual([500]);
    expect(byDigits.map((payment) => payment.priceFen)).toEqual([900]);
  });

  it('rejects a second start of one order number', () => {
    journal.recordPaymentStarted({ orderNo: 'S001-T01-20261204153012-0001', member, priceFen: 100 });

    expect(() => journal.recordPaymentStarted({ orderNo: 'S001-T01-20261204153012-0001', member, priceFen: 100 })).toThrow(
      /already in the journal/,
    );
  });
});

describe('remaining to refund', () => {
  const original = 'S001-T01-20261204090000-0001';

  it('subtracts sent and queued refunds', () => {
    payApplied(original, 1000);
    enqueueRefund(original, 300);
    const second = enqueueRefund(original, 200);
    const attemptId = journal.startAttempt(second.id, 'send');
    journal.finishAttempt(attemptId, { state: 'sent', outcome: 'applied', result: null });

    expect(journal.remainingToRefund(original)).toBe(500);
    expect(journal.getPayment(original)?.refundedFen).toBe(500);
  });

  it('rejects one fen over the remainder', () => {
    payApplied(original, 1000);
    enqueueRefund(original, 400);

    let error: unknown;
    try {
      enqueueRefund(original, 601);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).code).toBe('over-refund');
    expect((error as JournalError).details.remainingFen).toBe(600);
    expect(journal.listEntries({ kind: 'refund' })).toHaveLength(1);
  });

  it('accepts exactly the remainder', () => {
    payApplied(original, 1000);
    enqueueRefund(original, 400);

    const last = enqueueRefund(original, 600);

    expect(last.amountFen).toBe(600);
    expect(journal.remainingToRefund(original)).toBe(0);
  });

  it('gives back a cancelled refund', () => {
    payApplied(original, 1000);
    const refund = enqueueRefund(original, 1000);

    journal.cancelEntry(refund.id, 'Customer changed their mind');

    expect(journal.remainingToRefund(original)).toBe(1000);
  });

  it('rejects cancelling an unknown refund', () => {
    payApplied(original, 1000);
    const refund = enqueueRefund(original, 1000);
    const attemptId = journal.startAttempt(refund.id, 'send');
    journal.finishAttempt(attemptId, {
      state: 'pending',
      outcome: 'unknown-outcome',
      error: { kind: 'unknown-outcome', message: 'No complete response within 2000 ms' },
      nextAttemptAt: Date.now() + 60_000,
      outcomeUnknown: true,
    });

    expect(() => journal.cancelEntry(refund.id, 'Customer changed their mind')).toThrow(/cannot be cancelled/);
    expect(journal.getEntry(refund.id)?.state).toBe('pending');
    expect(journal.remainingToRefund(original)).toBe(0);
  });

  it('counts a refund that needs attention', () => {
    payApplied(original, 1000);
    const refund = enqueueRefund(original, 700);
    const attemptId = journal.startAttempt(refund.id, 'send');
    journal.finishAttempt(attemptId, {
      state: 'needs-attention',
      outcome: 'rejected',
      error: { kind: 'rejected', message: '订单不存在' },
    });

    expect(journal.remainingToRefund(original)).toBe(300);
  });

  it('uses the given price for a payment from the log', () => {
    const fromLog = 'S009-T02-20261201100000-0042';
    journal.enqueue({
      payload: { kind: 'refund', request: { memberNo: member.customerId, orderNo: journal.allocateOrderNo(), priceFen: -250, originalOrderNo: fromLog } },
      member,
      originalPriceFen: 1000,
    });

    expect(journal.remainingToRefund(fromLog, 1000)).toBe(750);
    expect(() => journal.remainingToRefund(fromLog)).toThrow(/No payment/);
  });

  it('rejects a refund of a payment not applied', () => {
    journal.recordPaymentStarted({ orderNo: original, member, priceFen: 1000 });
    journal.recordPaymentUnknown(original, new VipaxError('unknown-outcome', 'Timed out'));

    expect(() => enqueueRefund(original, 100)).toThrow(/unknown, not applied/);
  });
});

describe('outbox entries', () => {
  it('stores the request with its dates', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0009');

    const reread = journal.getEntry(entry.id);

    expect(reread?.payload.kind).toBe('return');
    if (reread?.payload.kind !== 'return') return;
    expect(reread.payload.request.createTime).toBeInstanceOf(Date);
    expect(reread.payload.request.createTime.getTime()).toBe(clockMs);
    expect(reread.payload.request.goods).toEqual([{ goodsCode: 'G1', skuCode: 'SKU1', priceFen: 2000, count: 1 }]);
    expect(reread.amountFen).toBe(2000);
  });

  it('holds a later entry of the same member', () => {
    payApplied('S001-T01-20261204090000-0001', 1000);
    payApplied('S001-T01-20261204090000-0002', 1000, otherMember);
    const first = enqueueRefund('S001-T01-20261204090000-0001', 100);
    const second = enqueueReturn({ cardNo: member.cardNo, phone: null }, 'S001-T01-20261204153012-0099');
    const other = enqueueRefund('S001-T01-20261204090000-0002', 100, otherMember);

    const due = journal.listDueEntries(clockMs).map((entry) => entry.id);

    expect(due).toEqual([first.id, other.id]);
    expect(due).not.toContain(second.id);
  });

  it('releases the next entry once the first is sent', () => {
    payApplied('S001-T01-20261204090000-0001', 1000);
    const first = enqueueRefund('S001-T01-20261204090000-0001', 100);
    const second = enqueueRefund('S001-T01-20261204090000-0001', 100);

    const attemptId = journal.startAttempt(first.id, 'send');
    expect(journal.listDueEntries(clockMs)).toHaveLength(0);
    journal.finishAttempt(attemptId, { state: 'sent', outcome: 'applied', result: { ok: 1 } });

    expect(journal.listDueEntries(clockMs).map((entry) => entry.id)).toEqual([second.id]);
  });

  it('keeps an entry that needs attention blocking', () => {
    payApplied('S001-T01-20261204090000-0001', 1000);
    const first = enqueueRefund('S001-T01-20261204090000-0001', 100);
    enqueueRefund('S001-T01-20261204090000-0001', 100);
    const attemptId = journal.startAttempt(first.id, 'send');
    journal.finishAttempt(attemptId, { state: 'needs-attention', outcome: 'rejected', error: { kind: 'rejected', message: '会员不存在' } });

    expect(journal.listDueEntries(clockMs)).toHaveLength(0);

    journal.cancelEntry(first.id, 'Wrong member, refunded in cash');
    expect(journal.listDueEntries(clockMs)).toHaveLength(1);
  });

  it('waits for the backoff time', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0050');
    const attemptId = journal.startAttempt(entry.id, 'send');
    journal.finishAttempt(attemptId, {
      state: 'pending',
      outcome: 'network',
      error: { kind: 'network', message: 'connect ECONNREFUSED' },
      nextAttemptAt: clockMs + 5000,
      outcomeUnknown: false,
    });

    expect(journal.listDueEntries(clockMs + 4999)).toHaveLength(0);
    expect(journal.listDueEntries(clockMs + 5000)).toHaveLength(1);
    expect(journal.nextDueAt()).toBe(clockMs + 5000);
    expect(journal.getEntry(entry.id)?.lastError).toEqual({ kind: 'network', message: 'connect ECONNREFUSED' });
  });

  it('recovers a send cut by a crash as unknown', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0051');
    journal.startAttempt(entry.id, 'send');
    journal.close();
    journal = open();

    expect(journal.recoverInterrupted().entries).toBe(1);

    const recovered = journal.getEntry(entry.id);
    expect(recovered?.state).toBe('pending');
    expect(recovered?.outcomeUnknown).toBe(true);
    expect(journal.listAttempts(entry.id)[0]?.outcome).toBe('interrupted');
  });

  it('recovers a cut look-up without changing the flag', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0052');
    journal.startAttempt(entry.id, 'look-up');
    journal.close();
    journal = open();

    journal.recoverInterrupted();

    expect(journal.getEntry(entry.id)?.outcomeUnknown).toBe(false);
  });

  it('requires a reason to cancel', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0053');

    expect(() => journal.cancelEntry(entry.id, '   ')).toThrow(/written reason/);
    expect(journal.getEntry(entry.id)?.state).toBe('pending');
  });

  it('keeps a cancelled entry with its history', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0054');

    journal.cancelEntry(entry.id, 'Entered twice by mistake');

    const cancelled = journal.getEntry(entry.id);
    expect(cancelled?.state).toBe('cancelled');
    expect(cancelled?.note).toBe('Entered twice by mistake');
    expect(journal.listEvents(entry.id).map((event) => event.toState)).toEqual(['pending', 'cancelled']);
  });

  it('rejects a cancel while sending', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0055');
    journal.startAttempt(entry.id, 'send');

    expect(() => journal.cancelEntry(entry.id, 'Too late')).toThrow(/is sending/);
  });

  it('retries an entry that needs attention', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0056');
    const attemptId = journal.startAttempt(entry.id, 'send');
    journal.finishAttempt(attemptId, { state: 'needs-attention', outcome: 'rejected', error: { kind: 'rejected', message: '商品不存在' } });

    const retried = journal.retryEntry(entry.id, 'Goods code fixed on the server');

    expect(retried.state).toBe('pending');
    expect(retried.nextAttemptAt).toBe(clockMs);
    expect(journal.listEvents(entry.id).at(-1)?.note).toBe('Goods code fixed on the server');
  });

  it('rejects a return over the uploaded order', () => {
    journal.enqueue({
      payload: {
        kind: 'order-upload',
        request: {
          memberPhone: member.phone,
          orderNo: 'S001-T01-20261204100000-0001',
          createTime: new Date(clockMs),
          totalFen: 3_000,
          paidFen: 3_000,
          payType: 3,
          payTime: new Date(clockMs),
          goods: [{ goodsCode: 'G1', skuCode: 'SKU1', priceFen: 1_000, discountedPriceFen: 3_000, count: 3 }],
        },
      },
      member,
    });
    enqueueReturn(member, 'S001-T01-20261204153012-0070');

    expect(() => enqueueReturn(member, 'S001-T01-20261204153012-0071')).toThrow(/exceeds the 1000 fen left to return/);
    expect(journal.listEntries({ kind: 'return' })).toHaveLength(1);
  });

  it('makes backed-off entries due on wake', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0072');
    const attemptId = journal.startAttempt(entry.id, 'send');
    journal.finishAttempt(attemptId, {
      state: 'pending',
      outcome: 'network',
      error: { kind: 'network', message: 'connect ECONNREFUSED' },
      nextAttemptAt: clockMs + 60_000,
    });

    expect(journal.makePendingDue(clockMs)).toBe(1);

    expect(journal.listDueEntries(clockMs).map((due) => due.id)).toEqual([entry.id]);
  });

  it('defers a pending entry without an attempt', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0073');

    journal.deferEntry(entry.id, clockMs + 5_000);

    expect(journal.getEntry(entry.id)?.nextAttemptAt).toBe(clockMs + 5_000);
    expect(journal.listAttempts(entry.id)).toHaveLength(0);
  });

  it('confirms a reviewed entry as sent', () => {
    const entry = enqueueReturn(member, 'S001-T01-20261204153012-0074');
    const attemptId = journal.startAttempt(entry.id, 'send');
    journal.finishAttempt(attemptId, {
      state: 'needs-review',
      outcome: 'duplicate',
      error: { kind: 'rejected', message: '退单号重复' },
      note: 'Check in VIPax',
    });

    const confirmed = journal.confirmSent(entry.id, 'Return seen once in VIPax');

    expect(confirmed.state).toBe('sent');
    expect(confirmed.note).toBe('Return seen once in VIPax');
    expect(() => journal.confirmSent(entry.id, 'again')).toThrow(/is sent/);
  });

  it('summarizes pending count and oldest', () => {
    const first = enqueueReturn(member, 'S001-T01-20261204153012-0060');
    clockMs += 60_000;
    enqueueReturn(otherMember, 'S001-T01-20261204153012-0061');

    const summary = journal.summarize();

    expect(summary.pendingCount).toBe(2);
    expect(summary.oldestPendingAt).toBe(first.createdAt);
    expect(summary.needsAttentionCount).toBe(0);
  });
});
