import { afterEach, describe, expect, it } from 'vitest';
import { seedFixtures } from '../../../main/training';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';
import { waitFor } from './harness';

// A refund whose send meets a gateway timeout while the server applies it later: the outbox must
// not look it up, find nothing and send the same order number again while the first is in flight.

const { gold } = seedFixtures.members;

describe('refund look-up horizon', () => {
  let fixture: TillFixture;

  afterEach(() => fixture.close());

  it('finds a late refund without resending', async () => {
    fixture = await startTillFixture({
      till: {
        client: { connectTimeoutMs: 500, timeoutMs: 2000, readRetries: 0 },
        outboxRetryPolicy: { baseDelayMs: 40, maxDelayMs: 200, lookUpDelayMs: 300 },
      },
    });
    const paid = await fixture.till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 1000 });
    if (!paid.ok || paid.value.status !== 'charged') throw new Error('the payment before the refund failed');
    const balanceAfterPayment = fixture.server.findMember(gold.cardNo)?.balanceFen ?? 0;

    // The gateway answers 504 after 100 ms, and the server applies the refund 1.2 s after it arrived.
    await fixture.server.setFault({ kind: 'gateway-timeout', answerAfterMs: 100, applyAfterMs: 1200 }, { methods: ['paidConsumeByPro'], count: 1 });
    const created = await fixture.till.router.call('refund:create', { originalOrderNo: paid.value.orderNo, amountFen: 1000 });
    if (!created.ok) throw new Error(created.error.message);
    const entryId = created.value.entry.id;

    await waitFor(() => fixture.till.outbox.get(entryId)?.state === 'sent', 8000, 'the refund to be sent');

    const entry = fixture.till.outbox.get(entryId);
    expect(fixture.till.outbox.attempts(entryId).map((attempt) => `${attempt.action}:${attempt.outcome}`)).toEqual([
      'send:unknown-outcome',
      'look-up:found-in-log',
    ]);
    expect(fixture.server.countApplied(entry?.orderNo ?? '')).toBe(1);
    expect(fixture.server.findMember(gold.cardNo)?.balanceFen).toBe(balanceAfterPayment + 880);
  });
});
