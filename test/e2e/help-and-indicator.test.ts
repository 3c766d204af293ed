import { afterEach, describe, expect, it } from 'vitest';
import type { IpcReply, OrderUploadReply, OrderUploadRequest } from '../../common/contract';
import { seedFixtures } from '../../main/training';
import { waitForConnection } from './harness/checkout';
import { launchTill, type LaunchedTill } from './harness/launch';

// The F1 key help and the header's outbox indicator in headless Chromium, against the real router
// and a training server on loopback. A screenshot is saved at every step.

const { gold } = seedFixtures.members;

/** Builds a sale of 30.00 for `memberPhone`; the training server rejects it when no member has that phone. */
function sale(orderNo: string, memberPhone: string): OrderUploadRequest {
  return {
    orderNo,
    memberPhone,
    totalFen: 3_000,
    paidFen: 3_000,
    payType: 1,
    goods: [{ goodsCode: '6901234567890', skuCode: '6901234567890-01', priceFen: 3_000, discountedPriceFen: 3_000, count: 1 }],
  };
}

function valueOf<T>(reply: IpcReply<T>): T {
  if (!reply.ok) throw new Error(`IPC call failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

describe('key help and outbox indicator in Chromium', () => {
  let till: LaunchedTill | null = null;

  afterEach(async () => {
    await till?.close();
    till = null;
  });

  async function start(name: string): Promise<LaunchedTill> {
    till = await launchTill({ name });
    await waitForConnection(till.page, 'online');
    return till;
  }

  it('F1 lists the keys of every screen', async () => {
    const { page, screenshot, pageErrors } = await start('help-every-screen');

    await page.keyboard.press('F1');
    await page.getByTestId('help-overlay').waitFor();
    await screenshot('help-zh');

    for (const section of ['general', 'checkout', 'refund', 'return', 'outbox', 'sale', 'settings']) {
      expect(await page.getByTestId(`help-section-${section}`).count(), section).toBe(1);
    }
    expect(await page.getByTestId('help-switch-checkout').textContent()).toBe('Ctrl+1：打开“收银”');
    expect(await page.getByTestId('help-switch-sale').textContent()).toBe('Ctrl+5：打开“销售上传”');
    expect(await page.getByTestId('help-switch-settings').textContent()).toBe('Ctrl+6：打开“设置”');
    expect(await page.getByTestId('help-section-sale').locator('h3').textContent()).toBe('销售上传（Ctrl+5）');
    const checkoutKeys = await page.getByTestId('help-section-checkout').locator('li').allTextContents();
    expect(checkoutKeys).toContain('支付成功后按 F4：上传这笔销售的积分');
    const saleKeys = await page.getByTestId('help-section-sale').locator('li').allTextContents();
    expect(saleKeys).toContain('输入 11 位手机号，或扫描会员卡后按 Enter 查询');
    expect(await page.getByTestId('help-section-settings').locator('h3').textContent()).toBe('设置（Ctrl+6）');
    expect(await page.getByTestId('help-section-settings').locator('li').allTextContents()).toEqual([
      'Tab 跳到下一栏，Shift+Tab 回到上一栏',
      '在任一栏按 Enter 保存设置',
      '“测试连接”按当前填写的内容连接会员服务器，不会保存',
      '切换培训模式或正式营业前，会先弹出确认框',
      '确认框里焦点先在“取消”上，按 Esc 放弃切换',
    ]);

    // While the help is open, Ctrl+5 does not switch screens behind it; Esc closes it.
    await page.keyboard.press('Control+5');
    expect(await page.getByTestId('screen-checkout').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('help-overlay').count()).toBe(0);

    await page.getByTestId('language-toggle').click();
    await page.keyboard.press('F1');
    await page.getByTestId('help-overlay').waitFor();
    await screenshot('help-en');
    expect(await page.getByTestId('help-switch-sale').textContent()).toBe('Ctrl+5 opens Sale upload');
    expect(await page.getByTestId('help-section-refund').locator('h3').textContent()).toBe('Refund (Ctrl+2)');
    expect(await page.getByTestId('help-section-settings').locator('h3').textContent()).toBe('Settings (Ctrl+6)');
    expect(await page.getByTestId('help-section-settings').locator('li').allTextContents()).toEqual([
      'Tab moves to the next field, Shift+Tab to the one before',
      'Enter in any field saves the settings',
      'Test connection checks the fields as entered, without saving them',
      'The mode button asks for confirmation before the till switches between training and live',
      'In that confirmation, Cancel has the focus and Esc cancels the switch',
    ]);
    await page.keyboard.press('F1');
    expect(await page.getByTestId('help-overlay').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('indicator shows entries needing a person', async () => {
    const launched = await start('indicator-needs-person');
    const { page, screenshot, pageErrors, fixture } = launched;
    const indicator = page.getByTestId('outbox-indicator');
    expect(await indicator.getAttribute('data-needs-person')).toBe('false');
    expect(await page.getByTestId('outbox-attention-count').count()).toBe(0);

    // No member has this phone, so the server rejects the upload and it needs attention.
    const newNumber = async () => valueOf(await fixture.till.router.call('order:new-number', undefined)).orderNo;
    const rejected = valueOf<OrderUploadReply>(await fixture.till.router.call('order:upload', sale(await newNumber(), '13800000000')));
    expect(rejected.status).toBe('needs-attention');
    // The server has this order already, so it responds 订单号重复 and the upload goes to review.
    const duplicate = sale(await newNumber(), gold.phone);
    await fixture.till.client.uploadOrder({ ...duplicate, memberPhone: gold.phone, createTime: new Date(), payTime: new Date() });
    const reviewed = valueOf<OrderUploadReply>(await fixture.till.router.call('order:upload', duplicate));
    expect(reviewed.status).toBe('needs-review');

    await page.locator('[data-testid="outbox-attention-count"][data-count="1"]').waitFor();
    await page.locator('[data-testid="outbox-review-count"][data-count="1"]').waitFor();
    await screenshot('indicator-red');
    expect(await page.getByTestId('outbox-attention-count').textContent()).toBe('需处理 1 笔');
    expect(await page.getByTestId('outbox-review-count').textContent()).toBe('待复核 1 笔');
    expect(await page.getByTestId('outbox-pending-count').textContent()).toBe('待同步 0');
    expect(await indicator.getAttribute('data-needs-person')).toBe('true');
    const badgeColour = await page.getByTestId('outbox-attention-count').evaluate((badge) => getComputedStyle(badge).backgroundColor);
    expect(badgeColour).toBe('rgb(248, 81, 73)');

    await indicator.click();
    await page.getByTestId('outbox-screen').waitFor();
    await page.locator('[data-testid="outbox-entry"]').nth(1).waitFor();
    await screenshot('outbox-opened');
    expect(await page.getByTestId('nav-outbox').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('outbox-summary').textContent()).toBe('待发送 0 笔 · 需处理 1 笔 · 待复核 1 笔');
    expect(pageErrors).toEqual([]);
  });
});
