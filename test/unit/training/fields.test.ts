import { describe, expect, it } from 'vitest';
import { optionalInteger, readPaging, RejectedCall, requiredDateTime, requiredYuanAsFen } from '../../../main/training/fields';

describe('requiredYuanAsFen', () => {
  it.each([
    [10, 1000],
    [10.01, 1001],
    ['12.34', 1234],
    ['-5', -500],
    [-0.5, -50],
    [0.07, 7],
    ['999999999.99', 99_999_999_999],
  ])('reads %j as %i fen', (price, fen) => {
    expect(requiredYuanAsFen({ price }, 'price')).toBe(fen);
  });

  it.each([[12.345], ['12.345'], ['1e3'], ['abc'], [Number.NaN], [Infinity], [0.1 + 0.2], [true], ['1,000'], ['1000000000']])('rejects %j', (price) => {
    expect(() => requiredYuanAsFen({ price }, 'price')).toThrow(new RejectedCall('参数格式错误：price'));
  });

  it('rejects a missing price', () => {
    expect(() => requiredYuanAsFen({}, 'price')).toThrow(new RejectedCall('缺少参数：price'));
  });
});

describe('optionalInteger', () => {
  it('accepts digits as text, as the manual sample sends total_fee', () => {
    expect(optionalInteger({ total_fee: '200' }, 'total_fee')).toBe(200);
  });

  it('rejects fractions', () => {
    expect(() => optionalInteger({ total_fee: 1.5 }, 'total_fee')).toThrow(RejectedCall);
  });
});

describe('requiredDateTime', () => {
  it('rejects a date that does not exist', () => {
    expect(() => requiredDateTime({ create_time: '2026-02-30 10:00:00' }, 'create_time')).toThrow('参数格式错误：create_time');
  });
});

describe('readPaging', () => {
  it('defaults to page 0 of 50', () => {
    expect(readPaging({})).toEqual({ pageNo: 0, pageSize: 50 });
  });

  it.each([0, 200, -1, 'x'])('rejects page_size %j', (pageSize) => {
    expect(() => readPaging({ page_size: pageSize })).toThrow('page_size 取值范围为 1-199');
  });
});
