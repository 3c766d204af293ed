import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVipaxClient, type VipaxHttpClient } from '../../../main/vipax/client';
import { VipaxError } from '../../../main/vipax/errors';
import type { LogQuery, MemberQuery, MemberUpdate, OrderUpload, ReturnUpload, StockQuery, StoredValueRequest } from '../../../main/vipax/types';
import { startLocalServer, type LocalServer } from './local-server';

let server: LocalServer;
let client: VipaxHttpClient;

beforeAll(async () => {
  server = await startLocalServer();
  client = createVipaxClient({ url: server.url, appid: 'app', secret: 'secret', storeCode: 'S001' });
});

afterAll(async () => {
  client.close();
  await server.close();
});

const instant = new Date('2026-12-04T07:30:12Z');

const validOrder: OrderUpload = {
  memberPhone: '13900000001',
  orderNo: 'S001-T01-20261204153012-0001',
  createTime: instant,
  totalFen: 20_000,
  paidFen: 18_000,
  couponFen: 2_000,
  payType: 3,
  payTime: instant,
  goods: [{ goodsCode: 'G0002', skuCode: 'G0002-1', priceFen: 10_000, discountedPriceFen: 9_000, count: 2 }],
};

const validReturn: ReturnUpload = {
  memberPhone: '13900000001',
  originalOrderNo: 'S001-T01-20261204153012-0001',
  returnOrderNo: 'S001-T01-20261204160000-0002',
  createTime: instant,
  returnPoints: true,
  totalFen: 10_000,
  goods: [{ goodsCode: 'G0002', skuCode: 'G0002-1', priceFen: 10_000, count: 1 }],
};

const payment: StoredValueRequest = { memberNo: 'MEMB20160901000101', orderNo: 'O-1', priceFen: 1234 };

interface Case {
  name: string;
  call: () => Promise<unknown>;
  field: string;
  rule: string;
  limit?: number | string;
}

