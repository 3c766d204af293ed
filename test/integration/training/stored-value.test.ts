import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_ORDER_NO_MESSAGE, seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { callRaw } from './wire-client';

const { gold, diamond, silver, standard, frozen, zeroBalance, lowBalance, sharedPhoneFirst } = seedFixtures.members;

describe('paidConsumeByPro', () => {
  let server: TrainingServer;
  beforeEach(async () => {
    server = await startTrainingServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const pay = (memberNo: string, orderNo: string, price: number | string, extra: Record<string, unknown> = {}) =>
    callRaw(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: memberNo, orderNo, price, ...extra });
  const refund = (memberNo: string, orderNo: string, price: number | string, oldOrderNo: string) =>
    pay(memberNo, orderNo, price, { oldOrderNo });
  const balanceOf = (code: string) => server.findMember(code)?.balanceFen;

  it('answers a payment in the shape of the manual sample', async () => {
    const reply = await pay(diamond.customerId, 'P-1', 10);
    expect(reply.text).toContain('"code":"1"');
    expect(reply.json).toEqual({
      code: '1',
      message: '操作成功!',
      result: { code: diamond.customerId, cardNo: diamond.cardNo, cashPayRate: 80, actualPayment: 8, payRateAmount: 2 },
    });
    expect(balanceOf(diamond.cardNo)).toBe(500_000 - 800);
  });

  it('rounds the amount taken half up to the fen', async () => {
    // 10.01 × 88% = 8.8088 yuan, so 8.81 is taken and 1.20 is the discount.
    const reply = await pay(gold.customerId, 'P-2', 10.01);
    expect(reply.json.result).toMatchObject({ cashPayRate: 88, actualPayment: 8.81, payRateAmount: 1.2 });
    expect(balanceOf(gold.cardNo)).toBe(123_456 - 881);
  });

  it.each([
    [silver.customerId, '0.05', 5, 0],
    [silver.customerId, '0.10', 10, 0],
    [silver.customerId, '0.30', 29, 1],
    [gold.customerId, '0.01', 1, 0],
    [standard.customerId, '12.34', 1234, 0],
  ])('takes the exact fen for member %s paying %s', async (memberNo, price, takenFen, discountFen) => {
    const before = balanceOf(memberNo)!;
    const reply = await pay(memberNo, `P-${price}`, price);
    expect(reply.json.result).toMatchObject({ actualPayment: takenFen / 100, payRateAmount: discountFen / 100 });
    expect(balanceOf(memberNo)).toBe(before - takenFen);
  });

  it('finds the member by card number too', async () => {
    const reply = await pay(gold.cardNo, 'P-3', 1);
    expect(reply.json.result).toMatchObject({ code: gold.customerId, cardNo: gold.cardNo });
  });

  it('takes the whole balance but not a fen more', async () => {
    // 12.50 × 80% is exactly the 10.00 balance; 12.51 would need 10.01.
    const tooMuch = await pay(lowBalance.customerId, 'P-4', 12.51);
    expect(tooMuch.json).toEqual({ code: '0', message: '储值余额不足', result: null });
    expect(balanceOf(lowBalance.cardNo)).toBe(1_000);

    const exact = await pay(lowBalance.customerId, 'P-5', 12.5);
    expect(exact.json.result).toMatchObject({ actualPayment: 10, payRateAmount: 2.5 });
    expect(balanceOf(lowBalance.cardNo)).toBe(0);
  });

  it('rejects a payment from a zero balance', async () => {
    expect((await pay(zeroBalance.customerId, 'P-6', 0.01)).json.message).toBe('储值余额不足');
  });

  it('rejects a frozen card and changes nothing', async () => {
    const reply = await pay(frozen.customerId, 'P-7', 1);
    expect(reply.json).toEqual({ code: '0', message: '会员卡已冻结', result: null });
    expect(balanceOf(frozen.cardNo)).toBe(50_000);
    expect(server.countApplied('P-7')).toBe(0);
  });

  it('rejects a repeated order number and takes nothing twice', async () => {
    expect((await pay(gold.customerId, 'P-8', 10)).json.code).toBe('1');
    const repeat = await pay(gold.customerId, 'P-8', 10);
    expect(repeat.json).toEqual({ code: '0', message: DUPLICATE_ORDER_NO_MESSAGE, result: null });
    expect(repeat.json.message).toBe('订单号重复');
    expect(balanceOf(gold.cardNo)).toBe(123_456 - 880);
    expect(server.countApplied('P-8')).toBe(1);
  });

  it('rejects an order number already in the seeded log', async () => {
    const reply = await pay(gold.customerId, seedFixtures.earlierPayment.orderNo, 1);
    expect(reply.json.message).toBe('订单号重复');
  });

  it.each([
    [{ price: 12.345 }, '参数格式错误：price'],
    [{ price: 'abc' }, '参数格式错误：price'],
    [{ price: 0 }, '消费金额不能为 0'],
    [{ price: undefined }, '缺少参数：price'],
    [{ orderNo: '' }, '缺少参数：orderNo'],
    [{ wxConsumeNo: undefined }, '缺少参数：wxConsumeNo'],
    [{ wxConsumeNo: seedFixtures.unknownCardNo }, '会员不存在'],
    [{ storeCode: 'S999' }, '门店不存在：S999'],
    [{ storeCode: undefined }, '缺少参数：storeCode'],
  ])('rejects %j', async (override, message) => {
    const msg = { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'P-9', price: 10, ...override };
    const reply = await callRaw(server, 'customer', 'paidConsumeByPro', msg);
    expect(reply.json).toEqual({ code: '0', message, result: null });
    expect(balanceOf(gold.cardNo)).toBe(123_456);
  });

  it('gives back exactly what a full refund took', async () => {
    await pay(gold.customerId, 'P-10', 10.01);
    const reply = await refund(gold.customerId, 'R-10', -10.01, 'P-10');
    expect(reply.json.result).toMatchObject({ cashPayRate: 88, actualPayment: -8.81, payRateAmount: -1.2 });
    expect(balanceOf(gold.cardNo)).toBe(123_456);
  });

  it('adds partial refunds up to exactly the amount taken', async () => {
    // 10.01 at 88% took 881 fen. The running shares are 293, 586 and 881 fen.
    await pay(gold.customerId, 'P-11', 10.01);
    const first = await refund(gold.customerId, 'R-11a', -3.33, 'P-11');
    const second = await refund(gold.customerId, 'R-11b', -3.33, 'P-11');
    const third = await refund(gold.customerId, 'R-11c', -3.35, 'P-11');
    expect([first, second, third].map((reply) => (reply.json.result as { actualPayment: number }).actualPayment)).toEqual([-2.93, -2.93, -2.95]);
    expect(balanceOf(gold.cardNo)).toBe(123_456);
  });

  it('rejects a refund beyond what is left', async () => {
    await pay(gold.customerId, 'P-12', 10);
    await refund(gold.customerId, 'R-12a', -6, 'P-12');
    const over = await refund(gold.customerId, 'R-12b', -4.01, 'P-12');
    expect(over.json).toEqual({ code: '0', message: '退款金额超过可退金额，剩余可退 4.00 元', result: null });
    expect(server.countApplied('R-12b')).toBe(0);

    const rest = await refund(gold.customerId, 'R-12c', -4, 'P-12');
    expect(rest.json.code).toBe('1');
    expect(balanceOf(gold.cardNo)).toBe(123_456);
    expect((await refund(gold.customerId, 'R-12d', -0.01, 'P-12')).json.message).toBe('退款金额超过可退金额，剩余可退 0.00 元');
  });

  it('counts the seeded refund of the earlier payment', async () => {
    const { earlierPayment } = seedFixtures;
    const over = await refund(gold.customerId, 'R-13a', -50.01, earlierPayment.orderNo);
    expect(over.json.message).toBe('退款金额超过可退金额，剩余可退 50.00 元');

    const rest = await refund(gold.customerId, 'R-13b', -50, earlierPayment.orderNo);
    expect(rest.json.result).toMatchObject({ actualPayment: -44, payRateAmount: -6 });
    expect(balanceOf(gold.cardNo)).toBe(123_456 + 4_400);
  });

  it('uses the rate of the payment, not the current one', async () => {
    await pay(gold.customerId, 'P-14', 100);
    await callRaw(server, 'customer', 'update', { user_id: gold.customerId, level_name: '普通会员' });
    const reply = await refund(gold.customerId, 'R-14', -100, 'P-14');
    expect(reply.json.result).toMatchObject({ cashPayRate: 88, actualPayment: -88, payRateAmount: -12 });
  });

  it('rejects a refund without oldOrderNo', async () => {
    const reply = await pay(gold.customerId, 'R-15', -1);
    expect(reply.json.message).toBe('储值退款必须填写原订单编号 oldOrderNo');
  });

  it('rejects a refund of an unknown order', async () => {
    expect((await refund(gold.customerId, 'R-16', -1, 'NOPE')).json.message).toBe('原订单不存在：NOPE');
  });

  it('rejects a refund of a refund', async () => {
    await pay(gold.customerId, 'P-17', 10);
    await refund(gold.customerId, 'R-17a', -5, 'P-17');
    expect((await refund(gold.customerId, 'R-17b', -1, 'R-17a')).json.message).toBe('原订单不存在：R-17a');
  });

  it("rejects a refund to another member's payment", async () => {
    await pay(diamond.customerId, 'P-18', 10);
    const reply = await refund(gold.customerId, 'R-18', -10, 'P-18');
    expect(reply.json.message).toBe('原订单不属于该会员：P-18');
    expect(balanceOf(gold.cardNo)).toBe(123_456);
  });

  it('rejects a repeated refund number', async () => {
    await pay(gold.customerId, 'P-19', 10);
    expect((await refund(gold.customerId, 'R-19', -1, 'P-19')).json.code).toBe('1');
    expect((await refund(gold.customerId, 'R-19', -1, 'P-19')).json.message).toBe('订单号重复');
    expect(server.countApplied('R-19')).toBe(1);
  });

  it('writes payments and refunds to the log', async () => {
    await pay(gold.customerId, 'P-20', 10);
    await refund(gold.customerId, 'R-20', -10, 'P-20');
    const log = await callRaw(server, 'customer', 'getPaidConsumeLog', { store_code: 'S001', mobile: gold.phone, page_size: 2 });
    const data = (log.json.result as { data: Record<string, unknown>[] }).data;
    expect(data.map((entry) => [entry.businessNo, entry.businessType, entry.changeMoney, entry.customerCurRechMoney])).toEqual([
      ['R-20', 6, -8.8, 1234.56],
      ['P-20', 5, 8.8, 1225.76],
    ]);
    expect(server.countApplied('P-20')).toBe(1);
    expect(server.countApplied('R-20')).toBe(1);
  });
});

describe('paidConsume', () => {
  let server: TrainingServer;
  beforeEach(async () => {
    server = await startTrainingServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const consume = (msg: Record<string, unknown>) => callRaw(server, 'customer', 'paidConsume', { storeCode: 'S001', ...msg });

  it('takes a payment by mobile with an empty result', async () => {
    const reply = await consume({ mobile: gold.phone, orderNo: 'M-1', price: 100 });
    expect(reply.json).toEqual({ code: '1', message: '操作成功!', result: null });
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 8_800);
  });

  it('logs as mall purchase and refund', async () => {
    await consume({ wxConsumeNo: gold.customerId, orderNo: 'M-2', price: 100 });
    await consume({ wxConsumeNo: gold.customerId, orderNo: 'M-2R', price: -100, oldOrderNo: 'M-2' });
    const log = await callRaw(server, 'customer', 'getPaidConsumeLog', { store_code: 'S001', mobile: gold.phone, page_size: 2 });
    const data = (log.json.result as { data: Record<string, unknown>[] }).data;
    expect(data.map((entry) => [entry.businessNo, entry.businessType])).toEqual([
      ['M-2R', 4],
      ['M-2', 3],
    ]);
  });

  it('does not refund a till payment', async () => {
    await callRaw(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'P-3', price: 10 });
    const reply = await consume({ wxConsumeNo: gold.customerId, orderNo: 'M-3R', price: -10, oldOrderNo: 'P-3' });
    expect(reply.json.message).toBe('原订单不存在：P-3');
  });

  it('rejects a mobile with two cards', async () => {
    const reply = await consume({ mobile: sharedPhoneFirst.phone, orderNo: 'M-4', price: 1 });
    expect(reply.json.message).toBe('该手机号绑定多张会员卡，请使用会员号');
  });

  it('rejects a call without member', async () => {
    expect((await consume({ orderNo: 'M-5', price: 1 })).json.message).toBe('mobile 和 wxConsumeNo 不能同时为空');
  });
});
