import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_RETURN_ORDER_NO_MESSAGE, seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { callRaw } from './wire-client';

const { gold, diamond, frozen, sharedPhoneFirst, sharedPhoneSecond } = seedFixtures.members;

function orderMsg(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    member_phone: gold.phone,
    point: 0,
    coupon_code: '',
    create_time: '2026-12-04 10:00:00',
    total_fee: 12_345,
    paid_fee: 11_999,
    coupon_fee: 346,
    store_code: 'S001',
    order_no: 'O-1',
    pay_type: 3,
    pay_time: '2026-12-04 10:00:05',
    trade_no: '',
    remark: '线下订单',
    goods: [{ goods_code: 'G0001', sku_code: 'G0001-1', price: 12_345, dismount_price: 11_999, count: 1 }],
    ...overrides,
  };
}

function returnMsg(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    member_phone: gold.phone,
    member_card_no: '',
    store_code: 'S001',
    create_time: '2026-12-04 11:00:00',
    order_no: 'O-1',
    return_order_no: 'RT-1',
    return_point: 1,
    total_fee: '12345',
    remark: '退货',
    goods: [{ goods_code: 'G0001', sku_code: 'G0001-1', price: 12_345, count: 1 }],
    ...overrides,
  };
}

describe('order.offlineUpload', () => {
  let server: TrainingServer;
  beforeEach(async () => {
    server = await startTrainingServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const upload = (overrides: Record<string, unknown> = {}) => callRaw(server, 'order', 'offlineUpload', orderMsg(overrides));

  it('awards one point per whole yuan paid', async () => {
    const reply = await upload();
    expect(reply.text).toContain('"code":"1"');
    // paid_fee 11999 fen is 119.99 yuan: 119 points.
    expect(reply.json).toEqual({ code: '1', message: '操作成功!', result: { orderNo: 'VPO00000002', orderPoint: 119, customerPoint: 3_560 + 119 } });
    expect(server.findMember(gold.cardNo)?.points).toBe(3_679);
    expect(server.countApplied('O-1')).toBe(1);
  });

  it('takes the points used first', async () => {
    const reply = await upload({ point: 60 });
    expect(reply.json.result).toMatchObject({ orderPoint: 119, customerPoint: 3_560 - 60 + 119 });
  });

  it('rejects more points than the member has', async () => {
    const reply = await upload({ point: 3_561 });
    expect(reply.json).toEqual({ code: '0', message: '积分不足', result: null });
    expect(server.findMember(gold.cardNo)?.points).toBe(3_560);
  });

  it('rejects a repeated order number', async () => {
    await upload();
    const repeat = await upload();
    expect(repeat.json).toEqual({ code: '0', message: '订单号重复', result: null });
    expect(server.findMember(gold.cardNo)?.points).toBe(3_679);
    expect(server.countApplied('O-1')).toBe(1);
  });

  it('gives the points to the first card of a shared phone', async () => {
    const reply = await upload({ member_phone: seedFixtures.sharedPhone, paid_fee: 500, total_fee: 500 });
    expect(reply.json.result).toMatchObject({ orderPoint: 5, customerPoint: 305 });
    expect(server.findMember(sharedPhoneFirst.cardNo)?.points).toBe(305);
    expect(server.findMember(sharedPhoneSecond.cardNo)?.points).toBe(60);
  });

  it('rejects a frozen card', async () => {
    expect((await upload({ member_phone: frozen.phone })).json.message).toBe('会员卡已冻结');
  });

  it.each([
    [{ member_phone: seedFixtures.unknownPhone }, '会员不存在'],
    [{ member_phone: undefined }, '缺少参数：member_phone'],
    [{ member_phone: '1390000000' }, '参数格式错误：member_phone'],
    [{ paid_fee: 12_346 }, 'paid_fee 不能大于 total_fee'],
    [{ total_fee: 1.5 }, '参数格式错误：total_fee'],
    [{ pay_type: 4 }, '参数格式错误：pay_type'],
    [{ create_time: '2026-12-04' }, '参数格式错误：create_time'],
    [{ pay_time: undefined }, '缺少参数：pay_time'],
    [{ goods: [] }, 'goods 不能为空'],
    [{ goods: [{ goods_code: 'G0001', price: 1, dismount_price: 1, count: 1 }] }, '缺少参数：sku_code'],
    [{ store_code: 'S002' }, '门店不存在：S002'],
  ])('rejects %j', async (overrides, message) => {
    expect((await upload(overrides)).json).toEqual({ code: '0', message, result: null });
    expect(server.countApplied('O-1')).toBe(0);
  });
});

describe('order.offLineReturnUpload', () => {
  let server: TrainingServer;
  beforeEach(async () => {
    server = await startTrainingServer();
    await callRaw(server, 'order', 'offlineUpload', orderMsg());
  });
  afterEach(async () => {
    await server.close();
  });

  const upload = (overrides: Record<string, unknown> = {}) => callRaw(server, 'order', 'offLineReturnUpload', returnMsg(overrides));

  it('takes back all points of a full return', async () => {
    const reply = await upload();
    expect(reply.text).toContain('"code":"1"');
    expect(reply.json).toEqual({ code: '1', message: '操作成功!', result: { returnOrderNo: 'VPR00000001', returnPoint: 119, customerPoint: 3_560 } });
    expect(server.countApplied('RT-1')).toBe(1);
  });

  it('keeps the points when return_point is 0', async () => {
    const reply = await upload({ return_point: 0 });
    expect(reply.json.result).toMatchObject({ returnPoint: 0, customerPoint: 3_679 });
  });

  it('takes back points in proportion to total_fee', async () => {
    // 119 points over 12345 fen: 4000 fen gives 38.56, so 38. 8000 fen gives 77.12, so 39 more. The rest is 42.
    const first = await upload({ return_order_no: 'RT-a', total_fee: 4_000 });
    const second = await upload({ return_order_no: 'RT-b', total_fee: 4_000 });
    const third = await upload({ return_order_no: 'RT-c', total_fee: 4_345 });
    expect([first, second, third].map((reply) => (reply.json.result as { returnPoint: number }).returnPoint)).toEqual([38, 39, 42]);
    expect(server.findMember(gold.cardNo)?.points).toBe(3_560);
  });

  it('rejects a return beyond the order total', async () => {
    await upload({ return_order_no: 'RT-a', total_fee: 12_000 });
    const over = await upload({ return_order_no: 'RT-b', total_fee: 346 });
    expect(over.json).toEqual({ code: '0', message: '退单金额超过原订单可退金额，剩余可退 345 分', result: null });
    expect(server.countApplied('RT-b')).toBe(0);
  });

  it('rejects a repeated return number', async () => {
    await upload({ total_fee: 100 });
    const repeat = await upload({ total_fee: 100 });
    expect(repeat.json).toEqual({ code: '0', message: DUPLICATE_RETURN_ORDER_NO_MESSAGE, result: null });
    expect(repeat.json.message).toBe('退单号重复');
    expect(server.countApplied('RT-1')).toBe(1);
  });

  it('lets the card win over the phone', async () => {
    const reply = await upload({ member_card_no: diamond.cardNo });
    expect(reply.json.message).toBe('原订单不属于该会员：O-1');
  });

  it('finds the member by card alone', async () => {
    const reply = await upload({ member_phone: '', member_card_no: gold.cardNo });
    expect(reply.json.result).toMatchObject({ returnPoint: 119 });
  });

  it('returns the seeded earlier order', async () => {
    const { earlierOrder } = seedFixtures;
    const reply = await upload({ order_no: earlierOrder.orderNo, total_fee: earlierOrder.totalFen / 2 });
    expect(reply.json.result).toMatchObject({ returnPoint: earlierOrder.orderPoints / 2, customerPoint: 3_679 - 50 });
  });

  it.each([
    [{ order_no: 'NOPE' }, '原订单不存在：NOPE'],
    [{ member_phone: '', member_card_no: '' }, 'member_phone 和 member_card_no 不能同时为空'],
    [{ member_card_no: seedFixtures.unknownCardNo }, '会员不存在'],
    [{ return_point: 2 }, '参数格式错误：return_point'],
    [{ return_order_no: undefined }, '缺少参数：return_order_no'],
    [{ goods: 'x' }, '参数格式错误：goods'],
  ])('rejects %j', async (overrides, message) => {
    expect((await upload(overrides)).json).toEqual({ code: '0', message, result: null });
    expect(server.findMember(gold.cardNo)?.points).toBe(3_679);
  });
});