const cases: Case[] = [
  { name: 'member query with two keys', call: () => client.getMembers({ cardNo: 'C1', phone: '13900000001' } as unknown as MemberQuery), field: 'query', rule: 'one-of' },
  { name: 'member query with no key', call: () => client.getMembers({} as MemberQuery), field: 'query', rule: 'one-of' },
  { name: 'member query with blank card', call: () => client.getMembers({ cardNo: '  ' }), field: 'cardNo', rule: 'required' },
  { name: 'member query with short phone', call: () => client.getMembers({ phone: '1390000000' }), field: 'phone', rule: 'phone' },
  { name: 'member query with 12-digit phone', call: () => client.getMembers({ phone: '139000000011' }), field: 'phone', rule: 'phone' },
  { name: 'member query with phone not starting 1', call: () => client.getMembers({ phone: '23900000001' }), field: 'phone', rule: 'phone' },
  { name: 'member query with long card', call: () => client.getMembers({ cardNo: 'C'.repeat(33) }), field: 'cardNo', rule: 'too-long', limit: 32 },
  { name: 'update without a key', call: () => client.updateMember({ name: '王建国' }), field: 'userId', rule: 'one-of' },
  { name: 'update with long physical card', call: () => client.updateMember({ userId: 'MEMB1', offlineCardNo: 'V'.repeat(21) }), field: 'offlineCardNo', rule: 'too-long', limit: 20 },
  { name: 'update with long address', call: () => client.updateMember({ userId: 'MEMB1', address: '路'.repeat(51) }), field: 'address', rule: 'too-long', limit: 50 },
  { name: 'update with impossible birthday', call: () => client.updateMember({ userId: 'MEMB1', birthday: '2026-02-30' }), field: 'birthday', rule: 'date' },
  { name: 'update with unknown sex', call: () => client.updateMember({ userId: 'MEMB1', sex: 'x' } as unknown as MemberUpdate), field: 'sex', rule: 'choice' },
  { name: 'update with long city code', call: () => client.updateMember({ userId: 'MEMB1', cityCode: '3202001' }), field: 'cityCode', rule: 'too-long', limit: 6 },
  { name: 'payment without member', call: () => client.paidConsumeByPro({ ...payment, memberNo: '' }), field: 'memberNo', rule: 'required' },
  { name: 'payment without order number', call: () => client.paidConsumeByPro({ ...payment, orderNo: '' }), field: 'orderNo', rule: 'required' },
  { name: 'payment of zero', call: () => client.paidConsumeByPro({ ...payment, priceFen: 0 }), field: 'priceFen', rule: 'non-zero' },
  { name: 'payment of fractional fen', call: () => client.paidConsumeByPro({ ...payment, priceFen: 12.5 }), field: 'priceFen', rule: 'integer' },
  { name: 'payment of NaN', call: () => client.paidConsumeByPro({ ...payment, priceFen: Number.NaN }), field: 'priceFen', rule: 'integer' },
  { name: 'payment above the maximum', call: () => client.paidConsumeByPro({ ...payment, priceFen: 100_000_001 }), field: 'priceFen', rule: 'too-large', limit: 100_000_000 },
  { name: 'refund without original order', call: () => client.paidConsumeByPro({ ...payment, priceFen: -500 }), field: 'originalOrderNo', rule: 'required' },
  { name: 'payment naming an original order', call: () => client.paidConsumeByPro({ ...payment, originalOrderNo: 'O-0' }), field: 'originalOrderNo', rule: 'conflict' },
  { name: 'refund reusing the original number', call: () => client.paidConsumeByPro({ ...payment, priceFen: -500, originalOrderNo: 'O-1' }), field: 'orderNo', rule: 'conflict' },
  { name: 'paidConsume with neither key', call: () => client.paidConsume({ ...payment, memberNo: '' }), field: 'memberNo', rule: 'required' },
  { name: 'paidConsume with bad phone', call: () => client.paidConsume({ ...payment, phone: '139' }), field: 'phone', rule: 'phone' },
  { name: 'log page size 0', call: () => client.getPaidConsumeLog({ phone: '13900000001', pageSize: 0 }), field: 'pageSize', rule: 'too-small', limit: 1 },
  { name: 'log page size 200', call: () => client.getPaidConsumeLog({ phone: '13900000001', pageSize: 200 }), field: 'pageSize', rule: 'too-large', limit: 199 },
  { name: 'log page -1', call: () => client.getPaidConsumeLog({ phone: '13900000001', pageNo: -1 }), field: 'pageNo', rule: 'too-small', limit: 0 },
  { name: 'log page 1.5', call: () => client.getPaidConsumeLog({ phone: '13900000001', pageNo: 1.5 }), field: 'pageNo', rule: 'integer' },
  { name: 'log from 2026-02-30', call: () => client.getPaidConsumeLog({ phone: '13900000001', from: '2026-02-30' }), field: 'from', rule: 'date' },
  { name: 'log to 2025-13-01', call: () => client.getPaidConsumeLog({ phone: '13900000001', to: '2025-13-01' }), field: 'to', rule: 'date' },
  { name: 'log date with slashes', call: () => client.getPaidConsumeLog({ phone: '13900000001', from: '2026/01/01' }), field: 'from', rule: 'date' },
  { name: 'log from after to', call: () => client.getPaidConsumeLog({ phone: '13900000001', from: '2026-02-02', to: '2026-02-01' }), field: 'from', rule: 'date-order', limit: '2026-02-01' },
  { name: 'log business type 10', call: () => client.getPaidConsumeLog({ phone: '13900000001', businessType: 10 } as unknown as LogQuery), field: 'businessType', rule: 'choice' },
  { name: 'order without phone', call: () => client.uploadOrder({ ...validOrder, memberPhone: '' }), field: 'memberPhone', rule: 'required' },
  { name: 'order with total zero', call: () => client.uploadOrder({ ...validOrder, totalFen: 0, paidFen: 0 }), field: 'totalFen', rule: 'too-small', limit: 1 },
  { name: 'order paid above total', call: () => client.uploadOrder({ ...validOrder, paidFen: 20_001 }), field: 'paidFen', rule: 'too-large', limit: 20_000 },
  { name: 'order with invalid time', call: () => client.uploadOrder({ ...validOrder, createTime: new Date('x') }), field: 'createTime', rule: 'date' },
  { name: 'order with pay type 4', call: () => client.uploadOrder({ ...validOrder, payType: 4 } as unknown as OrderUpload), field: 'payType', rule: 'choice' },
  { name: 'order with no goods', call: () => client.uploadOrder({ ...validOrder, goods: [] }), field: 'goods', rule: 'required' },
  {
    name: 'order line with count 0',
    call: () => client.uploadOrder({ ...validOrder, goods: [{ ...validOrder.goods[0]!, count: 0 }] }),
    field: 'goods[0].count',
    rule: 'too-small',
    limit: 1,
  },
  {
    name: 'order line with count 1.5',
    call: () => client.uploadOrder({ ...validOrder, goods: [validOrder.goods[0]!, { ...validOrder.goods[0]!, count: 1.5 }] }),
    field: 'goods[1].count',
    rule: 'integer',
  },
  {
    name: 'order line with negative price',
    call: () => client.uploadOrder({ ...validOrder, goods: [{ ...validOrder.goods[0]!, priceFen: -1 }] }),
    field: 'goods[0].priceFen',
    rule: 'too-small',
    limit: 0,
  },
  { name: 'order coupon code with comma', call: () => client.uploadOrder({ ...validOrder, couponCodes: ['A,B'] }), field: 'couponCodes[0]', rule: 'format' },
  { name: 'return without member', call: () => client.uploadReturn({ ...validReturn, memberPhone: undefined }), field: 'memberPhone', rule: 'one-of' },
  { name: 'return reusing the order number', call: () => client.uploadReturn({ ...validReturn, returnOrderNo: validReturn.originalOrderNo }), field: 'returnOrderNo', rule: 'conflict' },
  { name: 'return without points choice', call: () => client.uploadReturn({ ...validReturn, returnPoints: undefined } as unknown as ReturnUpload), field: 'returnPoints', rule: 'required' },
  { name: 'return with fractional total', call: () => client.uploadReturn({ ...validReturn, totalFen: 99.5 }), field: 'totalFen', rule: 'integer' },
  { name: 'return with no goods', call: () => client.uploadReturn({ ...validReturn, goods: [] }), field: 'goods', rule: 'required' },
  { name: 'stock with long goods code', call: () => client.getStock({ goodsCode: 'G'.repeat(33) }), field: 'goodsCode', rule: 'too-long', limit: 32 },
  { name: 'stock page size 500', call: () => client.getStock({ pageSize: 500 } as StockQuery), field: 'pageSize', rule: 'too-large', limit: 199 },
];

