import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../common/contract';
import { seedFixtures } from '../../../main/training';
import { createTill } from '../../../main/app/create-till';
import { FAST_TILL_OPTIONS, startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';
import { waitFor } from '../../e2e/harness/wait';

const { gold } = seedFixtures.members;

// Client timeout 500 ms plus a 200 ms margin: a look-up 700 ms after the send may say "not charged".
const TIMEOUT_MS = 500;
const LATE_CHECK_DELAYS_MS = [1500, 2000, 2500];

describe('late check of payments settled as not charged', () => {
  let fixture: TillFixture;

  afterEach(() => fixture.close());

  async function startTill() {
    fixture = await startTillFixture({
      till: {
        client: { connectTimeoutMs: 500, timeoutMs: TIMEOUT_MS, readRetries: 0 },
        settleDelayMs: 200,
        lateCheck: { delaysMs: LATE_CHECK_DELAYS_MS },
      },
    });
  }

  /** Pays 20.00 yuan with gold's rate 88 and resolves it as not charged; returns the order number. */
  async function payAndResolveNotCharged(applyAfterMs: number | null): Promise<string> {
    const fault = applyAfterMs === null ? { kind: 'bad-gateway' as const } : { kind: 'delay' as const, ms: 0, applyAfterMs };
    await fixture.server.setFault(fault, { methods: ['paidConsumeByPro'], count: 1 });
    const paid = await fixture.till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 2000 });
    if (!paid.ok) throw new Error(paid.error.message);
    expect(paid.value.status).toBe('unknown');

    const resolved = await fixture.till.router.call('payment:resolve', { orderNo: paid.value.orderNo });
    expect(resolved).toMatchObject({ ok: true, value: { status: 'not-charged' } });
    return paid.value.orderNo;
  }

  it('records a payment the server applied after the look-up', async () => {
    await startTill();
    const events: { name: EventName; payload: unknown }[] = [];
    fixture.till.onEvent((name, payload) => events.push({ name, payload }));

    const orderNo = await payAndResolveNotCharged(TIMEOUT_MS + 500);
    expect(fixture.till.journal.getPayment(orderNo)?.state).toBe('not-applied');

    await waitFor(() => fixture.till.journal.getPayment(orderNo)?.state === 'applied', 5000);

    const record = fixture.till.journal.getPayment(orderNo);
    expect(record?.figures).toEqual({ discountRatePercent: 88, discountFen: 240, actualPaymentFen: 1760 });
    expect(record?.appliedLateAt).not.toBeNull();
    expect(fixture.server.countApplied(orderNo)).toBe(1);
    expect(fixture.server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 1760);

    const lateEvents = events.filter((event) => event.name === 'payment:charged-late');
    expect(lateEvents).toEqual([
      {
        name: 'payment:charged-late',
        payload: {
          orderNo,
          customerId: gold.customerId,
          cardNo: gold.cardNo,
          priceFen: 2000,
          actualPaymentFen: 1760,
          startedAt: record?.createdAt,
          appliedLateAt: record?.appliedLateAt,
        },
      },
    ]);

    const alerts = await fixture.till.router.call('payment:late-charges', undefined);
    expect(alerts).toEqual({ ok: true, value: { payments: [lateEvents[0]?.payload] } });

    const refundable = await fixture.till.router.call('refund:payments', {});
    if (!refundable.ok) throw new Error(refundable.error.message);
    const listed = refundable.value.payments.find((payment) => payment.orderNo === orderNo);
    expect(listed).toMatchObject({ orderNo, priceFen: 2000, actualPaymentFen: 1760 });
  });

  it('keeps the history of the late find', async () => {
    await startTill();
    const orderNo = await payAndResolveNotCharged(TIMEOUT_MS + 500);

    await waitFor(() => fixture.till.journal.getPayment(orderNo)?.state === 'applied', 5000);

    const lookUps = fixture.till.journal.paymentAttempts(orderNo).filter((attempt) => attempt.action === 'look-up');
    expect(lookUps.map((attempt) => attempt.outcome)).toEqual(['absent-from-log', 'found-in-log']);
  });

  it('leaves a payment never applied as not applied', async () => {
    await startTill();
    const readLog = vi.spyOn(fixture.till.client, 'getPaidConsumeLog');
    const orderNo = await payAndResolveNotCharged(null);
    expect(readLog).toHaveBeenCalledTimes(1);

    // Every check has run once the last delay is over.
    await waitFor(() => readLog.mock.calls.length >= 1 + LATE_CHECK_DELAYS_MS.length, 6000);
    await new Promise((resolve) => setTimeout(resolve, 700));

    expect(readLog).toHaveBeenCalledTimes(1 + LATE_CHECK_DELAYS_MS.length);
    expect(fixture.till.journal.getPayment(orderNo)?.state).toBe('not-applied');
    expect(fixture.till.journal.getPayment(orderNo)?.appliedLateAt).toBeNull();
    expect(fixture.server.countApplied(orderNo)).toBe(0);
    const lookUps = fixture.till.journal.paymentAttempts(orderNo).filter((attempt) => attempt.action === 'look-up');
    expect(lookUps.map((attempt) => attempt.outcome)).toEqual(['absent-from-log', 'absent-from-log', 'absent-from-log', 'absent-from-log']);
    const alerts = await fixture.till.router.call('payment:late-charges', undefined);
    expect(alerts).toEqual({ ok: true, value: { payments: [] } });
  });

  it('checks recent payments again at the next start', async () => {
    fixture = await startTillFixture({
      till: {
        client: { connectTimeoutMs: 500, timeoutMs: TIMEOUT_MS, readRetries: 0 },
        settleDelayMs: 200,
        // Far beyond the test, so only the check at start can find the payment.
        lateCheck: { delaysMs: [3_600_000] },
      },
    });
    const orderNo = await payAndResolveNotCharged(TIMEOUT_MS + 500);
    await waitFor(() => fixture.server.countApplied(orderNo) === 1, 3000);
    expect(fixture.till.journal.getPayment(orderNo)?.state).toBe('not-applied');


    // The app closes and starts again on the same data folder.
    await fixture.till.close();
    const restarted = await createTill({
      ...FAST_TILL_OPTIONS,
      client: { connectTimeoutMs: 500, timeoutMs: TIMEOUT_MS, readRetries: 0 },
      lateCheck: { delaysMs: [3_600_000] },
      dataDir: fixture.dataDir,
      trainingServer: fixture.server,
    });
    try {
      await waitFor(() => restarted.journal.getPayment(orderNo)?.state === 'applied', 3000);

      expect(restarted.journal.getPayment(orderNo)?.figures.actualPaymentFen).toBe(1760);
      const alerts = await restarted.router.call('payment:late-charges', undefined);
      expect(alerts).toMatchObject({ ok: true, value: { payments: [{ orderNo, actualPaymentFen: 1760 }] } });
    } finally {
      await restarted.close();
    }
  });
});
