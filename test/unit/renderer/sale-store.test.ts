import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, eventNames, type PaymentPayReply, type TillApi } from '../../../common/contract';
import { seedFixtures } from '../../../main/training';
import { buildTillApi } from '../../../preload/bridge';
import { useSaleStore, type SalePayment } from '../../../renderer/stores/sale';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';

// The sale store against a real till: `window.till` is built by the preload's own function over
// the real router, which talks to a real training server on 127.0.0.1.

const { gold, silver } = seedFixtures.members;
const ORDER_NO = /^S001-T01-\d{14}-\d{4}$/;
let fixture: TillFixture;

function installTillApi(): void {
  const api = buildTillApi(
    channelNames,
    eventNames,
    (channel, request) => fixture.till.router.handle(channel, request),
    (event, listener) => fixture.till.onEvent((name, payload) => name === event && listener(payload)),
  ) as unknown as TillApi;
  Object.defineProperty(globalThis, 'till', { value: api, configurable: true });
}

/** Pays 100.00 for the gold member (88.00 taken) and describes the payment as the sale screen gets it. */
async function payGold(): Promise<SalePayment> {
  const reply = await fixture.till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 10_000 });
  if (!reply.ok) throw new Error(`Payment failed: ${reply.error.code}: ${reply.error.message}`);
  const charged: PaymentPayReply = reply.value;
  if (charged.status !== 'charged') throw new Error(`Expected a charged payment, got ${charged.status}`);
  return {
    orderNo: charged.orderNo,
    member: { customerId: gold.customerId, cardNo: gold.cardNo, name: '王建国', phoneMasked: '139****0001', frozen: false },
    priceFen: charged.priceFen,
    actualPaymentFen: charged.actualPaymentFen,
  };
}

/** Types one goods line of 100.00 into the first row of the draft. */
function typeLine(): void {
  const store = useSaleStore.getState();
  store.setLine(0, 'goodsCode', '6901234567890');
  store.setLine(0, 'skuCode', '6901234567890-01');
  store.setLine(0, 'priceText', '100');
}

beforeAll(async () => {
  fixture = await startTillFixture();
  await fixture.till.monitor.check();
  installTillApi();
});

afterAll(async () => {
  await fixture.close();
  Reflect.deleteProperty(globalThis, 'till');
});

beforeEach(() => {
  useSaleStore.setState(useSaleStore.getInitialState(), true);
});

describe('sale store', () => {
  it('gets a new order number once', async () => {
    await Promise.all([useSaleStore.getState().ensureOrderNo(), useSaleStore.getState().ensureOrderNo()]);
    const { orderNo } = useSaleStore.getState().draft;
    expect(orderNo).toMatch(ORDER_NO);

    await useSaleStore.getState().ensureOrderNo();
    expect(useSaleStore.getState().draft.orderNo).toBe(orderNo);
  });

  it('uploads a payment’s sale once for two presses', async () => {
    const payment = await payGold();
    await useSaleStore.getState().startFromPayment(payment);
    expect(useSaleStore.getState().flow.phase).toBe('editing');
    typeLine();

    expect(useSaleStore.getState().requestConfirmation()).toBe(true);
    await Promise.all([useSaleStore.getState().confirm(), useSaleStore.getState().confirm()]);

    const { flow } = useSaleStore.getState();
    if (flow.phase !== 'done') throw new Error(`Expected done, got ${flow.phase}`);
    expect(flow.reply.status).toBe('sent');
    expect(flow.reply.orderPoints).toBe(88);
    expect(fixture.server.countApplied(payment.orderNo)).toBe(2);
  });

  it('shows an earlier upload instead of the form', async () => {
    const payment = await payGold();
    await useSaleStore.getState().startFromPayment(payment);
    typeLine();
    useSaleStore.getState().requestConfirmation();
    await useSaleStore.getState().confirm();

    await useSaleStore.getState().startFromPayment(payment);

    const { flow } = useSaleStore.getState();
    if (flow.phase !== 'uploaded') throw new Error(`Expected uploaded, got ${flow.phase}`);
    expect(flow.orderNo).toBe(payment.orderNo);
    expect(flow.reply.orderPoints).toBe(88);
  });

  it('looks up a typed card', async () => {
    useSaleStore.getState().setField('memberText', silver.cardNo);
    await useSaleStore.getState().lookUpMember();

    const { lookup } = useSaleStore.getState();
    if (lookup.phase !== 'found') throw new Error(`Expected found, got ${lookup.phase}`);
    expect(lookup.member.customerId).toBe(silver.customerId);
    expect(lookup.member.phoneMasked).toBe('139****0003');
  });

  it('reports an unknown card', async () => {
    useSaleStore.getState().setField('memberText', 'CARD000000000000');
    await useSaleStore.getState().lookUpMember();

    const { lookup } = useSaleStore.getState();
    if (lookup.phase !== 'failed') throw new Error(`Expected failed, got ${lookup.phase}`);
    expect(lookup.error.code).toBe('not-found');
  });
});
