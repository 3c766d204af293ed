import { describe, expect, it } from 'vitest';
import type { IpcError } from '../../../common/contract';
import { createI18n } from '../../../renderer/i18n';
import { failureText } from '../../../renderer/screens/sale/SaleFailure';

// The words the sale screen shows for main's rejections of an order number or of line amounts.

const ORDER_NO = 'S001-T01-20261204153012-0007';

describe('sale failure text', () => {
  const { t } = createI18n('zh-CN');

  it('explains an order number not issued', () => {
    const error: IpcError = { code: 'not-found', message: 'Order number HELLO was not issued by this till', field: 'orderNo' };

    expect(failureText(t, error, 'HELLO')).toBe('订单号 HELLO 不是本机为销售或储值支付生成的订单号，不能上传。请重新打开销售上传，使用新的订单号。');
  });

  it('names the line with a wrong amount', () => {
    const error: IpcError = { code: 'invalid-input', message: 'Line 2: …', field: 'goods.1.discountedPriceFen' };

    expect(failureText(t, error, ORDER_NO)).toBe('第 2 行的折后金额无效：应在 0 和单价 × 数量之间。请修改该行。');
  });

  it('explains lines not adding up', () => {
    const error: IpcError = { code: 'invalid-input', message: "The lines' amounts after discount add up to …", field: 'goods' };

    expect(failureText(t, error, ORDER_NO)).toBe('各行折后金额之和不等于实付金额。请修改折后金额，或留空让系统按实付分摊。');
  });

  it('names the line in English', () => {
    const { t: english } = createI18n('en');
    const error: IpcError = { code: 'invalid-input', message: 'Line 1: …', field: 'goods.0.discountedPriceFen' };

    expect(failureText(english, error, ORDER_NO)).toBe(
      'Line 1: the amount after discount is invalid. It must be between 0 and price × count. Correct the line.',
    );
  });
});
