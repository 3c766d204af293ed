import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VipaxError } from '../../../main/vipax/errors';
import {
  UnusableResponseError,
  parseLogPage,
  parseMembers,
  parseOrderUploadResult,
  parsePaymentResult,
  parseReturnResult,
  parseStockPage,
  readReply,
  type SuccessEnvelope,
} from '../../../main/vipax/parse';
import type { HttpReply } from '../../../main/vipax/transport';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function jsonReply(body: unknown, status = 200): HttpReply {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function envelopeOf(name: string): SuccessEnvelope {
  return readReply(jsonReply(fixture(name)), 'test');
}

function catchError(action: () => unknown): VipaxError {
  try {
    action();
  } catch (error) {
    if (error instanceof VipaxError) return error;
    throw error;
  }
  throw new Error('expected a VipaxError');
}

const sampleMember = JSON.parse(fixture('customer-get.json')).result as Record<string, unknown>;

describe('manual samples', () => {
  it('customer.get sample gives one member', () => {
    const members = parseMembers(envelopeOf('customer-get.json'));

    expect(members).toEqual([
      {
        customerId: 'MEMB20160901006045',
        cardNo: 'CARD201609016048',
        offlineCardNo: null,
        name: '测试先生 8173',
        nickName: null,
        phone: '13469961824',
        levelName: 'X会员',
        balanceFen: 997_500,
        accruedPoints: null,
        discountRatePercent: null,
        state: 'active',
        storeId: 'C625',
        openId: null,
      },
    ]);
  });

  it('paidConsumeByPro sample gives the server figures', () => {
    const result = parsePaymentResult(envelopeOf('paid-consume-by-pro.json'), {
      memberNo: 'MEMB20160901006045',
      orderNo: 'S001-T01-20261204153012-0007',
      priceFen: 1000,
    });

    expect(result).toEqual({
      orderNo: 'S001-T01-20261204153012-0007',
      customerId: 'MEMB20160901006045',
      cardNo: 'CARD201609016048',
      priceFen: 1000,
      discountRatePercent: 80,
      discountFen: 200,
      actualPaymentFen: 800,
    });
  });

  it('getPaidConsumeLog sample gives one entry', () => {
    const page = parseLogPage(envelopeOf('get-paid-consume-log.json'), { pageNo: 0, pageSize: 50 });

    expect(page).toEqual({
      entries: [
        {
          serialId: '06C90023-B374-4D62-886D-4B35D3715508',
          customerId: 'MEMB20160901006045',
          phone: '13469961824',
          changeFen: 1500,
          businessNo: 'HF001A-20180906141207-267',
          businessType: 3,
          businessTypeValue: null,
          createTime: '2018-09-06 14:12:16.423',
          payType: 3,
          customerCurrentRechargeFen: null,
          customerCurrentGiftFen: null,
        },
      ],
      totalCount: 1,
      pageNo: 0,
      pageSize: 50,
      totalPage: 1,
    });
  });

  it('stockRealtime sample gives three items', () => {
    const page = parseStockPage(envelopeOf('stock-realtime.json'), { pageNo: 0, pageSize: 50 });

    expect(page.pageNo).toBe(0);
    expect(page.pageSize).toBe(50);
    expect(page.items).toEqual([
      { goodsCode: '8', goodsName: '可乐', storeCode: '0001', storeName: '牛肉面店', stock: -0.04, unitCode: '1029', unitName: '份' },
      { goodsCode: '1105003', goodsName: '黑布朗万寿菊 1000g/罐', storeCode: '0001', storeName: '牛肉面店', stock: -5.346, unitCode: '1004', unitName: 'g' },
      { goodsCode: '1105001', goodsName: '咖啡豆 500g/包', storeCode: '0001', storeName: '牛肉面店', stock: -1.782, unitCode: '1004', unitName: 'g' },
    ]);
  });
});

describe('readReply', () => {
  it('accepts every spelling of success', () => {
    for (const code of ['1', ' 1 ', 1, true, 'true']) {
      expect(readReply(jsonReply({ code, msg: 'ok', result: 7 }), 'test').result).toBe(7);
    }
  });

  it('keeps a rejection message verbatim', () => {
    const error = catchError(() => readReply(jsonReply({ code: '0', message: '储值余额不足', result: null }), 'test'));

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('储值余额不足');
    expect(error.details.serverMessage).toBe('储值余额不足');
    expect(error.details.serverCode).toBe('0');
    expect(error.details.duplicate).toBe(false);
  });

  it('reads msg as well as message', () => {
    const error = catchError(() => readReply(jsonReply({ code: 0, msg: '签名错误' }), 'test'));

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('签名错误');
    expect(error.details.serverCode).toBe('0');
  });

  it('treats code false and other codes as rejections', () => {
    expect(catchError(() => readReply(jsonReply({ code: false, msg: 'x' }), 'test')).kind).toBe('rejected');
    expect(catchError(() => readReply(jsonReply({ code: '1001', msg: 'x' }), 'test')).details.serverCode).toBe('1001');
  });

  it('flags duplicate order numbers', () => {
    for (const message of ['订单号重复', '订单已存在', 'Duplicate orderNo']) {
      const error = catchError(() => readReply(jsonReply({ code: '0', message }), 'test'));
      expect(error.details.duplicate).toBe(true);
    }
  });

  it('names a rejection without a message', () => {
    const error = catchError(() => readReply(jsonReply({ code: '0', message: '' }), 'customer.get'));

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('customer.get: rejected with code 0 and no message');
    expect(error.details.serverMessage).toBeUndefined();
  });

  it('treats 5xx as unknown outcome even with JSON', () => {
    const error = catchError(() => readReply(jsonReply({ code: '1' }, 503), 'test'));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.details.httpStatus).toBe(503);
  });

  it('treats HTML, truncated JSON and a missing code as unknown outcome', () => {
    const html: HttpReply = { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>维护中</body></html>' };
    const bodies = [html, jsonReply('{"code":"1","message":"操作成功!","result":{"custo'), jsonReply({ message: 'ok' }), jsonReply('[1]'), jsonReply({ code: null })];

    for (const reply of bodies) {
      expect(catchError(() => readReply(reply, 'test')).kind).toBe('unknown-outcome');
    }
  });

  it('accepts codes numerically equal to 1', () => {
    for (const code of ['1.0', '01', 1.0]) {
      expect(readReply(jsonReply({ code, result: 7 }), 'test', { write: true }).result).toBe(7);
    }
  });

  it('treats a word code on a write as unknown outcome', () => {
    for (const code of ['SUCCESS', 'ok', '']) {
      const error = catchError(() => readReply(jsonReply({ code, message: '操作成功' }), 'customer.paidConsumeByPro', { write: true }));

      expect(error.kind).toBe('unknown-outcome');
      expect(error.message).toBe(`customer.paidConsumeByPro: the response's "code" ${JSON.stringify(code)} is neither a number nor a boolean (HTTP 200)`);
    }
  });

  it('treats numeric and false codes on a write as rejections', () => {
    for (const [code, serverCode] of [['0', '0'], [0, '0'], [-1, '-1'], ['1001', '1001'], [false, 'false'], ['false', 'false']] as const) {
      const error = catchError(() => readReply(jsonReply({ code, message: '余额不足' }), 'test', { write: true }));

      expect(error.kind).toBe('rejected');
      expect(error.details.serverCode).toBe(serverCode);
    }
  });

  it('keeps treating a word code on a read as a rejection', () => {
    const error = catchError(() => readReply(jsonReply({ code: 'SUCCESS', message: '会员不存在' }), 'customer.get'));

    expect(error.kind).toBe('rejected');
    expect(error.details.serverMessage).toBe('会员不存在');
  });

  it('keeps every digit of an unsafe integer', () => {
    const body = '{"code":"1","result":{"customerId":12345678901234567890,"cardNo":-9007199254740993,"point":12,"rate":8.5,"big":1e21}}';
    const result = readReply(jsonReply(body), 'test').result as Record<string, unknown>;

    expect(result.customerId).toBe('12345678901234567890');
    expect(result.cardNo).toBe('-9007199254740993');
    expect(result.point).toBe(12);
    expect(result.rate).toBe(8.5);
    expect(result.big).toBe(1e21);
  });

  it('reads a member whose customerId is a large number', () => {
    const body = JSON.stringify({ code: '1', result: { ...sampleMember, customerId: 0 } }).replace('"customerId":0', '"customerId":12345678901234567890');
    const [member] = parseMembers(readReply(jsonReply(body), 'customer.get'));

    expect(member?.customerId).toBe('12345678901234567890');
  });

  it('reads a JSON rejection sent with a 4xx status', () => {
    const error = catchError(() => readReply(jsonReply({ code: '0', message: 'appid 无效' }, 403), 'test'));

    expect(error.kind).toBe('rejected');
    expect(error.details.httpStatus).toBe(403);
  });
});

describe('parseMembers', () => {
  it('reads numbers sent as numbers or text', () => {
    const raw = { ...sampleMember, point: 12.5, accrualPoint: '3560', cashPayRate: '88' };
    const [member] = parseMembers({ result: raw, resultList: undefined });

    expect(member?.balanceFen).toBe(1250);
    expect(member?.accruedPoints).toBe(3560);
    expect(member?.discountRatePercent).toBe(88);
  });

  it('maps the state in every spelling', () => {
    const cases: Array<[unknown, string]> = [
      ['正常', 'active'],
      ['0', 'active'],
      [0, 'active'],
      ['冻结', 'frozen'],
      ['1', 'frozen'],
      [1, 'frozen'],
      ['注销', 'frozen'],
    ];
    for (const [state, expected] of cases) {
      const [member] = parseMembers({ result: { ...sampleMember, state }, resultList: null });
      expect(member?.state).toBe(expected);
    }
  });

  it('takes the level name from a text level', () => {
    const [member] = parseMembers({ result: { ...sampleMember, levelName: '', level: 'X004--金卡' }, resultList: null });
    expect(member?.levelName).toBe('金卡');

    const [numeric] = parseMembers({ result: { ...sampleMember, levelName: null, level: 4 }, resultList: null });
    expect(numeric?.levelName).toBeNull();
  });

  it('falls back from name to username', () => {
    const [member] = parseMembers({ result: { ...sampleMember, name: 'null', username: '王建国' }, resultList: null });
    expect(member?.name).toBe('王建国');
  });

  it('treats empty strings, null and "null" as no value', () => {
    const raw = { ...sampleMember, vipCardNo: 'null', phone: null, nickName: '  ', openId: 'null', storeId: '', cashPayRate: 'null' };
    const [member] = parseMembers({ result: raw, resultList: null });

    expect(member?.offlineCardNo).toBeNull();
    expect(member?.phone).toBeNull();
    expect(member?.nickName).toBeNull();
    expect(member?.openId).toBeNull();
    expect(member?.storeId).toBeNull();
    expect(member?.discountRatePercent).toBeNull();
  });

  it('ignores discount rates outside 1..100', () => {
    for (const rate of [0, 0.8, '0.5', -5, 120, 'abc']) {
      const [member] = parseMembers({ result: { ...sampleMember, cashPayRate: rate }, resultList: null });
      expect(member?.discountRatePercent).toBeNull();
    }
  });

  it('lists every card of a shared phone once', () => {
    const first = { ...sampleMember, customerId: 'MEMB1', cardNo: 'CARD1' };
    const second = { ...sampleMember, customerId: 'MEMB2', cardNo: 'CARD2', point: '50.00' };
    const members = parseMembers({ result: first, resultList: [first, second] });

    expect(members.map((member) => member.cardNo)).toEqual(['CARD1', 'CARD2']);
    expect(members[1]?.balanceFen).toBe(5000);
  });

  it('reads a list in result or resultList alone', () => {
    expect(parseMembers({ result: [sampleMember], resultList: undefined })).toHaveLength(1);
    expect(parseMembers({ result: null, resultList: [sampleMember] })).toHaveLength(1);
  });

  it('returns no member for an empty result', () => {
    expect(parseMembers({ result: null, resultList: [] })).toEqual([]);
    expect(parseMembers({ result: {}, resultList: null })).toEqual([]);
    expect(parseMembers({ result: '', resultList: 'null' })).toEqual([]);
  });

  it('rejects a member without balance or identity', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...sampleMember, point: '' }, 'result.point'],
      [{ ...sampleMember, point: 'abc' }, 'result.point'],
      [{ ...sampleMember, customerId: null }, 'result.customerId'],
      [{ ...sampleMember, cardNo: 'null' }, 'result.cardNo'],
      [{ ...sampleMember, state: '' }, 'result.state'],
    ];
    for (const [raw, field] of cases) {
      let error: unknown;
      try {
        parseMembers({ result: raw, resultList: null });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UnusableResponseError);
      expect((error as UnusableResponseError).field).toBe(field);
    }
  });
});

