import { afterEach, describe, expect, it } from 'vitest';
import type { IpcReply, OrderUploadRequest } from '../../common/contract';
import { seedFixtures } from '../../main/training';
import { confirmPayment, enterAmount, fenOf, scanMember, waitForConnection } from './harness/checkout';
import { launchTill, type LaunchedTill } from './harness/launch';

// Sale uploads (销售上传) in headless Chromium: the real renderer build bridged to the real router
// and a training server on loopback, which gives 1 point per whole yuan paid. A screenshot is
// saved at every screen visited.

const { gold, silver } = seedFixtures.members;
const ORDER_NO = /^S001-T01-\d{14}-\d{4}$/;
/** Short outbox delays, so a queued upload goes out within a second of the server's return. */
const FAST_OUTBOX = { outboxRetryPolicy: { baseDelayMs: 200, maxDelayMs: 1000, lookUpDelayMs: 500 } };

/** Returns a reply's value, or throws with the error so the test fails on its cause. */
function valueOf<T>(reply: IpcReply<T>): T {
  if (!reply.ok) throw new Error(`IPC call failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

describe('sale upload in Chromium', () => {
  let till: LaunchedTill | null = null;

  afterEach(async () => {
    await till?.close();
    till = null;
  });

  async function start(name: string): Promise<LaunchedTill> {
    till = await launchTill({ name, till: FAST_OUTBOX });
    await waitForConnection(till.page, 'online');
    return till;
  }

  /** Pays 100.00 for the gold member at 8.8折 (88.00 taken) and returns the payment's order number. */
  async function payGold(launched: LaunchedTill): Promise<string> {
    const { page } = launched;
    await scanMember(launched, gold.cardNo);
    await enterAmount(page, '100');
    await confirmPayment(page);
    await page.getByTestId('result-panel').waitFor();
    const orderNo = (await page.getByTestId('result-order-no').textContent()) ?? '';
    expect(orderNo).toMatch(ORDER_NO);
    return orderNo;
  }

  /** Fills one goods line of the sale form; an empty `discounted` leaves the share of 实付 to the form. */
  async function fillLine(
    launched: LaunchedTill,
    index: number,
    line: { goods: string; sku: string; price: string; count: string; discounted?: string },
  ): Promise<void> {
    const row = launched.page.getByTestId('sale-line').nth(index);
    await row.getByTestId('sale-line-goodsCode').fill(line.goods);
    await row.getByTestId('sale-line-skuCode').fill(line.sku);
    await row.getByTestId('sale-line-price').fill(line.price);
    await row.getByTestId('sale-line-count').fill(line.count);
    await row.getByTestId('sale-line-discounted').fill(line.discounted ?? '');
  }

  it('payment result opens the sale; points rise', async () => {
    const launched = await start('sale-from-payment');
    const { page, server, screenshot, pageErrors } = launched;
    const orderNo = await payGold(launched);
    await screenshot('payment-result');
    expect(await page.getByTestId('sale-upload-open').textContent()).toBe('上传销售积分（F4）');

    await page.keyboard.press('F4');
    await page.locator('[data-testid="sale-screen"][data-phase="editing"]').waitFor();
    expect(await page.getByTestId('sale-order-no').textContent()).toBe(orderNo);
    expect(await page.getByTestId('sale-member-fixed').textContent()).toBe(`王建国 · 139****0001 · ${gold.cardNo}`);
    expect(await fenOf(page, 'sale-paid-fixed')).toBe(8_800);
    expect(await page.getByTestId('sale-pay-type-fixed').textContent()).toBe('其他（储值）');
    // The form opens at the first goods code, ready for a scanner.
    expect(await page.getByTestId('sale-line-goodsCode').evaluate((field) => field === document.activeElement)).toBe(true);
    await screenshot('sale-form-empty');

    await fillLine(launched, 0, { goods: '6901234567890', sku: '6901234567890-01', price: '100', count: '1' });
    expect(await fenOf(page, 'sale-total')).toBe(10_000);
    expect(await fenOf(page, 'sale-coupon')).toBe(1_200);
    expect(await page.getByTestId('sale-line-discounted').getAttribute('placeholder')).toBe('88.00');
    await screenshot('sale-form-filled');

    // Enter in the last field opens the confirmation.
    await page.getByTestId('sale-remark').press('Enter');
    await page.getByTestId('sale-confirm').waitFor();
    expect(await page.getByTestId('sale-summary-order-no').textContent()).toBe(orderNo);
    expect(await fenOf(page, 'sale-summary-total')).toBe(10_000);
    expect(await fenOf(page, 'sale-summary-paid')).toBe(8_800);
    expect(await fenOf(page, 'sale-summary-coupon')).toBe(1_200);
    expect(await fenOf(page, 'sale-summary-line-discounted')).toBe(8_800);
    await screenshot('sale-confirm');

    await page.keyboard.press('Enter');
    await page.locator('[data-testid="sale-result"][data-status="sent"]').waitFor();
    await screenshot('sale-sent');
    expect(await page.getByTestId('submission-status').textContent()).toBe('已发送');
    expect(await page.getByTestId('sale-result-order-points').textContent()).toBe('88');
    expect(await page.getByTestId('sale-result-member-points').textContent()).toBe(String(gold.points + 88));
    expect(server.findMember(gold.cardNo)?.points).toBe(gold.points + 88);

    // Read the member again at the checkout: the panel shows the points the order earned.
    await page.getByTestId('sale-result-checkout').click();
    await page.getByTestId('result-panel').waitFor();
    await page.keyboard.press('Escape');
    await scanMember(launched, gold.cardNo);
    expect(await page.getByTestId('member-points').textContent()).toBe(String(gold.points + 88));
    await screenshot('member-reread');
    expect(pageErrors).toEqual([]);
  });

  it('offline sale is queued, then sent once', async () => {
    const launched = await start('sale-offline');
    const { page, server, screenshot, pageErrors } = launched;
    const orderNo = await payGold(launched);

    await server.setFault({ kind: 'refuse-connections' });
    await waitForConnection(page, 'offline');
    await page.getByTestId('sale-upload-open').click();
    await page.locator('[data-testid="sale-screen"][data-phase="editing"]').waitFor();
    await fillLine(launched, 0, { goods: '6901234567890', sku: '6901234567890-01', price: '60', count: '1' });
    await page.getByTestId('sale-add-line').click();
    await fillLine(launched, 1, { goods: '6909876543210', sku: '6909876543210-02', price: '20', count: '2', discounted: '35.20' });
    expect(await fenOf(page, 'sale-total')).toBe(10_000);
    // 88.00 paid, 35.20 typed on the second line, so the first line takes the other 52.80.
    expect(await page.getByTestId('sale-line-discounted').first().getAttribute('placeholder')).toBe('52.80');
    await page.getByTestId('sale-submit').click();
    await page.getByTestId('sale-confirm').waitFor();
    await screenshot('sale-confirm-offline');
    await page.keyboard.press('Enter');

    await page.locator('[data-testid="sale-result"][data-status="queued"]').waitFor();
    await page.locator('[data-testid="outbox-pending-count"][data-count="1"]').waitFor();
    await screenshot('sale-queued');
    expect(await page.getByTestId('submission-status').textContent()).toBe('待同步');
    expect(await page.getByTestId('sale-result-order-points').textContent()).toBe('发送成功后显示');
    // Only the payment's own log entry carries the order number so far.
    expect(server.countApplied(orderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.points).toBe(gold.points);

    await server.setFault(null);
    await page.locator('[data-testid="sale-result"][data-status="sent"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="outbox-pending-count"][data-count="0"]').waitFor();
    await screenshot('sale-sent-by-itself');
    expect(await page.getByTestId('sale-result-order-points').textContent()).toBe('88');
    expect(server.countApplied(orderNo)).toBe(2);
    expect(server.findMember(gold.cardNo)?.points).toBe(gold.points + 88);

    // Nothing is sent again afterwards.
    await launched.fixture.till.outbox.drain();
    expect(server.countApplied(orderNo)).toBe(2);
    expect(pageErrors).toEqual([]);
  });

  it('second upload of an order is refused', async () => {
    const launched = await start('sale-repeat');
    const { page, server, screenshot, pageErrors, fixture } = launched;
    const orderNo = await payGold(launched);

    // The form is filled and confirmed, and meanwhile the same order number is uploaded elsewhere.
    await page.keyboard.press('F4');
    await page.locator('[data-testid="sale-screen"][data-phase="editing"]').waitFor();
    await fillLine(launched, 0, { goods: '6901234567890', sku: '6901234567890-01', price: '100', count: '1' });
    await page.getByTestId('sale-submit').click();
    await page.getByTestId('sale-confirm').waitFor();
    const sameSale: OrderUploadRequest = {
      orderNo,
      customerId: gold.customerId,
      cardNo: gold.cardNo,
      totalFen: 10_000,
      paidFen: 8_800,
      payType: 3,
      goods: [{ goodsCode: '6901234567890', skuCode: '6901234567890-01', priceFen: 10_000, discountedPriceFen: 8_800, count: 1 }],
    };
    expect(valueOf(await fixture.till.router.call('order:upload', sameSale)).status).toBe('sent');

    await page.keyboard.press('Enter');
    await page.getByTestId('sale-failure').waitFor();
    await screenshot('sale-refused');
    expect(await page.getByTestId('sale-error').getAttribute('data-error-code')).toBe('already-exists');
    expect(await page.getByTestId('sale-error').textContent()).toBe(`订单 ${orderNo} 的销售积分已经上传过，不能重复上传。`);
    expect(server.countApplied(orderNo)).toBe(2);
    expect(server.findMember(gold.cardNo)?.points).toBe(gold.points + 88);

    // Opened again from the payment result, the screen shows the earlier upload instead of a form.
    await page.getByTestId('nav-checkout').click();
    await page.getByTestId('result-panel').waitFor();
    await page.keyboard.press('F4');
    await page.locator('[data-testid="sale-screen"][data-phase="uploaded"]').waitFor();
    await screenshot('sale-already-uploaded');
    expect(await page.getByTestId('sale-already-uploaded').textContent()).toBe(`订单 ${orderNo} 的销售积分已经上传过，不能重复上传。`);
    expect(await page.getByTestId('sale-result-order-points').textContent()).toBe('88');
    expect(valueOf(await fixture.till.router.call('outbox:list', { kind: 'order-upload' })).entries).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it('invalid sale is marked in place', async () => {
    const launched = await start('sale-invalid');
    const { page, server, screenshot, pageErrors, fixture } = launched;

    await page.keyboard.press('Control+5');
    await page.locator('[data-testid="sale-screen"][data-phase="editing"]').waitFor();
    await page.locator('[data-testid="sale-order-no"]').waitFor();
    const orderNo = (await page.getByTestId('sale-order-no').textContent()) ?? '';
    expect(orderNo).toMatch(ORDER_NO);
    expect(await page.getByTestId('sale-member').evaluate((field) => field === document.activeElement)).toBe(true);

    await fillLine(launched, 0, { goods: '6901234567890', sku: '', price: '12.345', count: '0' });
    await page.getByTestId('sale-paid').fill('5');
    await page.getByTestId('sale-submit').click();
    await page.getByTestId('sale-problem').waitFor();
    await screenshot('sale-problems');
    expect(await page.getByTestId('sale-problem').textContent()).toBe('有栏目未填或填写有误，请按标红的提示修改。');
    const problems = await page.getByTestId('sale-field-problem').allTextContents();
    expect(problems).toEqual(['必填', '必填', '金额最多保留两位小数。', '数量须为正整数', '请选择支付方式']);
    expect(await page.getByTestId('sale-member').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('sale-confirm').count()).toBe(0);

    // A scanned card is looked up on its Enter and shown below the field.
    await page.getByTestId('sale-member').focus();
    await launched.scan(silver.cardNo);
    await page.locator('[data-testid="sale-member-status"][data-state="found"]').waitFor();
    expect(await page.getByTestId('sale-member-status').textContent()).toBe(`张伟 · 139****0003 · ${silver.cardNo}`);
    await fillLine(launched, 0, { goods: '6901234567890', sku: '6901234567890-01', price: '25', count: '2', discounted: '51' });
    await page.getByTestId('sale-paid').fill('60');
    await page.getByTestId('sale-submit').click();
    const afterFix = await page.getByTestId('sale-field-problem').allTextContents();
    expect(afterFix).toEqual(['不能大于单价 × 数量', '实付不能大于合计', '请选择支付方式']);
    await screenshot('sale-problems-amounts');
    expect(valueOf(await fixture.till.router.call('outbox:list', { kind: 'order-upload' })).entries).toHaveLength(0);

    await page.getByTestId('sale-line-discounted').fill('');
    await page.getByTestId('sale-paid').fill('45.50');
    await page.getByTestId('sale-pay-type').selectOption('2');
    await page.getByTestId('sale-submit').click();
    await page.getByTestId('sale-confirm').waitFor();
    expect(await page.getByTestId('sale-summary-member').textContent()).toBe(`张伟 · 139****0003 · ${silver.cardNo}`);
    expect(await page.getByTestId('sale-summary-pay-type').textContent()).toBe('微信');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="sale-result"][data-status="sent"]').waitFor();
    await screenshot('sale-card-sent');
    expect(await page.getByTestId('sale-result-order-no').textContent()).toBe(orderNo);
    expect(await page.getByTestId('sale-result-order-points').textContent()).toBe('45');
    expect(server.findMember(silver.cardNo)?.points).toBe(silver.points + 45);

    // Esc starts the next sale with a new order number.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="sale-screen"][data-phase="editing"]').waitFor();
    await page.locator('[data-testid="sale-order-no"]').waitFor();
    expect((await page.getByTestId('sale-order-no').textContent()) ?? '').not.toBe(orderNo);
    expect(pageErrors).toEqual([]);
  });
});