describe('input checks', () => {
  it.each(cases)('$name', async ({ call, field, rule, limit }) => {
    const before = server.requests.length;
    const error = await call().then(
      () => null,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(VipaxError);
    expect((error as VipaxError).kind).toBe('invalid-input');
    expect((error as VipaxError).details.field).toBe(field);
    expect((error as VipaxError).details.rule).toBe(rule);
    if (limit !== undefined) expect((error as VipaxError).details.limit).toBe(limit);
    expect(server.requests.length).toBe(before);
  });

  it('sends nothing for any invalid input', () => {
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the phone number out of the message', async () => {
    const error = (await client.getMembers({ phone: '1390000000x' }).catch((caught: unknown) => caught)) as VipaxError;
    expect(error.message).not.toContain('1390000000x');
  });
});

describe('valid inputs on the wire', () => {
  it('sends a refund as a negative yuan price', async () => {
    server.setHandler((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: '1', result: { code: 'MEMB1', cardNo: 'CARD1', cashPayRate: 88, actualPayment: -10.86, payRateAmount: -1.48 } }));
    });

    const result = await client.paidConsumeByPro({ memberNo: 'MEMB1', orderNo: 'R-1', priceFen: -1234, originalOrderNo: 'O-1', remark: '退款' });
    const sent = server.requests.at(-1)!;

    expect(sent.msg).toEqual({ storeCode: 'S001', orderNo: 'R-1', price: -12.34, oldOrderNo: 'O-1', remark: '退款', wxConsumeNo: 'MEMB1' });
    expect(sent.form.get('msg')).toContain('"price":-12.34');
    expect(result.actualPaymentFen).toBe(-1086);
    expect(result.discountFen).toBe(-148);
  });

  it('sends order amounts as fen and times in Shanghai', async () => {
    server.setHandler((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: '1', result: { orderNo: 'VPO1', orderPoint: 180, customerPoint: 3740 } }));
    });

    await client.uploadOrder({ ...validOrder, couponCodes: ['A1', 'B2'], pointsUsed: 0, tradeNo: 'T-9' });
    const sent = server.requests.at(-1)!;

    expect(sent.form.get('model')).toBe('order');
    expect(sent.form.get('method')).toBe('offlineUpload');
    expect(sent.msg).toEqual({
      member_phone: '13900000001',
      create_time: '2026-12-04 15:30:12',
      total_fee: 20_000,
      paid_fee: 18_000,
      store_code: 'S001',
      order_no: 'S001-T01-20261204153012-0001',
      pay_type: 3,
      pay_time: '2026-12-04 15:30:12',
      coupon_fee: 2_000,
      point: 0,
      coupon_code: 'A1,B2',
      trade_no: 'T-9',
      goods: [{ goods_code: 'G0002', sku_code: 'G0002-1', price: 10_000, dismount_price: 9_000, count: 2 }],
    });
  });

  it('sends a return with points flags as 0 and 1', async () => {
    server.setHandler((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: '1', result: null }));
    });

    await client.uploadReturn({ ...validReturn, returnCouponPoints: false });
    const sent = server.requests.at(-1)!;

    expect(sent.form.get('method')).toBe('offLineReturnUpload');
    expect(sent.msg).toMatchObject({
      member_phone: '13900000001',
      member_card_no: '',
      order_no: validReturn.originalOrderNo,
      return_order_no: validReturn.returnOrderNo,
      return_point: 1,
      return_coupon_point: 0,
      total_fee: 10_000,
      goods: [{ goods_code: 'G0002', sku_code: 'G0002-1', price: 10_000, count: 1 }],
    });
  });
});