describe('parsePaymentResult', () => {
  const request = { memberNo: 'MEMB1', orderNo: 'R-1', priceFen: -1000 };

  it('reads a refund with negative figures as strings', () => {
    const envelope = { result: { code: 'MEMB1', cardNo: 'CARD1', cashPayRate: '88', actualPayment: '-8.80', payRateAmount: '-1.2' }, resultList: undefined };
    const result = parsePaymentResult(envelope, request);

    expect(result.actualPaymentFen).toBe(-880);
    expect(result.discountFen).toBe(-120);
    expect(result.discountRatePercent).toBe(88);
    expect(result.priceFen).toBe(-1000);
  });

  it('rejects a result without the amount taken', () => {
    const envelope = { result: { code: 'MEMB1', cardNo: 'CARD1', payRateAmount: 2 }, resultList: undefined };
    expect(() => parsePaymentResult(envelope, request)).toThrow(UnusableResponseError);
  });

  it('rejects an empty result', () => {
    expect(() => parsePaymentResult({ result: null, resultList: undefined }, request)).toThrow('result is not an object');
  });

  it('accepts a result naming the member by card number', () => {
    const envelope = { result: { code: 'OTHER', cardNo: 'MEMB1', actualPayment: '-8.80', payRateAmount: '-1.2' }, resultList: undefined };

    expect(parsePaymentResult(envelope, request).cardNo).toBe('MEMB1');
  });

  it('rejects a result naming another member', () => {
    const envelope = { result: { code: 'MEMB999', cardNo: 'CARD999', actualPayment: '-8.80', payRateAmount: '-1.2' }, resultList: undefined };

    expect(() => parsePaymentResult(envelope, request)).toThrow(UnusableResponseError);
    expect(() => parsePaymentResult(envelope, request)).toThrow('result.code names member MEMB999 (card CARD999), not MEMB1 as sent');
  });
});

