import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFixtures } from '../../../main/training';
import { createVipaxClient } from '../../../main/vipax';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';
import { waitFor } from '../../e2e/harness/wait';

const { gold, frozen, lowBalance, diamond } = seedFixtures.members;
const ORDER_NO = /^S001-T01-\d{14}-\d{4}$/;

describe('payment:pay against a training server', () => {
  let fixture: TillFixture;

  beforeEach(async () => {
    fixture = await startTillFixture();
  });

  afterEach(() => fixture.close());

  async function pay(member: { customerId: string; cardNo: string }, amountFen: number) {
    return fixture.till.router.call('payment:pay', { customerId: member.customerId, cardNo: member.cardNo, amountFen });
  }

  it('charges with the server figures and the new balance', async () => {
    // 10.01 yuan at rate 88 is 880.88 fen, which the server rounds to 881.
    const reply = await pay(gold, 1001);

    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const value = reply.value;
    expect(value).toMatchObject({
      status: 'charged',
      customerId: gold.customerId,
      cardNo: gold.cardNo,
      priceFen: 1001,
      discountRatePercent: 88,
      discountFen: 120,
      actualPaymentFen: 881,
      balanceFen: 123_456 - 881,
    });
    expect(value.orderNo).toMatch(ORDER_NO);
    expect(fixture.server.countApplied(value.orderNo)).toBe(1);
    expect(fixture.server.findMember(gold.cardNo)?.balanceFen).toBe(122_575);
  });

  it('records the payment in the journal as applied', async () => {
    const reply = await pay(diamond, 5000);
    if (!reply.ok) throw new Error(reply.error.message);
    const orderNo = (reply.value).orderNo;

    const record = fixture.till.journal.getPayment(orderNo);

    expect(record?.state).toBe('applied');
    expect(record?.priceFen).toBe(5000);
    expect(record?.figures).toEqual({ discountRatePercent: 80, discountFen: 1000, actualPaymentFen: 4000 });
    expect(record?.member.customerId).toBe(diamond.customerId);
  });

  it('uses a new order number for every payment', async () => {
    const first = await pay(gold, 100);
    const second = await pay(gold, 100);
    if (!first.ok || !second.ok) throw new Error('payment failed');

    const firstNo = first.value.orderNo;
    const secondNo = second.value.orderNo;
    expect(secondNo).not.toBe(firstNo);
    expect(secondNo > firstNo).toBe(true);
  });

  it('refuses a frozen card before sending', async () => {
    const reply = await pay(frozen, 100);

    expect(reply).toEqual({ ok: false, error: { code: 'frozen', message: `Member card ${frozen.cardNo} is frozen` } });
    expect(fixture.till.journal.listPayments()).toEqual([]);
    expect(fixture.server.findMember(frozen.cardNo)?.balanceFen).toBe(50_000);
  });

  it('refuses an amount the balance cannot cover', async () => {
    // Rate 80 on a balance of 10.00: 12.51 would take 10.01.
    const refused = await pay(lowBalance, 1251);
    const accepted = await pay(lowBalance, 1250);

    expect(refused).toEqual({
      ok: false,
      error: { code: 'insufficient-balance', message: 'Balance 1000 fen does not cover 1001 fen' },
    });
    expect(accepted.ok).toBe(true);
    if (accepted.ok) expect(accepted.value).toMatchObject({ actualPaymentFen: 1000, balanceFen: 0 });
    expect(fixture.till.journal.listPayments()).toHaveLength(1);
  });

  it('refuses a member that does not exist', async () => {
    const reply = await pay({ customerId: 'MEMB20990101999999', cardNo: seedFixtures.unknownCardNo }, 100);

    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('not-found');
  });

  it('keeps the server message when the server rejects', async () => {
    // Another till spends the balance while this one is re-reading the member, so the local check
    // passes and the server rejects.
    await fixture.server.setFault({ kind: 'delay', ms: 1500 }, { methods: ['customer.get'], count: 1 });
    const otherTill = createVipaxClient({
      url: fixture.server.url,
      appid: fixture.server.appid,
      secret: fixture.server.secret,
      storeCode: fixture.server.storeCode,
    });

    const pending = pay(lowBalance, 1000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await otherTill.paidConsumeByPro({ memberNo: lowBalance.customerId, orderNo: 'OTHER-TILL-0001', priceFen: 1250 });
    otherTill.close();
    const reply = await pending;

    expect(reply).toEqual({ ok: false, error: { code: 'rejected', message: '储值余额不足' } });
    const [record] = fixture.till.journal.listPayments();
    expect(record?.state).toBe('not-applied');
    expect(record?.lastError?.message).toContain('储值余额不足');
  });

  it('reports a failed read before paying as network', async () => {
    await fixture.server.setFault({ kind: 'bad-gateway' }, { methods: ['customer.get'], count: 1 });

    const reply = await pay(gold, 100);

    expect(reply).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(fixture.till.journal.listPayments()).toEqual([]);
    expect(fixture.server.findMember(gold.cardNo)?.balanceFen).toBe(123_456);
  });

  it('replies busy to a second payment in flight', async () => {
    await fixture.server.setFault({ kind: 'delay', ms: 500 }, { methods: ['paidConsumeByPro'], count: 1 });

    const first = pay(gold, 100);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await pay(gold, 100);
    const firstReply = await first;

    expect(second).toEqual({
      ok: false,
      error: { code: 'busy', message: `A payment for member ${gold.customerId} is already in progress` },
    });
    expect(firstReply.ok).toBe(true);
    expect(fixture.till.journal.listPayments()).toHaveLength(1);
  });

  it('refuses payment while offline and recovers by itself', async () => {
    await fixture.server.setFault({ kind: 'refuse-connections' });
    await fixture.till.monitor.check();

    const offline = await pay(gold, 100);
    await fixture.server.setFault(null);
    await waitFor(() => fixture.till.monitor.current().connection === 'online', 5000);
    const online = await pay(gold, 100);

    expect(offline).toEqual({
      ok: false,
      error: { code: 'offline', message: 'The VIPax server cannot be reached, so stored-value payment is unavailable' },
    });
    expect(online.ok).toBe(true);
  });
});

describe('unknown outcome', () => {
  let fixture: TillFixture;

  beforeEach(async () => {
    fixture = await startTillFixture();
  });

  afterEach(() => fixture.close());

  async function payUnknown(fault: 'drop-after-apply' | 'bad-gateway' | 'malformed-json', amountFen: number) {
    await fixture.server.setFault({ kind: fault }, { methods: ['paidConsumeByPro'], count: 1 });
    const reply = await fixture.till.router.call('payment:pay', {
      customerId: gold.customerId,
      cardNo: gold.cardNo,
      amountFen,
    });
    if (!reply.ok) throw new Error(`expected an unknown outcome, got ${reply.error.code}`);
    return reply.value;
  }

  it('replies unknown when the answer is dropped', async () => {
    const value = await payUnknown('drop-after-apply', 2000);

    expect(value).toEqual({
      status: 'unknown',
      orderNo: value.orderNo,
      customerId: gold.customerId,
      cardNo: gold.cardNo,
      priceFen: 2000,
    });
    expect(fixture.till.journal.getPayment(value.orderNo)?.state).toBe('unknown');
  });

  it('ignores log entries of a refund or another card', async () => {
    const value = await payUnknown('bad-gateway', 2000);
    // Entries a real server might hold under the same order number: a refund, and a payment of the
    // other card on a shared phone. Neither is this payment.
    const client = fixture.till.client;
    const readLog = client.getPaidConsumeLog.bind(client);
    const lookalike = {
      serialId: 'FAKE-1',
      customerId: gold.customerId,
      phone: gold.phone,
      changeFen: 1760,
      businessNo: value.orderNo,
      businessType: 6,
      businessTypeValue: null,
      createTime: null,
      payType: 3,
      customerCurrentRechargeFen: null,
      customerCurrentGiftFen: null,
    };
    client.getPaidConsumeLog = async (query) => {
      const page = await readLog(query);
      const otherCard = { ...lookalike, serialId: 'FAKE-2', customerId: 'MEMB20160901999999', businessType: 5 };
      return { ...page, entries: [lookalike, otherCard, ...page.entries] };
    };

    const reply = await fixture.till.router.call('payment:resolve', { orderNo: value.orderNo });

    expect(reply).toMatchObject({ ok: true, value: { status: 'not-charged', orderNo: value.orderNo } });
    expect(fixture.till.journal.getPayment(value.orderNo)?.state).toBe('not-applied');
    expect(fixture.server.countApplied(value.orderNo)).toBe(0);
  });

  it('resolves a dropped answer as charged from the log', async () => {
    const value = await payUnknown('drop-after-apply', 2000);

    const reply = await fixture.till.router.call('payment:resolve', { orderNo: value.orderNo });

    expect(reply).toEqual({
      ok: true,
      value: {
        status: 'charged',
        orderNo: value.orderNo,
        customerId: gold.customerId,
        cardNo: gold.cardNo,
        priceFen: 2000,
        discountRatePercent: 88,
        discountFen: 240,
        actualPaymentFen: 1760,
        balanceFen: 123_456 - 1760,
      },
    });
    expect(fixture.till.journal.getPayment(value.orderNo)?.state).toBe('applied');
    expect(fixture.server.countApplied(value.orderNo)).toBe(1);
  });

  it('resolves a 502 as not charged', async () => {
    const value = await payUnknown('bad-gateway', 3000);

    const reply = await fixture.till.router.call('payment:resolve', { orderNo: value.orderNo });

    expect(reply).toEqual({
      ok: true,
      value: { status: 'not-charged', orderNo: value.orderNo, customerId: gold.customerId, cardNo: gold.cardNo, priceFen: 3000 },
    });
    expect(fixture.till.journal.getPayment(value.orderNo)?.state).toBe('not-applied');
    expect(fixture.server.countApplied(value.orderNo)).toBe(0);
    expect(fixture.server.findMember(gold.cardNo)?.balanceFen).toBe(123_456);
  });

  it('never resends while resolving', async () => {
    const value = await payUnknown('malformed-json', 1500);

    await fixture.till.router.call('payment:resolve', { orderNo: value.orderNo });
    const again = await fixture.till.router.call('payment:resolve', { orderNo: value.orderNo });

    expect(again).toMatchObject({ ok: true, value: { status: 'not-charged' } });
    expect(fixture.server.countApplied(value.orderNo)).toBe(0);
  });

  it('finds the order beyond the first log page', async () => {
    // 250 earlier payments push the dropped one's entry past the first 199 when sorted by time.
    const client = createVipaxClient({
      url: fixture.server.url,
      appid: fixture.server.appid,
      secret: fixture.server.secret,
      storeCode: fixture.server.storeCode,
    });
    const value = await payUnknown('drop-after-apply', 100);
    for (let index = 0; index < 250; index++) {
      await client.paidConsumeByPro({ memberNo: gold.customerId, orderNo: `LATER-${index}`, priceFen: 1 });
    }
    client.close();

    const reply = await fixture.till.router.call('payment:resolve', { orderNo: value.orderNo });

    expect(reply).toMatchObject({ ok: true, value: { status: 'charged' } });
  });

  it('lists unresolved payments oldest first', async () => {
    const first = await payUnknown('drop-after-apply', 100);
    const second = await payUnknown('bad-gateway', 200);

    const reply = await fixture.till.router.call('payment:unresolved', undefined);

    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const listed = reply.value.payments;
    expect(listed.map((payment) => [payment.orderNo, payment.priceFen])).toEqual([
      [first.orderNo, 100],
      [second.orderNo, 200],
    ]);
  });

  it('replies not-found for an order number of another till', async () => {
    const reply = await fixture.till.router.call('payment:resolve', { orderNo: 'S001-T09-20261204153012-0001' });

    expect(reply).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No payment with order number S001-T09-20261204153012-0001 at this till' },
    });
  });
});

