import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IpcReply, PaymentPayReply, RefundMemberPaymentsReply } from '../../../common/contract';
import { formatLocalDay } from '../../../main/journal';
import { seedFixtures } from '../../../main/training';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';

// The default date range of `refund:member-payments` against a real training server. The process
// runs in UTC at 17:00 UTC, which is 01:00 of the next day in Asia/Shanghai, the zone in which the
// server stamps its transaction log. The range must end on the server's date.

const { gold } = seedFixtures.members;
/** 17:00 UTC on 4 December is 01:00 on 5 December in Shanghai. */
const START = Date.parse('2026-12-04T17:00:00Z');

let savedZone: string | undefined;
let fixture: TillFixture;

beforeAll(() => {
  savedZone = process.env.TZ;
  // Node applies a new TZ to Date at once, so local dates below are UTC dates.
  process.env.TZ = 'UTC';
});

afterAll(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

beforeEach(async () => {
  // One clock for the till and the server, running on from 17:00 UTC so requests still differ in time.
  const offset = START - Date.now();
  const now = () => new Date(Date.now() + offset);
  fixture = await startTillFixture({ training: { now }, till: { now } });
  await fixture.till.monitor.check();
});

afterEach(async () => {
  await fixture.close();
});

function valueOf<T>(reply: IpcReply<T>): T {
  if (!reply.ok) throw new Error(`IPC call failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

async function payGold(amountFen: number): Promise<string> {
  const reply: PaymentPayReply = valueOf(
    await fixture.till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen }),
  );
  expect(reply.status).toBe('charged');
  return reply.orderNo;
}

describe('refund:member-payments date range', () => {
  it('runs in UTC on the day before Shanghai', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(formatLocalDay(new Date(START))).toBe('2026-12-04');
  });

  it('includes a payment made minutes ago', async () => {
    const orderNo = await payGold(10_000);

    const reply: RefundMemberPaymentsReply = valueOf(
      await fixture.till.router.call('refund:member-payments', { customerId: gold.customerId, cardNo: gold.cardNo }),
    );

    expect(reply.payments.map((payment) => payment.orderNo)).toContain(orderNo);
    const payment = reply.payments.find((candidate) => candidate.orderNo === orderNo);
    expect(payment?.priceFen).toBe(10_000);
  });

  it('misses payment when range ends on UTC date', async () => {
    // Shows that the server filters by its own date: the process's date would leave the payment out.
    const orderNo = await payGold(10_000);

    const reply: RefundMemberPaymentsReply = valueOf(
      await fixture.till.router.call('refund:member-payments', {
        customerId: gold.customerId,
        cardNo: gold.cardNo,
        to: '2026-12-04',
      }),
    );

    expect(reply.payments.map((payment) => payment.orderNo)).not.toContain(orderNo);
  });

  it('counts days back from the Shanghai date', async () => {
    const orderNo = await payGold(5_000);

    const reply: RefundMemberPaymentsReply = valueOf(
      await fixture.till.router.call('refund:member-payments', { customerId: gold.customerId, cardNo: gold.cardNo, days: 1 }),
    );

    expect(reply.payments.map((payment) => payment.orderNo)).toContain(orderNo);
  });
});
