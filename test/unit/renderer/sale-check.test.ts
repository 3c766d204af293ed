import { describe, expect, it } from 'vitest';
import {
  checkSaleDraft,
  splitInProportion,
  type SaleDraft,
  type SaleLineDraft,
  type SaleMemberLookup,
  type SalePayment,
} from '../../../renderer/stores/sale-check';

// The input checks the sale screen runs before anything reaches main.

const ORDER_NO = 'S001-T01-20261204153012-0007';
const silverCard = { customerId: 'MEMB20160901000103', cardNo: 'CARD201609010103' };

function line(overrides: Partial<SaleLineDraft> = {}): SaleLineDraft {
  return { key: 1, goodsCode: '6901234567890', skuCode: '6901234567890-01', priceText: '40', discountedText: '', countText: '1', ...overrides };
}

function draft(overrides: Partial<SaleDraft> = {}): SaleDraft {
  return {
    orderNo: ORDER_NO,
    payment: null,
    memberText: '13900000003',
    lines: [line()],
    paidText: '40',
    payType: 1,
    remark: '',
    ...overrides,
  };
}

const gold: SalePayment['member'] = {
  customerId: 'MEMB20160901000101',
  cardNo: 'CARD201609010101',
  name: '王建国',
  phoneMasked: '139****0001',
  frozen: false,
};

/** Builds a stored-value payment of 100.00 at 8.8折: 88.00 taken. */
function payment(overrides: Partial<SalePayment> = {}): SalePayment {
  return { orderNo: ORDER_NO, member: gold, priceFen: 10_000, actualPaymentFen: 8_800, ...overrides };
}

const idle: SaleMemberLookup = { phase: 'idle' };

