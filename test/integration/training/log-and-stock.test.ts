import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { callRaw } from './wire-client';

const { gold, diamond, sharedPhoneFirst } = seedFixtures.members;

describe('getPaidConsumeLog', () => {
  let server: TrainingServer;
  beforeAll(async () => {
    server = await startTrainingServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const log = (msg: Record<string, unknown>) => callRaw(server, 'customer', 'getPaidConsumeLog', { store_code: 'S001', ...msg });
  type Page = { data: Record<string, unknown>[]; totalCount: number; pageNo: number; pageSize: number; totalPage: number };

  it('answers in the shape of the manual sample, newest first', async () => {
    const reply = await log({ mobile: gold.phone });
    expect(reply.text).toContain('"code":"1"');
    const page = reply.json.result as Page;
    expect(page.totalCount).toBe(4);
    expect(page.pageNo).toBe(0);
    expect(page.pageSize).toBe(50);
    expect(page.totalPage).toBe(1);
    expect(page.data.map((entry) => entry.businessNo)).toEqual([
      'MALL-20251201-7781',
      'S001-T01-20251129091240-0002',
      'S001-T01-20251128153012-0001',
      'TOPUP-20251120-0001',
    ]);
    expect(page.data[2]).toEqual({
      customerId: gold.customerId,
      exchMoney: null,
      giveMoney: null,
      businessId: null,
      businessNo: 'S001-T01-20251128153012-0001',
      payType: 3,
      serialId: '00000000-0000-4000-8000-000000000002',
      phone: gold.phone,
      createTime: '2025-11-28 15:30:12.345',
      updateTime: '2025-11-28 15:30:12.345',
      changeMoney: 88,
      consumeRechMoney: null,
      consumeGiveMoney: null,
      storeCurRechMoney: null,
      storeCurGiveMoney: null,
      businessType: 5,
      businessTypeValue: '门店pos消费',
      rechLadderId: null,
      activityName: null,
      customerCurRechMoney: 1912,
      customerCurGiveMoney: 0,
    });
  });

  it('pages through the log', async () => {
    const second = (await log({ mobile: gold.phone, page_no: 1, page_size: 3 })).json.result as Page;
    expect(second).toMatchObject({ totalCount: 4, pageNo: 1, pageSize: 3, totalPage: 2 });
    expect(second.data.map((entry) => entry.businessNo)).toEqual(['TOPUP-20251120-0001']);

    const beyond = (await log({ mobile: gold.phone, page_no: 5, page_size: '3' })).json.result as Page;
    expect(beyond.data).toEqual([]);
  });

  it('filters by date, both ends inclusive', async () => {
    const page = (await log({ mobile: gold.phone, start_time: '2025-11-28', end_time: '2025-11-29' })).json.result as Page;
    expect(page.data.map((entry) => entry.businessNo)).toEqual(['S001-T01-20251129091240-0002', 'S001-T01-20251128153012-0001']);
  });

  it('filters by businessType', async () => {
    const page = (await log({ mobile: gold.phone, businessType: 6 })).json.result as Page;
    expect(page.data.map((entry) => [entry.businessNo, entry.changeMoney])).toEqual([['S001-T01-20251129091240-0002', -44]]);
  });

  it('finds the log by other_id', async () => {
    const page = (await log({ other_id: diamond.otherId })).json.result as Page;
    expect(page.data.map((entry) => [entry.businessNo, entry.businessType, entry.changeMoney])).toEqual([['TOPUP-20251121-0002', 7, 5000]]);
  });

  it('covers every card of a shared phone', async () => {
    const page = (await log({ mobile: sharedPhoneFirst.phone })).json.result as Page;
    expect(page.data.map((entry) => entry.customerId)).toEqual([sharedPhoneFirst.customerId]);
  });

  it('gives an empty page to a member without history', async () => {
    const page = (await log({ mobile: seedFixtures.members.standard.phone })).json.result as Page;
    expect(page).toEqual({ data: [], totalCount: 0, pageNo: 0, pageSize: 50, totalPage: 0 });
  });

  it.each([
    [{ mobile: gold.phone, page_size: 0 }, 'page_size 取值范围为 1-199'],
    [{ mobile: gold.phone, page_size: 200 }, 'page_size 取值范围为 1-199'],
    [{ mobile: gold.phone, page_no: -1 }, 'page_no 不能小于 0'],
    [{ mobile: gold.phone, start_time: '2025-11-31' }, '参数格式错误：start_time'],
    [{ mobile: gold.phone, end_time: '2025-11_30' }, '参数格式错误：end_time'],
    [{ mobile: gold.phone, start_time: '2025-12-02', end_time: '2025-12-01' }, '开始日期不能晚于结束日期'],
    [{ mobile: gold.phone, businessType: 10 }, '参数格式错误：businessType'],
    [{}, 'mobile 和 other_id 不能同时为空'],
    [{ mobile: seedFixtures.unknownPhone }, '会员不存在'],
  ])('rejects %j', async (msg, message) => {
    expect((await log(msg)).json).toEqual({ code: '0', message, result: null });
  });
});

describe('goods.stockRealtime', () => {
  let server: TrainingServer;
  beforeAll(async () => {
    server = await startTrainingServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const stock = (msg: Record<string, unknown>) => callRaw(server, 'goods', 'stockRealtime', { store_code: 'S001', ...msg });

  it('lists all goods in result', async () => {
    const reply = await stock({});
    expect(reply.text).toContain('"code":"1"');
    const list = reply.json.result as Record<string, unknown>[];
    expect(list.length).toBe(seedFixtures.goods.count);
    expect(list[0]).toEqual({
      store_name: '培训门店',
      stock: -0.04,
      unit_name: '份',
      store_code: 'S001',
      goods_name: '可乐',
      unit_code: '1029',
      goods_code: '8',
    });
  });

  it('finds one goods code', async () => {
    const list = (await stock({ goods_code: '1105003' })).json.result as Record<string, unknown>[];
    expect(list.map((goods) => [goods.goods_name, goods.stock, goods.unit_name])).toEqual([['黑布朗万寿菊 1000g/罐', -5.346, 'g']]);
  });

  it('gives an empty list for an unknown code', async () => {
    expect((await stock({ goods_code: 'NOPE' })).json.result).toEqual([]);
  });

  it('pages through the goods', async () => {
    const list = (await stock({ page_no: 1, page_size: 5 })).json.result as Record<string, unknown>[];
    expect(list.map((goods) => goods.goods_code)).toEqual(['G0003', 'G0004', 'G0005', 'G0006', 'G0007']);
  });

  it('rejects a page size of 200', async () => {
    expect((await stock({ page_size: 200 })).json.message).toBe('page_size 取值范围为 1-199');
  });

  it('rejects another store', async () => {
    expect((await stock({ store_code: 'S002' })).json.message).toBe('门店不存在：S002');
  });
});
