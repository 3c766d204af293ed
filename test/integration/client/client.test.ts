// Every client method against a real training server on 127.0.0.1, including its fault switches.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { createVipaxClient, type VipaxClientConfig, type VipaxHttpClient } from '../../../main/vipax/client';
import { VipaxError } from '../../../main/vipax/errors';

const { gold, diamond, frozen, lowBalance, sharedPhoneFirst, sharedPhoneSecond } = seedFixtures.members;

let server: TrainingServer;
let client: VipaxHttpClient;
let orderSequence = 0;

/** Returns a fresh order number for each call, shaped like the till's. */
function nextOrderNo(): string {
  orderSequence += 1;
  return `S001-T09-20261204153012-${String(orderSequence).padStart(4, '0')}`;
}

function clientFor(overrides: Partial<VipaxClientConfig> = {}): VipaxHttpClient {
  return createVipaxClient({
    url: server.url,
    appid: server.appid,
    secret: server.secret,
    storeCode: server.storeCode,
    connectTimeoutMs: 1000,
    timeoutMs: 2000,
    retryBaseDelayMs: 100,
    ...overrides,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<VipaxError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof VipaxError)) throw outcome;
  return outcome;
}

async function balanceOf(cardNo: string): Promise<number> {
  const [member] = await client.getMembers({ cardNo });
  if (!member) throw new Error(`no member ${cardNo}`);
  return member.balanceFen;
}

beforeAll(async () => {
  server = await startTrainingServer();
  client = clientFor();
});

afterEach(async () => {
  await server.setFault(null);
});

afterAll(async () => {
  client.close();
  await server.close();
});

describe('ping', () => {
  it('measures latency and a small clock offset', async () => {
    const result = await client.ping();

    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.latencyMs).toBeLessThan(2000);
    expect(Math.abs(result.clockOffsetMs ?? Number.NaN)).toBeLessThanOrEqual(1500);
  });

  it('reports a wrong secret as rejected', async () => {
    const wrong = clientFor({ secret: 'not-the-secret' });
    const error = await failureOf(wrong.ping());
    wrong.close();

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('签名错误');
  });
});

describe('customer.get', () => {
  it('finds the gold member by card number', async () => {
    const members = await client.getMembers({ cardNo: gold.cardNo });

    expect(members).toEqual([
      {
        customerId: gold.customerId,
        cardNo: gold.cardNo,
        offlineCardNo: gold.offlineCardNo,
        name: gold.name,
        nickName: null,
        phone: gold.phone,
        levelName: gold.levelName,
        balanceFen: gold.balanceFen,
        accruedPoints: gold.points,
        discountRatePercent: 88,
        state: 'active',
        storeId: 'C625',
        openId: gold.openId,
      },
    ]);
  });

  it('finds by every key', async () => {
    const byPhone = await client.getMembers({ phone: diamond.phone });
    const byOpenId = await client.getMembers({ openId: gold.openId! });
    const byUserId = await client.getMembers({ userId: diamond.customerId });
    const byOtherId = await client.getMembers({ otherId: gold.otherId! });
    const byPhysicalCard = await client.getMembers({ cardNo: gold.offlineCardNo! });

    expect(byPhone.map((member) => member.customerId)).toEqual([diamond.customerId]);
    expect(byOpenId.map((member) => member.customerId)).toEqual([gold.customerId]);
    expect(byUserId.map((member) => member.cardNo)).toEqual([diamond.cardNo]);
    expect(byOtherId.map((member) => member.customerId)).toEqual([gold.customerId]);
    expect(byPhysicalCard.map((member) => member.customerId)).toEqual([gold.customerId]);
  });

  it('lists both cards of a shared phone', async () => {
    const members = await client.getMembers({ phone: seedFixtures.sharedPhone });

    expect(members.map((member) => member.cardNo)).toEqual([sharedPhoneFirst.cardNo, sharedPhoneSecond.cardNo]);
    expect(members.map((member) => member.balanceFen)).toEqual([sharedPhoneFirst.balanceFen, sharedPhoneSecond.balanceFen]);
  });

  it('reads the frozen state', async () => {
    const [member] = await client.getMembers({ cardNo: frozen.cardNo });
    expect(member?.state).toBe('frozen');
  });

  it('rejects an unknown card', async () => {
    const error = await failureOf(client.getMembers({ cardNo: seedFixtures.unknownCardNo }));

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('会员不存在');
  });
});

describe('customer.update', () => {
  it('changes the nick name', async () => {
    await client.updateMember({ userId: diamond.customerId, nickName: '小李' });
    const [member] = await client.getMembers({ cardNo: diamond.cardNo });

    expect(member?.nickName).toBe('小李');
  });
});