describe('look-up horizon', () => {
  let fixture: TillFixture;

  afterEach(() => fixture.close());

  it('waits out a 504 before saying not charged', async () => {
    // The gateway answers after 200 ms, and the server applies 1.5 s after the request arrived,
    // within the client's 2 s timeout, so only a look-up after that timeout sees the charge.
    fixture = await startTillFixture({ till: { client: { connectTimeoutMs: 1000, timeoutMs: 2000, readRetries: 0 }, settleDelayMs: 300 } });
    await fixture.server.setFault({ kind: 'gateway-timeout', answerAfterMs: 200, applyAfterMs: 1500 }, { methods: ['paidConsumeByPro'], count: 1 });
    const paid = await fixture.till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 2000 });
    if (!paid.ok) throw new Error(paid.error.message);
    expect(paid.value.status).toBe('unknown');

    const started = Date.now();
    const reply = await fixture.till.router.call('payment:resolve', { orderNo: paid.value.orderNo });

    expect(reply).toMatchObject({ ok: true, value: { status: 'charged', orderNo: paid.value.orderNo, actualPaymentFen: 1760 } });
    expect(fixture.till.journal.getPayment(paid.value.orderNo)?.state).toBe('applied');
    expect(fixture.server.countApplied(paid.value.orderNo)).toBe(1);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('bounds the wait when the clock goes back', async () => {
    let offsetMs = 0;
    fixture = await startTillFixture({
      till: { client: { connectTimeoutMs: 500, timeoutMs: 500, readRetries: 0 }, settleDelayMs: 200, now: () => new Date(Date.now() + offsetMs) },
    });
    await fixture.server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'], count: 1 });
    const paid = await fixture.till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 100 });
    if (!paid.ok) throw new Error(paid.error.message);

    // Back by one minute: within the server's 300 s window for the request time `ts`.
    offsetMs = -60_000;
    const started = Date.now();
    const reply = await fixture.till.router.call('payment:resolve', { orderNo: paid.value.orderNo });

    expect(reply).toMatchObject({ ok: true, value: { status: 'charged', orderNo: paid.value.orderNo } });
    // At most the client timeout plus the margin, 700 ms, and the log reads.
    expect(Date.now() - started).toBeLessThan(3000);
  });
});