describe('parseLogPage', () => {
  it('reads entries from resultList', () => {
    const entry = { serialId: 'S1', changeMoney: '-8.81', customerCurRechMoney: '1225.75', businessType: '5', businessNo: 'O-1' };
    const page = parseLogPage({ result: null, resultList: [entry] }, { pageNo: 2, pageSize: 10 });

    expect(page.entries[0]?.changeFen).toBe(-881);
    expect(page.entries[0]?.customerCurrentRechargeFen).toBe(122_575);
    expect(page.entries[0]?.businessType).toBe(5);
    expect(page.pageNo).toBe(2);
    expect(page.pageSize).toBe(10);
    expect(page.totalCount).toBe(1);
    expect(page.totalPage).toBe(1);
  });

  it('expects more after a full page without totals', () => {
    const entries = Array.from({ length: 199 }, (_, index) => ({ serialId: `S${index}`, changeMoney: '-1.00', businessNo: `O-${index}` }));
    const first = parseLogPage({ result: { data: entries }, resultList: undefined }, { pageNo: 0, pageSize: 199 });
    const later = parseLogPage({ result: null, resultList: entries }, { pageNo: 3, pageSize: 199 });

    expect(first.entries).toHaveLength(199);
    expect(first.totalPage).toBe(2);
    expect(later.totalPage).toBe(5);
  });

  it('ends at a short page without totals', () => {
    const page = parseLogPage({ result: { data: [{ serialId: 'S1', businessNo: 'O-1' }] }, resultList: undefined }, { pageNo: 0, pageSize: 199 });

    expect(page.totalPage).toBe(1);
  });

  it('reads paging figures sent as strings', () => {
    const page = parseLogPage({ result: { data: [], totalCount: '120', pageNo: '1', pageSize: '50', totalPage: '3' }, resultList: undefined }, { pageNo: 0, pageSize: 50 });

    expect(page.totalCount).toBe(120);
    expect(page.pageNo).toBe(1);
    expect(page.totalPage).toBe(3);
  });

  it('reads an empty log', () => {
    const page = parseLogPage({ result: { data: null, totalCount: 0 }, resultList: undefined }, { pageNo: 0, pageSize: 50 });
    expect(page.entries).toEqual([]);
    expect(page.totalPage).toBe(0);
  });

  it('rejects an entry without serialId', () => {
    expect(() => parseLogPage({ result: { data: [{ businessNo: 'O-1' }] }, resultList: undefined }, { pageNo: 0, pageSize: 50 })).toThrow(
      'result.data[0].serialId is missing',
    );
  });
});

