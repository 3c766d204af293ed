import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type {
  IpcReply,
  OutboxDetailReply,
  OutboxEntryReply,
  OutboxListReply,
  OutboxStatusView,
  RefundCreateReply,
  RefundMemberPaymentsReply,
  RefundPaymentsReply,
  ReturnCreateReply,
} from '../../../common/contract';
import { createMemoryLogBackend, setLogBackend } from '../../../main/logging';
import { seedFixtures } from '../../../main/training';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';
import { fastRetryPolicy, waitFor } from './harness';

// Refunds, returns and the outbox through the real router, services, journal, outbox and client,
// against a training server on loopback: what the renderer gets for each call.

const { gold, diamond } = seedFixtures.members;

let fixture: TillFixture;
let restoreLogs: () => void;

beforeEach(async () => {
  restoreLogs = setLogBackend(createMemoryLogBackend());
  fixture = await startTillFixture({ till: { outboxRetryPolicy: fastRetryPolicy } });
  await fixture.till.monitor.check();
});

afterEach(async () => {
  await fixture.close();
  restoreLogs();
});

async function call<T>(channel: string, request?: unknown): Promise<IpcReply<T>> {
  return (await fixture.till.router.handle(channel, request)) as IpcReply<T>;
}

async function value<T>(channel: string, request?: unknown): Promise<T> {
  const reply = await call<T>(channel, request);
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

async function pay(member: { customerId: string; cardNo: string }, amountFen: number): Promise<string> {
  const reply = await value<{ status: string; orderNo: string }>('payment:pay', {
    customerId: member.customerId,
    cardNo: member.cardNo,
    amountFen,
  });
  expect(reply.status).toBe('charged');
  return reply.orderNo;
}

function balanceOf(customerId: string): number | undefined {
  return fixture.server.findMember(customerId)?.balanceFen;
}

describe('refund:payments', () => {
  it('lists today’s payment with what is left', async () => {
    const orderNo = await pay(gold, 10_000);

    const reply = await value<RefundPaymentsReply>('refund:payments');

    expect(reply.payments).toHaveLength(1);
    expect(reply.payments[0]).toMatchObject({
      orderNo,
      priceFen: 10_000,
      actualPaymentFen: 8_800,
      refundedFen: 0,
      remainingFen: 10_000,
      phoneMasked: '139****0001',
      source: 'journal',
    });
  });

  it('finds a scanned order number', async () => {
    const orderNo = await pay(gold, 1_000);

    const reply = await value<RefundPaymentsReply>('refund:payments', { orderNo });

    expect(reply.payments.map((payment) => payment.orderNo)).toEqual([orderNo]);
  });

  it('reports an unknown order number as not found', async () => {
    const reply = await call('refund:payments', { orderNo: 'S001-T01-20200101000000-0001' });

    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('not-found');
  });
});

describe('refund:create', () => {
  it('sends at once and reports the server figures', async () => {
    const paymentNo = await pay(gold, 10_000);
    const afterPayment = balanceOf(gold.customerId)!;

    const reply = await value<RefundCreateReply>('refund:create', { originalOrderNo: paymentNo, amountFen: 4_000 });

    expect(reply.status).toBe('sent');
    expect(reply.remainingFen).toBe(6_000);
    expect(reply.entry.actualPaymentFen).toBe(-3_520);
    expect(reply.entry.originalOrderNo).toBe(paymentNo);
    expect(reply.entry.phoneMasked).toBe('139****0001');
    expect(balanceOf(gold.customerId)).toBe(afterPayment + 3_520);
    expect(fixture.server.countApplied(reply.entry.orderNo)).toBe(1);
  });

  it('rejects an over-refund and writes nothing', async () => {
    const paymentNo = await pay(gold, 10_000);
    await value<RefundCreateReply>('refund:create', { originalOrderNo: paymentNo, amountFen: 6_000 });

    const reply = await call<RefundCreateReply>('refund:create', { originalOrderNo: paymentNo, amountFen: 4_001 });

    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('over-refund');
    expect(reply.error.message).toContain('4000 fen left');
    const list = await value<OutboxListReply>('outbox:list');
    expect(list.entries).toHaveLength(1);
  });

  it('rejects a zero amount as invalid input', async () => {
    const paymentNo = await pay(gold, 1_000);

    const reply = await call('refund:create', { originalOrderNo: paymentNo, amountFen: 0 });

    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-input');
    expect(reply.error.field).toBe('amountFen');
  });

  it('queues offline and sends once the server is back', async () => {
    const paymentNo = await pay(diamond, 5_000);
    const afterPayment = balanceOf(diamond.customerId)!;
    const indicator: OutboxStatusView[] = [];
    fixture.till.onEvent((name, payload) => {
      if (name === 'outbox:changed') indicator.push(payload as OutboxStatusView);
    });
    await fixture.server.setFault({ kind: 'refuse-connections' });
    await fixture.till.monitor.check();

    const reply = await value<RefundCreateReply>('refund:create', { originalOrderNo: paymentNo, amountFen: 5_000 });

    expect(reply.status).toBe('queued');
    expect(reply.remainingFen).toBe(0);
    expect(indicator.at(-1)?.pendingCount).toBe(1);
    expect((await value<OutboxStatusView>('outbox:status')).pendingCount).toBe(1);

    await fixture.server.setFault(null);
    await waitFor(() => fixture.till.outbox.get(reply.entry.id)?.state === 'sent', 8000, 'the queued refund to go out');

    expect(indicator.at(-1)?.pendingCount).toBe(0);
    expect(balanceOf(diamond.customerId)).toBe(afterPayment + 4_000);
    expect(fixture.server.countApplied(reply.entry.orderNo)).toBe(1);
  });

  it('refunds a payment picked from the member log', async () => {
    const { earlierPayment } = seedFixtures;
    const listed = await value<RefundMemberPaymentsReply>('refund:member-payments', {
      customerId: gold.customerId,
      cardNo: gold.cardNo,
      from: '2025-11-01',
    });
    const earlier = listed.payments.find((payment) => payment.orderNo === earlierPayment.orderNo);
    expect(earlier).toMatchObject({ source: 'log', actualPaymentFen: 8_800, priceFen: 10_000 });
    const before = balanceOf(gold.customerId)!;

    const reply = await value<RefundCreateReply>('refund:create', {
      originalOrderNo: earlierPayment.orderNo,
      amountFen: 5_000,
      customerId: gold.customerId,
      cardNo: gold.cardNo,
    });

    expect(reply.status).toBe('sent');
    expect(balanceOf(gold.customerId)).toBe(before + earlierPayment.priceFen * 0.88 - earlierPayment.refundedActualFen);
  });

  it('needs the member for a payment not in the journal', async () => {
    const reply = await call('refund:create', { originalOrderNo: seedFixtures.earlierPayment.orderNo, amountFen: 100 });

    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('not-found');
    expect(reply.error.field).toBe('originalOrderNo');
  });
});

describe('return:create', () => {
  it('uploads a return that takes back points', async () => {
    const pointsBefore = fixture.server.findMember(gold.customerId)?.points;

    const reply = await value<ReturnCreateReply>('return:create', {
      originalOrderNo: seedFixtures.earlierOrder.orderNo,
      memberCardNo: gold.cardNo,
      returnPoints: true,
      goods: [{ goodsCode: 'G0002', skuCode: 'G0002-1', amountFen: 2_500, count: 1 }],
    });

    expect(reply.status).toBe('sent');
    expect(reply.entry.kind).toBe('return');
    expect(reply.entry.amountFen).toBe(2_500);
    expect(fixture.server.countApplied(reply.entry.orderNo)).toBe(1);
    expect(fixture.server.findMember(gold.customerId)?.points).toBeLessThan(pointsBefore!);
  });

  it('rejects a return without card or phone', async () => {
    const reply = await call('return:create', {
      originalOrderNo: seedFixtures.earlierOrder.orderNo,
      returnPoints: false,
      goods: [{ goodsCode: 'G0002', skuCode: 'G0002-1', amountFen: 100, count: 1 }],
    });

    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-input');
    expect(reply.error.field).toBe('memberCardNo');
  });
});

describe('outbox channels', () => {
  it('cancels with a reason and keeps the entry', async () => {
    const paymentNo = await pay(gold, 2_000);
    await fixture.server.setFault({ kind: 'refuse-connections' });
    await fixture.till.monitor.check();
    const created = await value<RefundCreateReply>('refund:create', { originalOrderNo: paymentNo, amountFen: 2_000 });

    const missingReason = await call('outbox:cancel', { entryId: created.entry.id, reason: '  ' });
    const cancelled = await value<OutboxEntryReply>('outbox:cancel', { entryId: created.entry.id, reason: '顾客改为现金退款' });

    expect(missingReason.ok).toBe(false);
    expect(cancelled.entry.state).toBe('cancelled');
    expect(cancelled.entry.note).toBe('顾客改为现金退款');
    const detail = await value<OutboxDetailReply>('outbox:detail', { entryId: created.entry.id });
    expect(detail.history.map((event) => event.toState)).toContain('cancelled');
    const payments = await value<RefundPaymentsReply>('refund:payments');
    expect(payments.payments[0]?.remainingFen).toBe(2_000);
  });

  it('retries an entry that needs attention', async () => {
    const { orderNo } = await value<{ orderNo: string }>('order:new-number');
    const reply = await value<OutboxEntryReply>('order:upload', {
      orderNo,
      memberPhone: '13800000000',
      totalFen: 1_000,
      paidFen: 1_000,
      payType: 3,
      goods: [{ goodsCode: 'G0001', skuCode: 'G0001-1', priceFen: 100, discountedPriceFen: 1_000, count: 10 }],
    });
    expect(reply.entry.state).toBe('needs-attention');
    expect(reply.entry.lastError).toEqual({ kind: 'rejected', message: '会员不存在' });

    const retried = await value<OutboxEntryReply>('outbox:retry', { entryId: reply.entry.id, note: 'checked the phone' });

    expect(['pending', 'sending', 'needs-attention']).toContain(retried.entry.state);
    await waitFor(() => {
      const entry = fixture.till.outbox.get(reply.entry.id);
      return entry?.attemptCount === 2 && entry.state === 'needs-attention';
    }, 5000, 'the second attempt to finish');
    const detail = await value<OutboxDetailReply>('outbox:detail', { entryId: reply.entry.id });
    expect(detail.attempts.map((attempt) => attempt.outcome)).toEqual(['rejected', 'rejected']);
    expect(detail.history.map((event) => event.note)).toContain('checked the phone');
  });
});
