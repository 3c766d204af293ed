import { describe, expect, it } from 'vitest';
import {
  memberLookupRequestSchema,
  paymentPayRequestSchema,
  returnCreateRequestSchema,
} from '../../common/contract';
import { MAX_CODE_LENGTH, MAX_ORDER_NO_LENGTH } from '../../common/limits';
import { buildReturnUploadMsg } from '../../main/vipax/requests';
import type { ReturnUpload } from '../../main/vipax/types';
import { createI18n } from '../../renderer/i18n';
import { fieldProblemText } from '../../renderer/lib/goods-lines';
import { lookupFailureText } from '../../renderer/screens/checkout/MemberArea';
import { checkReturnDraft } from '../../renderer/stores/return';

// A code the screen accepts must pass the IPC contract and the VIPax client alike. The manual
// types card numbers, goods and SKU codes String(32).

const code32 = 'C'.repeat(32);
const code33 = 'C'.repeat(33);
const line = (goodsCode: string) => ({ goodsCode, skuCode: 'SKU-1', amountFen: 100, count: 1 });

describe('code length limits', () => {
  it('are 32 for codes and 64 for order numbers', () => {
    expect(MAX_CODE_LENGTH).toBe(32);
    expect(MAX_ORDER_NO_LENGTH).toBe(64);
  });

  it('contract rejects a 33-character card number', () => {
    const payment = { customerId: 'MEMB20160901000101', amountFen: 100 };

    expect(paymentPayRequestSchema.safeParse({ ...payment, cardNo: code32 }).success).toBe(true);
    expect(paymentPayRequestSchema.safeParse({ ...payment, cardNo: code33 }).success).toBe(false);
    expect(memberLookupRequestSchema.safeParse({ query: code32 }).success).toBe(true);
    expect(memberLookupRequestSchema.safeParse({ query: code33 }).success).toBe(false);
  });

  it('contract rejects a 33-character goods code', () => {
    const returnRequest = { originalOrderNo: 'O'.repeat(64), memberCardNo: code32, returnPoints: true };

    expect(returnCreateRequestSchema.safeParse({ ...returnRequest, goods: [line(code32)] }).success).toBe(true);
    expect(returnCreateRequestSchema.safeParse({ ...returnRequest, goods: [line(code33)] }).success).toBe(false);
    expect(returnCreateRequestSchema.safeParse({ ...returnRequest, memberCardNo: code33, goods: [line(code32)] }).success).toBe(false);
  });

  it('client takes the same limit as the contract', () => {
    const upload = (memberCardNo: string): ReturnUpload => ({
      memberCardNo,
      originalOrderNo: 'O'.repeat(64),
      returnOrderNo: 'S001-T01-20261204153012-0002',
      createTime: new Date('2026-12-04T07:30:12Z'),
      returnPoints: true,
      totalFen: 100,
      goods: [{ goodsCode: code32, skuCode: code32, priceFen: 100, count: 1 }],
    });
    const context = { storeCode: 'S001', timeZone: 'Asia/Shanghai' };

    expect(buildReturnUploadMsg(upload(code32), context).member_card_no).toBe(code32);
    expect(() => buildReturnUploadMsg(upload(code33), context)).toThrow(/at most 32 characters/);
  });
});

describe('too-long code on screen', () => {
  const { t } = createI18n('zh-CN');
  const draft = {
    originalOrderNo: 'S001-T01-20261204153012-0001',
    memberText: 'CARD201609016048',
    returnPoints: true,
    remark: '',
    lines: [{ goodsCode: 'G-1', skuCode: 'SKU-1', countText: '1', amountText: '1.00' }],
  };

  it('return form names a 33-character goods code', () => {
    const check = checkReturnDraft({ ...draft, lines: [{ ...draft.lines[0]!, goodsCode: code33 }] } as never);

    expect(check.ok).toBe(false);
    const problem = check.ok ? undefined : check.problems['lines.0.goodsCode'];
    expect(problem).toBe('too-long');
    expect(fieldProblemText(t, problem as never)).toBe('不能超过 32 个字符');
  });

  it('return form accepts a 64-character order number', () => {
    const accepted = checkReturnDraft({ ...draft, originalOrderNo: 'O'.repeat(64) } as never);
    const rejected = checkReturnDraft({ ...draft, originalOrderNo: 'O'.repeat(65) } as never);

    expect(accepted.ok ? undefined : accepted.problems.originalOrderNo).toBeUndefined();
    const problem = rejected.ok ? undefined : rejected.problems.originalOrderNo;
    expect(problem).toBe('order-no-too-long');
    expect(fieldProblemText(t, problem as never)).toBe('不能超过 64 个字符');
  });

  it('member search names a too-long card number', () => {
    const text = lookupFailureText(t, {
      phase: 'failed',
      query: code33,
      kind: 'card',
      error: { code: 'invalid-input', message: "Invalid request for 'member:lookup'", field: 'query' },
    });

    expect(text).toBe('卡号不能超过 32 个字符，请检查后重新扫描或输入。');
  });
});