describe('checkSaleDraft', () => {
  it('builds the request for a phone', () => {
    const check = checkSaleDraft(draft({ remark: ' 会员日 ', paidText: '36.5' }), idle);

    expect(check).toEqual({
      ok: true,
      request: {
        orderNo: ORDER_NO,
        memberPhone: '13900000003',
        totalFen: 4_000,
        paidFen: 3_650,
        couponFen: 350,
        payType: 1,
        remark: '会员日',
        goods: [{ goodsCode: '6901234567890', skuCode: '6901234567890-01', priceFen: 4_000, discountedPriceFen: 3_650, count: 1 }],
      },
      figures: { totalFen: 4_000, paidFen: 3_650, couponFen: 350, autoDiscountedFen: [3_650], typedDiscountedFen: null },
      member: { name: null, phoneMasked: '139****0003', cardNo: null },
    });
  });

  it('reads full-width member, codes and figures', () => {
    const fullWidthLine = line({ goodsCode: '６９０１２３４５６７８９０', skuCode: '６９０１２３４５６７８９０－０１', priceText: '４０', countText: '１' });
    const check = checkSaleDraft(draft({ memberText: '１３９０００００００３', lines: [fullWidthLine], paidText: '３６。５' }), idle);
    if (!check.ok) throw new Error(`Expected a valid draft, got ${JSON.stringify(check.problems)}`);

    expect(check.request.memberPhone).toBe('13900000003');
    expect(check.request.paidFen).toBe(3_650);
    expect(check.request.goods).toEqual([
      { goodsCode: '6901234567890', skuCode: '6901234567890-01', priceFen: 4_000, discountedPriceFen: 3_650, count: 1 },
    ]);
  });

  it('takes a payment’s member, total and paid', () => {
    const check = checkSaleDraft(
      draft({
        payment: payment(),
        memberText: '',
        paidText: '',
        payType: null,
        lines: [line({ priceText: '30', countText: '2' }), line({ key: 2, priceText: '40' })],
      }),
      idle,
    );

    if (!check.ok) throw new Error(`Expected a valid draft, got ${JSON.stringify(check.problems)}`);
    expect(check.request.customerId).toBe(gold.customerId);
    expect(check.request.cardNo).toBe(gold.cardNo);
    expect(check.request.memberPhone).toBeUndefined();
    expect(check.request.payType).toBe(3);
    expect(check.request.totalFen).toBe(10_000);
    expect(check.request.paidFen).toBe(8_800);
    expect(check.request.couponFen).toBe(1_200);
    // 88.00 shared 60 : 40 between the lines.
    expect(check.request.goods.map((good) => good.discountedPriceFen)).toEqual([5_280, 3_520]);
  });

  it('rejects goods that miss the payment’s price', () => {
    const check = checkSaleDraft(draft({ payment: payment(), lines: [line({ priceText: '99.99' })] }), idle);

    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual({ total: 'total-mismatch' });
    expect(check.figures.totalFen).toBe(9_999);
  });

  it('needs a card to be looked up', () => {
    const typedCard = draft({ memberText: silverCard.cardNo });
    const silver = { ...silverCard, name: '张伟', phoneMasked: '139****0003', frozen: false };

    const notLookedUp = checkSaleDraft(typedCard, idle);
    const otherCard = checkSaleDraft(typedCard, { phase: 'found', query: 'CARD201609010101', member: silver });
    const failed = checkSaleDraft(typedCard, { phase: 'failed', query: silverCard.cardNo, error: { code: 'not-found', message: 'none' } });
    const frozen = checkSaleDraft(typedCard, { phase: 'found', query: silverCard.cardNo, member: { ...silver, frozen: true } });
    const found = checkSaleDraft(typedCard, { phase: 'found', query: silverCard.cardNo, member: silver });

    expect(notLookedUp.ok ? null : notLookedUp.problems.member).toBe('member-not-looked-up');
    expect(otherCard.ok ? null : otherCard.problems.member).toBe('member-not-looked-up');
    expect(failed.ok ? null : failed.problems.member).toBe('member-lookup-failed');
    expect(frozen.ok ? null : frozen.problems.member).toBe('member-frozen');
    if (!found.ok) throw new Error(`Expected a valid draft, got ${JSON.stringify(found.problems)}`);
    expect(found.request.customerId).toBe(silverCard.customerId);
    expect(found.request.cardNo).toBe(silverCard.cardNo);
    expect(found.member).toEqual({ name: '张伟', phoneMasked: '139****0003', cardNo: silverCard.cardNo });
  });

  it('marks each invalid field', () => {
    const check = checkSaleDraft(
      draft({
        orderNo: null,
        memberText: '',
        payType: null,
        remark: '备'.repeat(201),
        paidText: '1.234',
        lines: [
          line({ skuCode: '', countText: '1.5' }),
          line({ key: 2, goodsCode: 'G'.repeat(65), priceText: '-1' }),
          line({ key: 3, priceText: '10', countText: '2', discountedText: '20.01' }),
        ],
      }),
      idle,
    );

    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual({
      orderNo: 'order-no-missing',
      member: 'required',
      payType: 'pay-type-required',
      remark: 'remark-too-long',
      paid: { amount: 'too-many-decimals' },
      'lines.0.skuCode': 'required',
      'lines.0.count': 'count-invalid',
      'lines.1.goodsCode': 'too-long',
      'lines.1.price': { amount: 'not-a-number' },
      'lines.2.discounted': 'discount-above-line',
    });
    // Only line 2 has a valid price and count.
    expect(check.figures.totalFen).toBe(2_000);
    expect(check.figures.couponFen).toBeNull();
  });

  it('compares paid with a known total only', () => {
    const partial = checkSaleDraft(draft({ paidText: '50', lines: [line(), line({ key: 2, countText: '' })] }), idle);
    const known = checkSaleDraft(draft({ paidText: '50' }), idle);

    expect(partial.ok ? null : partial.problems.paid).toBeUndefined();
    expect(partial.figures.couponFen).toBeNull();
    expect(known.ok ? null : known.problems.paid).toBe('paid-above-total');
  });

  it('accepts a free gift line', () => {
    const check = checkSaleDraft(draft({ lines: [line(), line({ key: 2, priceText: '0', discountedText: '0' })] }), idle);

    if (!check.ok) throw new Error(`Expected a valid draft, got ${JSON.stringify(check.problems)}`);
    expect(check.request.goods[1]).toMatchObject({ priceFen: 0, discountedPriceFen: 0, count: 1 });
  });

  it('accepts typed lines that add up to paid', () => {
    const lines = [line({ priceText: '40', discountedText: '35.20' }), line({ key: 2, priceText: '20', countText: '2', discountedText: '36.30' })];
    const check = checkSaleDraft(draft({ paidText: '71.50', lines }), idle);

    if (!check.ok) throw new Error(`Expected a valid draft, got ${JSON.stringify(check.problems)}`);
    expect(check.figures.typedDiscountedFen).toBe(7_150);
    expect(check.request.paidFen).toBe(7_150);
    expect(check.request.goods.map((good) => good.discountedPriceFen)).toEqual([3_520, 3_630]);
  });

  it('rejects typed lines 1 fen off paid', () => {
    const lines = [line({ priceText: '40', discountedText: '35.20' }), line({ key: 2, priceText: '20', countText: '2', discountedText: '36.29' })];
    const check = checkSaleDraft(draft({ paidText: '71.50', lines }), idle);

    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual({ discounted: 'discounted-not-paid' });
    expect(check.figures.typedDiscountedFen).toBe(7_149);
    expect(check.figures.paidFen).toBe(7_150);
  });

  it('rejects a payment’s typed lines off 实付', () => {
    const lines = [line({ priceText: '60', discountedText: '52.80' }), line({ key: 2, priceText: '40', discountedText: '35.21' })];
    const check = checkSaleDraft(draft({ payment: payment(), paidText: '', payType: null, lines }), idle);

    expect(check.ok ? null : check.problems).toEqual({ discounted: 'discounted-not-paid' });
    expect(check.figures.typedDiscountedFen).toBe(8_801);
    expect(check.figures.paidFen).toBe(8_800);
  });

  it('fills empty lines instead of rejecting', () => {
    const lines = [line({ priceText: '40', discountedText: '35.20' }), line({ key: 2, priceText: '20', countText: '2', discountedText: '' })];
    const check = checkSaleDraft(draft({ paidText: '71.50', lines }), idle);

    if (!check.ok) throw new Error(`Expected a valid draft, got ${JSON.stringify(check.problems)}`);
    expect(check.figures.typedDiscountedFen).toBeNull();
    expect(check.figures.autoDiscountedFen).toEqual([null, 3_630]);
    expect(check.request.goods.map((good) => good.discountedPriceFen)).toEqual([3_520, 3_630]);
  });

  it('rejects a total of zero', () => {
    const check = checkSaleDraft(draft({ paidText: '0', lines: [line({ priceText: '0' })] }), idle);
    expect(check.ok ? null : check.problems).toEqual({ total: 'total-zero' });
  });
});

describe('splitInProportion', () => {
  it('adds up to the amount exactly', () => {
    expect(splitInProportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitInProportion(8_800, [6_000, 4_000])).toEqual([5_280, 3_520]);
    expect(splitInProportion(1, [3, 5])).toEqual([0, 1]);
  });

  it('gives nothing without weights', () => {
    expect(splitInProportion(500, [0, 0])).toEqual([0, 0]);
    expect(splitInProportion(500, [])).toEqual([]);
  });
});