describe('upload results', () => {
  it('reads the order upload result', () => {
    const result = parseOrderUploadResult({ result: { orderNo: 'VPO00000002', orderPoint: '2', customerPoint: 3562 }, resultList: undefined });
    expect(result).toEqual({ platformOrderNo: 'VPO00000002', orderPoints: 2, memberPoints: 3562 });
  });

  it('reads an empty upload result as nulls', () => {
    expect(parseOrderUploadResult({ result: null, resultList: undefined })).toEqual({ platformOrderNo: null, orderPoints: null, memberPoints: null });
    expect(parseReturnResult({ result: '', resultList: undefined })).toEqual({ returnOrderNo: null, returnedPoints: null, memberPoints: null });
  });

  it('reads the return result', () => {
    const result = parseReturnResult({ result: { returnOrderNo: 'VPR00000001', returnPoint: 100, customerPoint: '3460' }, resultList: undefined });
    expect(result).toEqual({ returnOrderNo: 'VPR00000001', returnedPoints: 100, memberPoints: 3460 });
  });
});

describe('parseStockPage', () => {
  it('reads a list in resultList with stock as text', () => {
    const page = parseStockPage({ result: null, resultList: [{ goods_code: 'G1', stock: '-5.346' }] }, { pageNo: 0, pageSize: 1 });
    expect(page.items[0]?.stock).toBe(-5.346);
    expect(page.items[0]?.goodsName).toBeNull();
  });

  it('rejects an item without stock', () => {
    expect(() => parseStockPage({ result: [{ goods_code: 'G1', stock: '' }], resultList: undefined }, { pageNo: 0, pageSize: 1 })).toThrow(
      'result[0].stock is missing',
    );
  });

  it('rejects a result that is not a list', () => {
    expect(() => parseStockPage({ result: { goods_code: 'G1' }, resultList: undefined }, { pageNo: 0, pageSize: 1 })).toThrow(UnusableResponseError);
  });
});
