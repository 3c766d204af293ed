import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  IpcError,
  IpcReply,
  OrderUploadReply,
  OrderUploadRequest,
  OutboxListReply,
  PaymentPayReply,
} from '../../../common/contract';
import { createMemoryLogBackend, setLogBackend } from '../../../main/logging';
import { seedFixtures } from '../../../main/training';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';
import { waitFor } from '../../integration/outbox/harness';

// Sale uploads (offlineUpload) through the real router, order-upload service, journal, outbox and
// client, against a training server on loopback. The server gives 1 point per whole yuan paid.

const { gold, diamond, silver } = seedFixtures.members;
const ORDER_NO = /^S001-T01-\d{14}-\d{4}$/;
const FAST_OUTBOX = { baseDelayMs: 40, maxDelayMs: 200, lookUpDelayMs: 60 };

let fixture: TillFixture;
let restoreLogs: () => void;

beforeEach(async () => {
  restoreLogs = setLogBackend(createMemoryLogBackend());
  fixture = await startTillFixture({ till: { outboxRetryPolicy: FAST_OUTBOX } });
  await fixture.till.monitor.check();
});

afterEach(async () => {
  await fixture.close();
  restoreLogs();
});

function call<N extends 'order:upload' | 'order:find' | 'order:new-number' | 'payment:pay' | 'outbox:list'>(
  channel: N,
  request: unknown,
): Promise<IpcReply<unknown>> {
  return fixture.till.router.handle(channel, request);
}

async function valueOf<T>(reply: Promise<IpcReply<unknown>>): Promise<T> {
  const settled = await reply;
  if (!settled.ok) throw new Error(`IPC call failed: ${settled.error.code}: ${settled.error.message}`);
  return settled.value as T;
}

async function errorOf(reply: Promise<IpcReply<unknown>>): Promise<IpcError> {
  const settled = await reply;
  if (settled.ok) throw new Error(`Expected an error, got ${JSON.stringify(settled.value)}`);
  return settled.error;
}

/** Pays `amountFen` (原价) with the member's stored value and returns the charged reply. */
async function pay(member: { customerId: string; cardNo: string }, amountFen: number) {
  const reply = await valueOf<PaymentPayReply>(call('payment:pay', { customerId: member.customerId, cardNo: member.cardNo, amountFen }));
  if (reply.status !== 'charged') throw new Error(`Expected a charged payment, got ${reply.status}`);
  return reply;
}

/** Builds the sale of a gold payment of 100.00 at 88%: 88.00 taken, two lines adding up to 100.00. */
function saleOfPayment(orderNo: string, overrides: Partial<OrderUploadRequest> = {}): OrderUploadRequest {
  return {
    orderNo,
    customerId: gold.customerId,
    cardNo: gold.cardNo,
    totalFen: 10_000,
    paidFen: 8_800,
    couponFen: 1_200,
    payType: 3,
    goods: [
      { goodsCode: '6901234567890', skuCode: '6901234567890-01', priceFen: 4_000, discountedPriceFen: 3_520, count: 1 },
      { goodsCode: '6909876543210', skuCode: '6909876543210-02', priceFen: 3_000, discountedPriceFen: 5_280, count: 2 },
    ],
    ...overrides,
  };
}

/** Builds a 10.00 cash sale of one line for the gold member, identified by phone. */
function otherSale(orderNo: string): OrderUploadRequest {
  return {
    orderNo,
    memberPhone: gold.phone,
    totalFen: 1_000,
    paidFen: 1_000,
    payType: 1,
    goods: [{ goodsCode: 'G1', skuCode: 'G1-1', priceFen: 1_000, discountedPriceFen: 1_000, count: 1 }],
  };
}

async function uploadEntries(): Promise<OutboxListReply['entries']> {
  const reply = await valueOf<OutboxListReply>(call('outbox:list', { kind: 'order-upload' }));
  return reply.entries;
}

describe('order:new-number', () => {
  it('hands out increasing numbers', async () => {
    const first = await valueOf<{ orderNo: string }>(call('order:new-number', undefined));
    const second = await valueOf<{ orderNo: string }>(call('order:new-number', undefined));

    expect(first.orderNo).toMatch(ORDER_NO);
    expect(second.orderNo).toMatch(ORDER_NO);
    expect(second.orderNo > first.orderNo).toBe(true);
  });
});