describe('customer.paidConsumeByPro', () => {
  it('pays with the discount and refunds part', async () => {
    const before = await balanceOf(gold.cardNo);
    const orderNo = nextOrderNo();

    const paid = await client.paidConsumeByPro({ memberNo: gold.customerId, orderNo, priceFen: 1001 });

    // 10.01 yuan at rate 88 is 880.88 fen, so 881 fen are taken and 120 are the discount.
    expect(paid).toEqual({
      orderNo,
      customerId: gold.customerId,
      cardNo: gold.cardNo,
      priceFen: 1001,
      discountRatePercent: 88,
      discountFen: 120,
      actualPaymentFen: 881,
    });
    expect(await balanceOf(gold.cardNo)).toBe(before - 881);
    expect(server.countApplied(orderNo)).toBe(1);

    const refundNo = nextOrderNo();
    const refund = await client.paidConsumeByPro({ memberNo: gold.customerId, orderNo: refundNo, priceFen: -500, originalOrderNo: orderNo });

    // 500 of 1001 fen is refunded, so 881 × 500 / 1001 = 440.06 fen go back: 440.
    expect(refund.actualPaymentFen).toBe(-440);
    expect(refund.priceFen).toBe(-500);
    expect(await balanceOf(gold.cardNo)).toBe(before - 881 + 440);
  });

  it('rejects a repeated order number as duplicate', async () => {
    const orderNo = nextOrderNo();
    await client.paidConsumeByPro({ memberNo: diamond.customerId, orderNo, priceFen: 100 });

    const error = await failureOf(client.paidConsumeByPro({ memberNo: diamond.customerId, orderNo, priceFen: 100 }));

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('订单号重复');
    expect(error.details.duplicate).toBe(true);
    expect(server.countApplied(orderNo)).toBe(1);
  });

  it('rejects a frozen card and a short balance', async () => {
    const frozenError = await failureOf(client.paidConsumeByPro({ memberNo: frozen.customerId, orderNo: nextOrderNo(), priceFen: 100 }));
    // 12.51 yuan at rate 80 is 10.01 yuan, one fen more than the balance of 10.00.
    const shortError = await failureOf(client.paidConsumeByPro({ memberNo: lowBalance.customerId, orderNo: nextOrderNo(), priceFen: 1251 }));

    expect(frozenError.message).toBe('会员卡已冻结');
    expect(shortError.message).toBe('储值余额不足');
    expect(shortError.details.duplicate).toBe(false);
  });

  it('rejects refunding more than is left', async () => {
    const { earlierPayment } = seedFixtures;
    const error = await failureOf(
      client.paidConsumeByPro({ memberNo: gold.customerId, orderNo: nextOrderNo(), priceFen: -(earlierPayment.leftToRefundFen + 1), originalOrderNo: earlierPayment.orderNo }),
    );

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('退款金额超过可退金额，剩余可退 50.00 元');
  });
});

describe('customer.paidConsume', () => {
  it('pays online by phone', async () => {
    const orderNo = nextOrderNo();
    await client.paidConsume({ memberNo: '', phone: diamond.phone, orderNo, priceFen: 250 });

    expect(server.countApplied(orderNo)).toBe(1);
  });
});

describe('customer.getPaidConsumeLog', () => {
  it('finds a payment by its order number', async () => {
    const orderNo = nextOrderNo();
    await client.paidConsumeByPro({ memberNo: sharedPhoneSecond.customerId, orderNo, priceFen: 1000 });

    const page = await client.getPaidConsumeLog({ phone: seedFixtures.sharedPhone, businessType: 5 });
    const entry = page.entries.find((candidate) => candidate.businessNo === orderNo);

    expect(page.pageNo).toBe(0);
    expect(page.pageSize).toBe(50);
    expect(entry?.customerId).toBe(sharedPhoneSecond.customerId);
    expect(entry?.changeFen).toBe(880);
    expect(entry?.businessType).toBe(5);
    expect(entry?.customerCurrentRechargeFen).toBe(sharedPhoneSecond.balanceFen - 880);
  });

  it('pages and filters by date', async () => {
    const page = await client.getPaidConsumeLog({ otherId: gold.otherId!, from: '2025-11-20', to: '2025-11-28', pageSize: 1, pageNo: 1 });

    expect(page.totalCount).toBe(2);
    expect(page.totalPage).toBe(2);
    expect(page.pageNo).toBe(1);
    expect(page.entries.map((entry) => entry.businessNo)).toEqual(['TOPUP-20251120-0001']);
    expect(page.entries[0]?.changeFen).toBe(200_000);
  });
});

