import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createMemoryLogBackend, type MemoryLogBackend, setLogBackend } from '../../../main/logging';
import type { OutboxStatus } from '../../../main/outbox';
import { DUPLICATE_ORDER_NO_MESSAGE, seedFixtures } from '../../../main/training';
import { type OutboxHarness, memberRef, startOutboxHarness, waitFor } from './harness';

const { gold, diamond, silver } = seedFixtures.members;

let harness: OutboxHarness;
let logs: MemoryLogBackend;
let restoreLogs: () => void;

beforeEach(async () => {
  logs = createMemoryLogBackend();
  restoreLogs = setLogBackend(logs);
  harness = await startOutboxHarness();
  harness.outbox.start();
});

afterEach(async () => {
  await harness.close();
  restoreLogs();
});

describe('refund through the outbox', () => {
  it('is sent at once with the server figures', async () => {
    const paymentNo = await harness.pay(gold, 10_000);
    const afterPayment = harness.balanceOf(gold);

    const refund = await harness.refund(gold, paymentNo, 2_500);

    expect(refund.state).toBe('sent');
    expect(refund.figures.actualPaymentFen).toBe(-2_200);
    expect(refund.figures.discountRatePercent).toBe(88);
    expect(harness.balanceOf(gold)).toBe(afterPayment + 2_200);
    expect(harness.server.countApplied(refund.orderNo)).toBe(1);
    expect(harness.journal.listAttempts(refund.id).map((attempt) => attempt.outcome)).toEqual(['applied']);
    expect(logs.lines().some((line) => line.includes(`refund sent orderNo=${refund.orderNo}`))).toBe(true);
  });

  it('is queued offline and sent after wake', async () => {
    const paymentNo = await harness.pay(diamond, 5_000);
    const afterPayment = harness.balanceOf(diamond);
    await harness.server.setFault({ kind: 'refuse-connections' });

    const queued = await harness.refund(diamond, paymentNo, 5_000);

    expect(queued.state).toBe('pending');
    expect(queued.lastError?.kind).toBe('network');
    expect(harness.outbox.status().pendingCount).toBe(1);
    expect(harness.server.countApplied(queued.orderNo)).toBe(0);

    await harness.server.setFault(null);
    harness.outbox.wake();
    await waitFor(() => harness.outbox.get(queued.id)?.state === 'sent', 5000, 'the queued refund to be sent');

    expect(harness.server.countApplied(queued.orderNo)).toBe(1);
    expect(harness.balanceOf(diamond)).toBe(afterPayment + 4_000);
    expect(harness.outbox.status().pendingCount).toBe(0);
  });

  it('looks up a dropped answer instead of resending', async () => {
    const paymentNo = await harness.pay(gold, 10_000);
    const afterPayment = harness.balanceOf(gold);
    await harness.server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'], count: 1 });

    const first = await harness.refund(gold, paymentNo, 10_000);
    expect(first.state).toBe('pending');
    expect(first.outcomeUnknown).toBe(true);

    await waitFor(() => harness.outbox.get(first.id)?.state === 'sent', 5000, 'the look-up to find the refund');
    const sent = harness.outbox.get(first.id);

    expect(harness.server.countApplied(first.orderNo)).toBe(1);
    expect(harness.balanceOf(gold)).toBe(afterPayment + 8_800);
    expect(sent?.figures.actualPaymentFen).toBe(-8_800);
    expect(harness.journal.listAttempts(first.id).map((attempt) => `${attempt.action}:${attempt.outcome}`)).toEqual([
      'send:unknown-outcome',
      'look-up:found-in-log',
    ]);
  });

  it('resends with the same number when the log lacks it', async () => {
    const paymentNo = await harness.pay(silver, 2_000);
    const afterPayment = harness.balanceOf(silver);
    await harness.server.setFault({ kind: 'bad-gateway' }, { methods: ['paidConsumeByPro'], count: 1 });

    const first = await harness.refund(silver, paymentNo, 2_000);
    expect(first.state).toBe('pending');
    expect(first.outcomeUnknown).toBe(true);

    await waitFor(() => harness.outbox.get(first.id)?.state === 'sent', 5000, 'the resend');

    expect(harness.server.countApplied(first.orderNo)).toBe(1);
    expect(harness.balanceOf(silver)).toBe(afterPayment + 1_900);
    expect(harness.journal.listAttempts(first.id).map((attempt) => `${attempt.action}:${attempt.outcome}`)).toEqual([
      'send:unknown-outcome',
      'look-up:absent-from-log',
      'send:applied',
    ]);
  });

  it('needs review when the member has no phone', async () => {
    const paymentNo = await harness.pay(gold, 1_000);
    await harness.server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'], count: 1 });

    const refund = await harness.refund(gold, paymentNo, 1_000, { phone: null });
    await waitFor(() => harness.outbox.get(refund.id)?.state === 'needs-review', 5000, 'the review state');

    expect(harness.outbox.get(refund.id)?.note).toMatch(/no phone number/);
    expect(harness.server.countApplied(refund.orderNo)).toBe(1);

    const confirmed = harness.outbox.confirmSent(refund.id, 'Checked in the VIPax back office: refunded once');
    expect(confirmed.state).toBe('sent');
  });

  it('stops on a rejection with the server message', async () => {
    const { earlierPayment } = seedFixtures;
    // The journal does not know the refund another till made of this payment; the server does.
    const refund = await harness.outbox.submit({
      payload: {
        kind: 'refund',
        request: {
          memberNo: gold.customerId,
          orderNo: harness.journal.allocateOrderNo(),
          priceFen: -6_000,
          originalOrderNo: earlierPayment.orderNo,
        },
      },
      member: memberRef(gold),
      originalPriceFen: earlierPayment.priceFen,
    });

    expect(refund.state).toBe('needs-attention');
    expect(refund.lastError).toEqual({ kind: 'rejected', message: '退款金额超过可退金额，剩余可退 50.00 元' });
    expect(harness.server.countApplied(refund.orderNo)).toBe(0);
  });
});