describe('order:upload of a stored-value payment', () => {
  it('takes phone from payment, returns points', async () => {
    const payment = await pay(gold, 10_000);
    expect(payment.actualPaymentFen).toBe(8_800);

    const reply = await valueOf<OrderUploadReply>(call('order:upload', saleOfPayment(payment.orderNo)));

    expect(reply.status).toBe('sent');
    expect(reply.entry.kind).toBe('order-upload');
    expect(reply.entry.orderNo).toBe(payment.orderNo);
    expect(reply.entry.amountFen).toBe(10_000);
    expect(reply.entry.phoneMasked).toBe('139****0001');
    expect(reply.orderPoints).toBe(88);
    expect(reply.memberPoints).toBe(gold.points + 88);
    expect(fixture.server.findMember(gold.cardNo)?.points).toBe(gold.points + 88);
    expect(fixture.server.countApplied(payment.orderNo)).toBe(2); // the payment's log entry and the order
  });

  it('rejects a second upload', async () => {
    const payment = await pay(gold, 10_000);
    await valueOf<OrderUploadReply>(call('order:upload', saleOfPayment(payment.orderNo)));

    const error = await errorOf(call('order:upload', saleOfPayment(payment.orderNo)));

    expect(error.code).toBe('already-exists');
    expect(error.field).toBe('orderNo');
    expect(error.message).toContain(payment.orderNo);
    expect(await uploadEntries()).toHaveLength(1);
    expect(fixture.server.findMember(gold.cardNo)?.points).toBe(gold.points + 88);
  });

  it('rejects one of two concurrent uploads', async () => {
    const payment = await pay(gold, 10_000);

    const replies = await Promise.all([
      call('order:upload', saleOfPayment(payment.orderNo)),
      call('order:upload', saleOfPayment(payment.orderNo)),
    ]);

    const codes = replies.map((reply) => (reply.ok ? 'ok' : reply.error.code)).sort();
    expect(codes).toEqual(['already-exists', 'ok']);
    expect(await uploadEntries()).toHaveLength(1);
    expect(fixture.server.findMember(gold.cardNo)?.points).toBe(gold.points + 88);
  });

  it('rejects a sale unlike its payment', async () => {
    const payment = await pay(gold, 10_000);
    const oneLine = (priceFen: number, discountedPriceFen: number) => [{ goodsCode: 'G1', skuCode: 'G1-1', priceFen, discountedPriceFen, count: 1 }];
    const cases: [Partial<OrderUploadRequest>, string][] = [
      [{ totalFen: 12_000, goods: oneLine(12_000, 8_800) }, 'totalFen'],
      [{ paidFen: 10_000, couponFen: 0, goods: oneLine(10_000, 10_000) }, 'paidFen'],
      [{ payType: 1 }, 'payType'],
      [{ customerId: diamond.customerId, cardNo: diamond.cardNo }, 'customerId'],
      [{ memberPhone: diamond.phone }, 'memberPhone'],
    ];

    for (const [overrides, field] of cases) {
      const error = await errorOf(call('order:upload', saleOfPayment(payment.orderNo, overrides)));
      expect(error.code, field).toBe('invalid-input');
      expect(error.field, field).toBe(field);
    }
    expect(await uploadEntries()).toHaveLength(0);
  });

  it('rejects altered payment numbers', async () => {
    const payment = await pay(gold, 10_000);
    await valueOf<OrderUploadReply>(call('order:upload', saleOfPayment(payment.orderNo)));
    const fullWidth = payment.orderNo.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
    const altered = [payment.orderNo.toLowerCase(), `${payment.orderNo}\u200b`, `\u2060${payment.orderNo}`, fullWidth];

    for (const orderNo of altered) {
      const error = await errorOf(call('order:upload', saleOfPayment(orderNo, { memberPhone: gold.phone })));
      expect(error.code, orderNo).toBe('not-found');
      expect(error.field, orderNo).toBe('orderNo');
    }
    expect(await uploadEntries()).toHaveLength(1);
    expect(fixture.server.findMember(gold.cardNo)?.points).toBe(gold.points + 88);
  });

  it('rejects an unknown-outcome payment', async () => {
    await fixture.server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'], count: 1 });
    const reply = await valueOf<PaymentPayReply>(call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 10_000 }));
    expect(reply.status).toBe('unknown');

    const error = await errorOf(call('order:upload', saleOfPayment(reply.orderNo)));

    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('orderNo');
    expect(await uploadEntries()).toHaveLength(0);
  });
});