describe('order uploads', () => {
  it('uploads an order and returns it with points taken back', async () => {
    const orderNo = nextOrderNo();
    const createTime = new Date();
    const order = await client.uploadOrder({
      memberPhone: diamond.phone,
      orderNo,
      createTime,
      totalFen: 25_000,
      paidFen: 23_050,
      couponFen: 1_950,
      payType: 3,
      payTime: createTime,
      goods: [{ goodsCode: 'G0002', skuCode: 'G0002-1', priceFen: 12_500, discountedPriceFen: 11_525, count: 2 }],
    });

    expect(order.platformOrderNo).toMatch(/^VPO\d{8}$/);
    expect(order.orderPoints).toBe(230);
    expect(order.memberPoints).not.toBeNull();
    expect(server.countApplied(orderNo)).toBe(1);

    const returnOrderNo = nextOrderNo();
    const returned = await client.uploadReturn({
      memberPhone: diamond.phone,
      originalOrderNo: orderNo,
      returnOrderNo,
      createTime: new Date(),
      returnPoints: true,
      totalFen: 25_000,
      goods: [{ goodsCode: 'G0002', skuCode: 'G0002-1', priceFen: 25_000, count: 2 }],
    });

    // The whole order is returned, so every point it earned is taken back.
    expect(returned.returnedPoints).toBe(230);
    expect(returned.memberPoints).toBe((order.memberPoints ?? 0) - 230);
    expect(returned.returnOrderNo).not.toBeNull();
    expect(server.countApplied(returnOrderNo)).toBe(1);
  });
});

describe('goods.stockRealtime', () => {
  it('lists every item with decimal stock', async () => {
    const page = await client.getStock({});

    expect(page.items).toHaveLength(seedFixtures.goods.count);
    expect(page.items.find((item) => item.goodsCode === seedFixtures.goods.fractional.goodsCode)?.stock).toBe(-5.346);
  });

  it('finds one goods code', async () => {
    const page = await client.getStock({ goodsCode: seedFixtures.goods.cola.goodsCode, pageSize: 1 });

    expect(page.items).toEqual([
      { goodsCode: '8', goodsName: '可乐', storeCode: server.storeCode, storeName: seedFixtures.storeName, stock: -0.04, unitCode: '1029', unitName: '份' },
    ]);
    expect(page.pageSize).toBe(1);
  });
});

describe('fault switches', () => {
  it('drop-after-apply is unknown outcome, applied once', async () => {
    await server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'], count: 1 });
    const orderNo = nextOrderNo();

    const error = await failureOf(client.paidConsumeByPro({ memberNo: diamond.customerId, orderNo, priceFen: 300 }));

    expect(error.kind).toBe('unknown-outcome');
    expect(server.countApplied(orderNo)).toBe(1);
  });

  it('bad-gateway is unknown outcome, not applied', async () => {
    await server.setFault({ kind: 'bad-gateway' }, { count: 1 });
    const orderNo = nextOrderNo();

    const error = await failureOf(client.paidConsumeByPro({ memberNo: diamond.customerId, orderNo, priceFen: 300 }));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.details.httpStatus).toBe(502);
    expect(server.countApplied(orderNo)).toBe(0);
  });

  it('malformed-json is unknown outcome', async () => {
    await server.setFault({ kind: 'malformed-json' }, { count: 1 });

    const error = await failureOf(client.getMembers({ cardNo: gold.cardNo }));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.message).toContain('not JSON');
  });

  it('delay past the timeout is unknown outcome, applied', async () => {
    await server.setFault({ kind: 'delay', ms: 1000 }, { count: 1 });
    const impatient = clientFor({ timeoutMs: 300 });
    const orderNo = nextOrderNo();

    const error = await failureOf(impatient.paidConsumeByPro({ memberNo: diamond.customerId, orderNo, priceFen: 300 }));
    impatient.close();

    expect(error.kind).toBe('unknown-outcome');
    expect(server.countApplied(orderNo)).toBe(1);
  });

  it('refused connections fail a write as network, not applied', async () => {
    await server.setFault({ kind: 'refuse-connections' });
    const orderNo = nextOrderNo();

    const error = await failureOf(client.paidConsumeByPro({ memberNo: diamond.customerId, orderNo, priceFen: 300 }));

    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
    expect(server.countApplied(orderNo)).toBe(0);
  });

  it('a read retries until connections return', async () => {
    await server.setFault({ kind: 'refuse-connections' });
    const warnings: string[] = [];
    const patient = clientFor({ readRetries: 2, retryBaseDelayMs: 300, logger: { info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined } });

    const lookup = patient.getMembers({ cardNo: gold.cardNo });
    // The first retry waits 150 to 300 ms, so connections are back before the second attempt.
    setTimeout(() => void server.setFault(null), 50);
    const members = await lookup;
    patient.close();

    expect(members.map((member) => member.customerId)).toEqual([gold.customerId]);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toContain('customer.get failed, retry 1 of 2');
  });
});
