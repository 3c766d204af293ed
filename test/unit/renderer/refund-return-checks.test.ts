import { describe, expect, it } from 'vitest';
import { TILL_ORDER_NO_PATTERN, checkRefundAmount } from '../../../renderer/stores/refund';
import { checkReturnDraft, type ReturnDraft, type ReturnLineDraft } from '../../../renderer/stores/return';

// The input checks the refund and return screens run before anything reaches main.

describe('checkRefundAmount', () => {
  it('refunds everything left by default', () => {
    expect(checkRefundAmount('all', 'ignored', 1000)).toEqual({ amountFen: 1000, problem: null });
  });

  it('rejects a fully refunded payment', () => {
    expect(checkRefundAmount('all', '', 0).problem).toEqual({ kind: 'nothing-left' });
    expect(checkRefundAmount('part', '1', 0).problem).toEqual({ kind: 'nothing-left' });
  });

  it('converts a full-width part to fen', () => {
    expect(checkRefundAmount('part', '９。９９', 1000)).toEqual({ amountFen: 999, problem: null });
  });

  it('converts a typed part to fen', () => {
    expect(checkRefundAmount('part', '10', 1000)).toEqual({ amountFen: 1000, problem: null });
    expect(checkRefundAmount('part', '9.99', 1000)).toEqual({ amountFen: 999, problem: null });
    expect(checkRefundAmount('part', ' 0.5 ', 1000)).toEqual({ amountFen: 50, problem: null });
  });

  it('rejects more than what is left', () => {
    expect(checkRefundAmount('part', '10.01', 1000)).toEqual({
      amountFen: 1001,
      problem: { kind: 'over-refund', amountFen: 1001, remainingFen: 1000 },
    });
  });

  it('rejects invalid typed amounts', () => {
    const cases: [string, string][] = [
      ['', 'empty'],
      ['1.234', 'too-many-decimals'],
      ['-1', 'not-a-number'],
      ['1e3', 'not-a-number'],
      ['0', 'not-positive'],
      ['0.00', 'not-positive'],
    ];
    for (const [text, error] of cases) {
      expect(checkRefundAmount('part', text, 1000).problem, text).toEqual({ kind: 'amount', error });
    }
  });
});

describe('TILL_ORDER_NO_PATTERN', () => {
  it('matches this till format only', () => {
    expect(TILL_ORDER_NO_PATTERN.test('S001-T01-20261204153012-0007')).toBe(true);
    expect(TILL_ORDER_NO_PATTERN.test('S001-T01-20261204153012-007')).toBe(false);
    expect(TILL_ORDER_NO_PATTERN.test('CARD201609010101')).toBe(false);
    expect(TILL_ORDER_NO_PATTERN.test('0007')).toBe(false);
  });
});

function line(overrides: Partial<ReturnLineDraft> = {}): ReturnLineDraft {
  return { key: 1, goodsCode: '6901234567890', skuCode: '6901234567890-01', countText: '2', amountText: '150.00', ...overrides };
}

function draft(overrides: Partial<ReturnDraft> = {}): ReturnDraft {
  return {
    originalOrderNo: 'S001-T09-20261204100000-0001',
    memberText: 'CARD201609010101',
    lines: [line()],
    returnPoints: true,
    remark: '',
    ...overrides,
  };
}

describe('checkReturnDraft', () => {
  it('builds the request for a card', () => {
    const check = checkReturnDraft(draft({ lines: [line(), line({ key: 2, countText: '1', amountText: '100' })] }));
    expect(check).toEqual({
      ok: true,
      totalFen: 25_000,
      request: {
        originalOrderNo: 'S001-T09-20261204100000-0001',
        memberCardNo: 'CARD201609010101',
        returnPoints: true,
        goods: [
          { goodsCode: '6901234567890', skuCode: '6901234567890-01', count: 2, amountFen: 15_000 },
          { goodsCode: '6901234567890', skuCode: '6901234567890-01', count: 1, amountFen: 10_000 },
        ],
      },
    });
  });

  it('sends an 11-digit mobile as the phone', () => {
    const check = checkReturnDraft(draft({ memberText: ' 13900000001 ', returnPoints: false, remark: ' 顾客退回 ' }));
    if (!check.ok) throw new Error(`Expected a valid draft, got ${JSON.stringify(check.problems)}`);
    expect(check.request.memberPhone).toBe('13900000001');
    expect(check.request.memberCardNo).toBeUndefined();
    expect(check.request.returnPoints).toBe(false);
    expect(check.request.remark).toBe('顾客退回');
  });

  it('reads full-width codes and figures', () => {
    const check = checkReturnDraft(
      draft({
        originalOrderNo: 'Ｓ００１－Ｔ０９－２０２６１２０４１０００００－０００１',
        memberText: '１３９０００００００１',
        lines: [line({ goodsCode: '６９０１２３４５６７８９０', skuCode: '６９０１２３４５６７８９０－０１', countText: '２', amountText: '１５０。５' })],
      }),
    );
    if (!check.ok) throw new Error(`Expected a valid draft, got ${JSON.stringify(check.problems)}`);

    expect(check.request.originalOrderNo).toBe('S001-T09-20261204100000-0001');
    expect(check.request.memberPhone).toBe('13900000001');
    expect(check.request.goods).toEqual([{ goodsCode: '6901234567890', skuCode: '6901234567890-01', count: 2, amountFen: 15_050 }]);
  });

  it('marks each invalid field', () => {
    const check = checkReturnDraft(
      draft({
        originalOrderNo: ' ',
        memberText: 'C'.repeat(65),
        remark: '备'.repeat(201),
        lines: [
          line({ skuCode: '', countText: '1.5' }),
          line({ key: 2, countText: '100001', amountText: '12.345' }),
          line({ key: 3, countText: '' }),
        ],
      }),
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual({
      originalOrderNo: 'required',
      member: 'too-long',
      remark: 'remark-too-long',
      'lines.0.skuCode': 'required',
      'lines.0.count': 'count-invalid',
      'lines.1.count': 'count-too-large',
      'lines.1.amount': { amount: 'too-many-decimals' },
      'lines.2.count': 'required',
    });
    // Lines 0 and 2 have valid amounts of 150.00 each; line 1's amount is invalid.
    expect(check.totalFen).toBe(30_000);
  });
});