describe('outbox order and restart', () => {
  it('sends one member’s entries in order once the network is back', async () => {
    const paymentNo = await harness.pay(gold, 10_000);
    const applied: string[] = [];
    harness.server.hooks.afterApply = (call) => {
      const msg = call.msg as Record<string, unknown>;
      applied.push(String(msg.return_order_no ?? msg.orderNo));
    };
    await harness.server.setFault({ kind: 'refuse-connections' });

    const firstRefund = await harness.refund(gold, paymentNo, 1_000);
    const returned = await harness.outbox.submit({
      payload: {
        kind: 'return',
        request: {
          memberCardNo: gold.cardNo,
          originalOrderNo: seedFixtures.earlierOrder.orderNo,
          returnOrderNo: harness.journal.allocateOrderNo(),
          createTime: new Date(),
          returnPoints: true,
          totalFen: 2_500,
          goods: [{ goodsCode: 'G0002', skuCode: 'G0002-1', priceFen: 2_500, count: 1 }],
        },
      },
      member: { customerId: null, cardNo: gold.cardNo, phone: null },
    });
    const secondRefund = await harness.refund(gold, paymentNo, 2_000);
    expect(harness.outbox.status().pendingCount).toBe(3);

    await harness.server.setFault(null);
    harness.outbox.wake();
    await waitFor(() => harness.outbox.status().pendingCount === 0, 5000, 'the outbox to drain');

    expect(applied).toEqual([firstRefund.orderNo, returned.orderNo, secondRefund.orderNo]);
    for (const entry of [firstRefund, returned, secondRefund]) {
      expect(harness.server.countApplied(entry.orderNo)).toBe(1);
      expect(harness.outbox.get(entry.id)?.state).toBe('sent');
    }
  });

  it('goes out by itself when the network returns', async () => {
    const paymentNo = await harness.pay(silver, 3_000);
    const afterPayment = harness.balanceOf(silver);
    await harness.server.setFault({ kind: 'refuse-connections' });
    const queued = await harness.refund(silver, paymentNo, 3_000);
    expect(queued.state).toBe('pending');

    // No wake(): the backoff timer alone retries.
    await harness.server.setFault(null);
    await waitFor(() => harness.outbox.get(queued.id)?.state === 'sent', 5000, 'the retry after backoff');

    expect(harness.server.countApplied(queued.orderNo)).toBe(1);
    expect(harness.balanceOf(silver)).toBe(afterPayment + 2_850);
    expect(harness.outbox.get(queued.id)?.attemptCount).toBeGreaterThanOrEqual(2);
  });

  it('resumes pending entries after a restart', async () => {
    const paymentNo = await harness.pay(diamond, 3_000);
    await harness.outbox.stop();
    const queued = await harness.refund(diamond, paymentNo, 3_000);
    expect(queued.state).toBe('pending');

    await harness.restart();
    await waitFor(() => harness.outbox.get(queued.id)?.state === 'sent', 5000, 'the resumed refund');

    expect(harness.server.countApplied(queued.orderNo)).toBe(1);
  });

  it('reports status changes with the oldest age', async () => {
    const statuses: OutboxStatus[] = [];
    harness.outbox.on('changed', (status) => statuses.push(status));
    const paymentNo = await harness.pay(gold, 1_000);
    await harness.server.setFault({ kind: 'refuse-connections' });

    await harness.refund(gold, paymentNo, 500);

    expect(statuses.at(-1)?.pendingCount).toBe(1);
    expect(statuses.at(-1)?.oldestPendingAgeMs).toBeGreaterThanOrEqual(0);
    expect(statuses.at(-1)?.oldestPendingAt).not.toBeNull();
  });
});

describe('order upload through the outbox', () => {
  it('needs review when a resend is a duplicate', async () => {
    await harness.server.setFault({ kind: 'drop-after-apply' }, { methods: ['offlineUpload'], count: 1 });
    const orderNo = harness.journal.allocateOrderNo();

    const upload = await harness.outbox.submit({
      payload: {
        kind: 'order-upload',
        request: {
          memberPhone: gold.phone,
          orderNo,
          createTime: new Date(),
          totalFen: 3_000,
          paidFen: 3_000,
          payType: 3,
          payTime: new Date(),
          goods: [{ goodsCode: 'G0001', skuCode: 'G0001-1', priceFen: 300, discountedPriceFen: 3_000, count: 10 }],
        },
      },
      member: { customerId: gold.customerId, cardNo: gold.cardNo, phone: gold.phone },
    });
    expect(upload.state).toBe('pending');

    await waitFor(() => harness.outbox.get(upload.id)?.state === 'needs-review', 5000, 'the duplicate answer');
    const reviewed = harness.outbox.get(upload.id);

    expect(reviewed?.lastError).toEqual({ kind: 'rejected', message: DUPLICATE_ORDER_NO_MESSAGE });
    expect(harness.server.countApplied(orderNo)).toBe(1);
    expect(harness.outbox.status().needsReviewCount).toBe(1);
  });
});