describe('closing mid-payment', () => {
  let fixture: TillFixture;

  afterEach(() => fixture.close());

  it('waits for the payment before closing', async () => {
    fixture = await startTillFixture();
    const till = fixture.till;
    await fixture.server.setFault({ kind: 'delay', ms: 800 }, { methods: ['paidConsumeByPro'], count: 1 });

    const paying = till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = till.close();
    const reply = await paying;
    await closing;

    expect(reply).toMatchObject({ ok: true, value: { status: 'charged', priceFen: 1000, actualPaymentFen: 880 } });
    expect(fixture.server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);
  });

  it('rejects a new payment once closing began', async () => {
    fixture = await startTillFixture();
    const till = fixture.till;
    await fixture.server.setFault({ kind: 'delay', ms: 800 }, { methods: ['paidConsumeByPro'], count: 1 });

    const paying = till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = till.close();
    const late = await till.router.call('payment:pay', { customerId: diamond.customerId, cardNo: diamond.cardNo, amountFen: 5000 });
    const recorded = till.journal.listPayments().map((record) => record.member.customerId);
    await paying;
    await closing;

    expect(late).toEqual({
      ok: false,
      error: { code: 'busy', message: 'The till is closing, so the payment was not sent' },
    });
    expect(recorded).toEqual([gold.customerId]);
    expect(fixture.server.findMember(diamond.cardNo)?.balanceFen).toBe(500_000);
  });

  it('rejects a payment whose member read ends after closing began', async () => {
    fixture = await startTillFixture();
    const till = fixture.till;
    await fixture.server.setFault({ kind: 'delay', ms: 500 }, { methods: ['customer.get'], count: 1 });

    const paying = till.router.call('payment:pay', { customerId: diamond.customerId, cardNo: diamond.cardNo, amountFen: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = till.close();
    const reply = await paying;
    await closing;

    expect(reply).toEqual({
      ok: false,
      error: { code: 'busy', message: 'The till is closing, so the payment was not sent' },
    });
    expect(fixture.server.findMember(diamond.cardNo)?.balanceFen).toBe(500_000);
  });
});