describe('order:upload of another sale', () => {
  it('reads phone of a card member', async () => {
    const { orderNo } = await valueOf<{ orderNo: string }>(call('order:new-number', undefined));

    const reply = await valueOf<OrderUploadReply>(
      call('order:upload', {
        orderNo,
        customerId: silver.customerId,
        cardNo: silver.cardNo,
        totalFen: 5_000,
        paidFen: 4_550,
        couponFen: 450,
        payType: 2,
        goods: [{ goodsCode: 'G7', skuCode: 'G7-1', priceFen: 2_500, discountedPriceFen: 4_550, count: 2 }],
      }),
    );

    expect(reply.status).toBe('sent');
    expect(reply.entry.phoneMasked).toBe('139****0003');
    expect(reply.orderPoints).toBe(45);
    expect(fixture.server.findMember(silver.cardNo)?.points).toBe(silver.points + 45);
  });

  it('rejects numbers not issued for a sale', async () => {
    const payment = await pay(gold, 10_000);
    const refund = await valueOf<{ entry: { orderNo: string } }>(
      fixture.till.router.handle('refund:create', { originalOrderNo: payment.orderNo, amountFen: 1_000 }),
    );
    const unissued: [string, string][] = [
      ['HELLO', 'was not issued by this till'],
      ['S001-T01-20261204100000-0001', 'was not issued by this till'],
      [refund.entry.orderNo, 'belongs to a refund'],
    ];

    for (const [orderNo, reason] of unissued) {
      const error = await errorOf(call('order:upload', otherSale(orderNo)));
      expect(error.code, orderNo).toBe('not-found');
      expect(error.field, orderNo).toBe('orderNo');
      expect(error.message, orderNo).toContain(reason);
    }
    expect(await uploadEntries()).toHaveLength(0);
    expect(fixture.server.findMember(gold.cardNo)?.points).toBe(gold.points);
  });

  it('rejects total unlike line sum', async () => {
    const { orderNo } = await valueOf<{ orderNo: string }>(call('order:new-number', undefined));
    const error = await errorOf(
      call('order:upload', {
        orderNo,
        memberPhone: gold.phone,
        totalFen: 1_000,
        paidFen: 1_000,
        payType: 1,
        goods: [{ goodsCode: 'G1', skuCode: 'G1-1', priceFen: 300, discountedPriceFen: 900, count: 3 }],
      }),
    );

    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('totalFen');
    expect(error.message).toBe('Total 1000 fen is not the sum of the lines, 900 fen');
    expect(await uploadEntries()).toHaveLength(0);
  });

  it('rejects wrong line amounts', async () => {
    const { orderNo } = await valueOf<{ orderNo: string }>(call('order:new-number', undefined));
    const line = (discountedPriceFen: number) => ({ goodsCode: 'G1', skuCode: 'G1-1', priceFen: 1_000, discountedPriceFen, count: 2 });
    const cases: [OrderUploadRequest['goods'], number, string, string][] = [
      [[line(9_999_999), line(0)], 1_900, 'goods.0.discountedPriceFen', 'Line 1: the amount after discount, 9999999 fen, must be between 0 and price × count, 2000 fen'],
      [[line(1_900), line(2_001)], 3_901, 'goods.1.discountedPriceFen', 'Line 2: the amount after discount, 2001 fen, must be between 0 and price × count, 2000 fen'],
      [[line(1_000), line(1_000)], 1_900, 'goods', "The lines' amounts after discount add up to 2000 fen, not to paid 1900 fen"],
    ];

    for (const [goods, paidFen, field, message] of cases) {
      const error = await errorOf(call('order:upload', { ...otherSale(orderNo), totalFen: 4_000, paidFen, goods }));
      expect(error.code, field).toBe('invalid-input');
      expect(error.field, field).toBe(field);
      expect(error.message, field).toBe(message);
    }
    expect(await uploadEntries()).toHaveLength(0);
  });

  it('rejects request without phone or card', async () => {
    const { orderNo } = await valueOf<{ orderNo: string }>(call('order:new-number', undefined));
    const error = await errorOf(
      call('order:upload', {
        orderNo,
        customerId: gold.customerId,
        totalFen: 100,
        paidFen: 100,
        payType: 1,
        goods: [{ goodsCode: 'G1', skuCode: 'G1-1', priceFen: 100, discountedPriceFen: 100, count: 1 }],
      }),
    );

    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('memberPhone');
  });
});

describe('order:find', () => {
  it('returns null when never uploaded', async () => {
    const reply = await valueOf<{ upload: OrderUploadReply | null }>(call('order:find', { orderNo: 'S001-T01-20261204100000-0003' }));
    expect(reply.upload).toBeNull();
  });

  it('follows offline upload until sent', async () => {
    const payment = await pay(gold, 10_000);
    await fixture.server.setFault({ kind: 'refuse-connections' });
    await fixture.till.monitor.check();

    const queued = await valueOf<OrderUploadReply>(call('order:upload', saleOfPayment(payment.orderNo)));
    expect(queued.status).toBe('queued');
    expect(queued.orderPoints).toBeNull();
    expect(fixture.server.countApplied(payment.orderNo)).toBe(1);

    await fixture.server.setFault(null);
    await fixture.till.monitor.check();
    await waitFor(() => fixture.till.outbox.get(queued.entry.id)?.state === 'sent', 5000, 'the queued upload to be sent');

    const found = await valueOf<{ upload: OrderUploadReply | null }>(call('order:find', { orderNo: payment.orderNo }));
    expect(found.upload?.status).toBe('sent');
    expect(found.upload?.orderPoints).toBe(88);
    expect(found.upload?.memberPoints).toBe(gold.points + 88);
    expect(fixture.server.countApplied(payment.orderNo)).toBe(2);
  });
});
