import { afterEach, describe, expect, it } from 'vitest';
import type { IpcReply, OrderUploadRequest } from '../../common/contract';
import { seedFixtures } from '../../main/training';
import { waitForConnection } from './harness/checkout';
import { launchTill, type LaunchedTill } from './harness/launch';

// The outbox screen (待同步) in headless Chromium: the real renderer build bridged to the real
// router and a training server on loopback. A screenshot is saved at every screen visited.

const { gold } = seedFixtures.members;
/** Short outbox delays, so retries and look-ups happen within a second. */
const FAST_OUTBOX = { outboxRetryPolicy: { baseDelayMs: 200, maxDelayMs: 1000, lookUpDelayMs: 500 } };

/** A sale of 120.00 for the gold member, which earns 120 points. */
const SALE: Omit<OrderUploadRequest, 'orderNo'> = {
  memberPhone: gold.phone,
  totalFen: 12_000,
  paidFen: 12_000,
  payType: 3,
  goods: [{ goodsCode: '6901234567890', skuCode: '6901234567890-01', priceFen: 12_000, discountedPriceFen: 12_000, count: 1 }],
};

/** Returns a reply's value, or throws with the error so the test fails on its cause. */
function valueOf<T>(reply: IpcReply<T>): T {
  if (!reply.ok) throw new Error(`IPC call failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

describe('outbox screen in Chromium', () => {
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

  it('rejected return is retried, then cancelled', async () => {
    const launched = await start('outbox-rejected-cancelled');
    const { page, server, screenshot, pageErrors } = launched;

    // A return of a sale the server does not know is rejected with the server's message.
    await page.keyboard.press('Control+3');
    await page.getByTestId('return-order-no').fill('S001-T09-20261204000000-9999');
    await page.getByTestId('return-member').fill(gold.cardNo);
    const line = page.getByTestId('return-line').first();
    await line.getByTestId('return-line-goodsCode').fill('6901234567890');
    await line.getByTestId('return-line-skuCode').fill('6901234567890-01');
    await line.getByTestId('return-line-amount').fill('30');
    await page.getByTestId('return-submit').click();
    await page.getByTestId('return-confirm').waitFor();
    await page.keyboard.press('Enter');

    await page.locator('[data-testid="return-result"][data-status="needs-attention"]').waitFor();
    await screenshot('return-rejected');
    expect(await page.getByTestId('submission-status').textContent()).toBe('需处理');
    expect(await page.getByTestId('submission-explain').textContent()).toContain('原订单不存在：S001-T09-20261204000000-9999');
    const returnOrderNo = (await page.getByTestId('return-result-order-no').textContent()) ?? '';

    await page.getByTestId('submission-open-outbox').click();
    const entry = page.locator(`[data-testid="outbox-entry"][data-order-no="${returnOrderNo}"]`);
    await entry.waitFor();
    await screenshot('outbox-needs-attention');
    expect(await entry.getAttribute('data-state')).toBe('needs-attention');
    expect(await entry.getAttribute('data-kind')).toBe('return');
    expect(await entry.getByTestId('outbox-entry-state').textContent()).toBe('需处理');
    expect(await entry.getByTestId('outbox-entry-error').textContent()).toBe('会员服务器拒绝：原订单不存在：S001-T09-20261204000000-9999');
    expect(Number(await entry.getByTestId('outbox-entry-amount').getAttribute('data-fen'))).toBe(3000);
    expect(await entry.getByTestId('outbox-entry-attempts').textContent()).toBe('1');
    expect(await page.getByTestId('outbox-summary').textContent()).toBe('待发送 0 笔 · 需处理 1 笔 · 待复核 0 笔');
    expect(await page.getByTestId('outbox-pending-count').getAttribute('data-count')).toBe('0');

    // Sending again meets the same rejection.
    await entry.getByTestId('outbox-retry').click();
    await entry.locator('[data-testid="outbox-entry-attempts"]', { hasText: '2' }).waitFor();
    await page.locator(`[data-testid="outbox-entry"][data-order-no="${returnOrderNo}"][data-state="needs-attention"]`).waitFor();
    expect(server.countApplied(returnOrderNo)).toBe(0);

    // A cancel needs a written reason.
    await entry.getByTestId('outbox-cancel').click();
    await entry.getByTestId('outbox-cancel-form-submit').click();
    await entry.getByTestId('outbox-cancel-form-missing').waitFor();
    await screenshot('cancel-reason-missing');
    expect(await entry.getByTestId('outbox-cancel-form-missing').textContent()).toBe('请填写取消原因。');
    expect(await entry.getAttribute('data-state')).toBe('needs-attention');

    await entry.getByTestId('outbox-cancel-form-text').fill('原订单号填错，已重新登记');
    await entry.getByTestId('outbox-cancel-form-submit').click();
    await page.locator(`[data-testid="outbox-entry"][data-order-no="${returnOrderNo}"][data-state="cancelled"]`).waitFor();
    await screenshot('cancelled');
    expect(await entry.getByTestId('outbox-entry-state').textContent()).toBe('已取消');
    expect(await entry.getByTestId('outbox-entry-note').textContent()).toBe('取消原因：原订单号填错，已重新登记');
    expect(await entry.getByTestId('outbox-retry').count()).toBe(0);
    expect(await entry.getByTestId('outbox-cancel').count()).toBe(0);

    // Nothing disappears: the cancelled entry is listed under its state and under all.
    await page.getByTestId('outbox-filter-sent').click();
    await page.getByTestId('outbox-empty').waitFor();
    await screenshot('filter-sent-empty');
    await page.getByTestId('outbox-filter-cancelled').click();
    await entry.waitFor();
    expect(await page.getByTestId('outbox-entry').count()).toBe(1);
    await page.getByTestId('outbox-filter-all').click();
    await entry.waitFor();

    await page.getByTestId('language-toggle').click();
    await entry.locator('[data-testid="outbox-entry-state"]', { hasText: 'Cancelled' }).waitFor();
    await screenshot('cancelled-english');
    expect(await entry.getByTestId('outbox-entry-note').textContent()).toBe('Cancelled because: 原订单号填错，已重新登记');
    expect(server.countApplied(returnOrderNo)).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('duplicate answer is reviewed and confirmed', async () => {
    const launched = await start('outbox-review-confirmed');
    const { page, server, screenshot, fixture, pageErrors } = launched;
    const { orderNo: saleOrderNo } = valueOf(await fixture.till.router.call('order:new-number', undefined));
    valueOf(await fixture.till.router.call('order:upload', { ...SALE, orderNo: saleOrderNo }));
    const pointsAfterSale = server.findMember(gold.cardNo)?.points;
    expect(pointsAfterSale).toBe(gold.points + 120);

    await page.keyboard.press('Control+4');
    await page.getByTestId('outbox-screen').waitFor();

    // The server applies the return but its response is lost. The resend with the same return
    // order number gets "退单号重复" back, which a person must review.
    await server.setFault({ kind: 'drop-after-apply' }, { methods: ['offLineReturnUpload'], count: 1 });
    const created = valueOf(
      await fixture.till.router.call('return:create', {
        originalOrderNo: saleOrderNo,
        memberCardNo: gold.cardNo,
        returnPoints: true,
        goods: [{ goodsCode: '6901234567890', skuCode: '6901234567890-01', amountFen: 12_000, count: 1 }],
      }),
    );
    expect(created.status).toBe('queued');
    const returnOrderNo = created.entry.orderNo;

    // The list follows the entry by itself, without a reload.
    const entry = page.locator(`[data-testid="outbox-entry"][data-order-no="${returnOrderNo}"]`);
    await page.locator(`[data-testid="outbox-entry"][data-order-no="${returnOrderNo}"][data-state="needs-review"]`).waitFor({ timeout: 15_000 });
    await screenshot('needs-review');
    expect(await entry.getByTestId('outbox-entry-state').textContent()).toBe('待复核');
    expect(await entry.getByTestId('outbox-entry-error').textContent()).toBe('会员服务器拒绝：退单号重复');
    expect(await entry.getByTestId('outbox-entry-note').textContent()).toBe(
      '需要人工核实：请在 VIPax 后台确认是否已入账，然后标为已发送或取消。',
    );
    expect(await page.getByTestId('outbox-summary').textContent()).toBe('待发送 0 笔 · 需处理 0 笔 · 待复核 1 笔');
    expect(await entry.getByTestId('outbox-retry').count()).toBe(0);
    expect(server.countApplied(returnOrderNo)).toBe(1);

    await entry.getByTestId('outbox-details').click();
    await entry.getByTestId('outbox-entry-details').waitFor();
    await entry.locator('[data-testid="outbox-attempt"][data-outcome="duplicate"]').waitFor();
    await screenshot('needs-review-details');
    expect(await entry.locator('[data-testid="outbox-attempt"][data-outcome="duplicate"]').textContent()).toContain('退单号重复');

    await entry.getByTestId('outbox-confirm-sent').click();
    await entry.getByTestId('outbox-confirm-form-text').fill('已在 VIPax 后台核实：退货只入账一次');
    await entry.getByTestId('outbox-confirm-form-submit').click();
    await page.locator(`[data-testid="outbox-entry"][data-order-no="${returnOrderNo}"][data-state="sent"]`).waitFor();
    await screenshot('confirmed-sent');
    expect(await entry.getByTestId('outbox-entry-note').textContent()).toBe('核实情况：已在 VIPax 后台核实：退货只入账一次');
    expect(server.countApplied(returnOrderNo)).toBe(1);
    // The return was applied once, so the 120 points of the sale were taken back once.
    expect(server.findMember(gold.cardNo)?.points).toBe(gold.points);
    expect(pageErrors).toEqual([]);
  });
});
