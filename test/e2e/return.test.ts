import { afterEach, describe, expect, it } from 'vitest';
import type { IpcReply, OrderUploadRequest } from '../../common/contract';
import { seedFixtures } from '../../main/training';
import { fenOf, waitForConnection } from './harness/checkout';
import { launchTill, type LaunchedTill } from './harness/launch';

// Returns of goods (退货) in headless Chromium: the real renderer build bridged to the real router
// and a training server on loopback. A screenshot is saved at every screen visited.

const { gold } = seedFixtures.members;
const ORDER_NO = /^S001-T01-\d{14}-\d{4}$/;
/** Short outbox delays, so a queued return goes out within a second of the server's return. */
const FAST_OUTBOX = { outboxRetryPolicy: { baseDelayMs: 200, maxDelayMs: 1000, lookUpDelayMs: 500 } };

/** A sale of two lines for the gold member: 250.00 paid, which earns 250 points. Its order number comes from order:new-number. */
const SALE: Omit<OrderUploadRequest, 'orderNo'> = {
  memberPhone: gold.phone,
  totalFen: 25_000,
  paidFen: 25_000,
  payType: 3,
  goods: [
    { goodsCode: '6901234567890', skuCode: '6901234567890-01', priceFen: 10_000, discountedPriceFen: 10_000, count: 1 },
    { goodsCode: '6909876543210', skuCode: '6909876543210-02', priceFen: 7_500, discountedPriceFen: 15_000, count: 2 },
  ],
};

/** Returns a reply's value, or throws with the error so the test fails on its cause. */
function valueOf<T>(reply: IpcReply<T>): T {
  if (!reply.ok) throw new Error(`IPC call failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

describe('return screen in Chromium', () => {
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

  /** Uploads SALE under a new order number and returns that number and the member's points after it. */
  async function uploadSale(launched: LaunchedTill): Promise<{ orderNo: string; pointsAfterSale: number }> {
    const { orderNo } = valueOf(await launched.fixture.till.router.call('order:new-number', undefined));
    const upload = valueOf(await launched.fixture.till.router.call('order:upload', { ...SALE, orderNo }));
    expect(upload.entry.state).toBe('sent');
    expect(launched.server.countApplied(orderNo)).toBe(1);
    const points = launched.server.findMember(gold.cardNo)?.points;
    expect(points).toBe(gold.points + 250);
    return { orderNo, pointsAfterSale: points ?? Number.NaN };
  }

  /** Fills one goods line of the return form. */
  async function fillLine(launched: LaunchedTill, index: number, line: { goods: string; sku: string; count: string; yuan: string }) {
    const row = launched.page.getByTestId('return-line').nth(index);
    await row.getByTestId('return-line-goodsCode').fill(line.goods);
    await row.getByTestId('return-line-skuCode').fill(line.sku);
    await row.getByTestId('return-line-count').fill(line.count);
    await row.getByTestId('return-line-amount').fill(line.yuan);
  }

  it('return takes back the sale points', async () => {
    const launched = await start('return-with-points');
    const { page, server, screenshot, pageErrors } = launched;
    const { orderNo: saleOrderNo, pointsAfterSale } = await uploadSale(launched);

    await page.keyboard.press('Control+3');
    await page.getByTestId('return-form').waitFor();
    await screenshot('empty-form');

    // A scanner types the order number and Enter, which moves on to the member field.
    await launched.scan(saleOrderNo);
    expect(await page.getByTestId('return-order-no').inputValue()).toBe(saleOrderNo);
    expect(await page.getByTestId('return-member').evaluate((field) => field === document.activeElement)).toBe(true);
    await page.getByTestId('return-member').fill(gold.cardNo);

    await fillLine(launched, 0, { goods: '6901234567890', sku: '6901234567890-01', count: '1', yuan: '100' });
    await page.getByTestId('return-add-line').click();
    await fillLine(launched, 1, { goods: '6909876543210', sku: '6909876543210-02', count: '2', yuan: '150.00' });
    expect(await page.getByTestId('return-points').isChecked()).toBe(true);
    expect(await fenOf(page, 'return-total')).toBe(25_000);
    await screenshot('filled-form');

    await page.getByTestId('return-remark').press('Enter');
    await page.getByTestId('return-confirm').waitFor();
    expect(await page.getByTestId('return-summary-order-no').textContent()).toBe(saleOrderNo);
    expect(await page.getByTestId('return-summary-member').textContent()).toBe(gold.cardNo);
    expect(await page.getByTestId('return-summary-points').textContent()).toBe('扣回原订单所得积分');
    expect(await fenOf(page, 'return-summary-total')).toBe(25_000);
    await screenshot('confirm');

    await page.keyboard.press('Enter');
    await page.locator('[data-testid="return-result"][data-status="sent"]').waitFor();
    await screenshot('sent');
    expect(await page.getByTestId('submission-status').textContent()).toBe('已发送');
    const returnOrderNo = (await page.getByTestId('return-result-order-no').textContent()) ?? '';
    expect(returnOrderNo).toMatch(ORDER_NO);
    expect(server.countApplied(returnOrderNo)).toBe(1);
    // The whole sale came back, so all 250 points it earned are taken back.
    expect(server.findMember(gold.cardNo)?.points).toBe(pointsAfterSale - 250);

    // Esc starts an empty return.
    await page.keyboard.press('Escape');
    await page.getByTestId('return-form').waitFor();
    expect(await page.getByTestId('return-order-no').inputValue()).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('offline return is queued, then sent', async () => {
    const launched = await start('return-offline');
    const { page, server, screenshot, pageErrors } = launched;
    const { orderNo: saleOrderNo, pointsAfterSale } = await uploadSale(launched);

    await server.setFault({ kind: 'refuse-connections' });
    await waitForConnection(page, 'offline');

    await page.keyboard.press('Control+3');
    await page.getByTestId('return-order-no').fill(saleOrderNo);
    // An 11-digit mobile number finds the member by phone.
    await page.getByTestId('return-member').fill(gold.phone);
    await fillLine(launched, 0, { goods: '6909876543210', sku: '6909876543210-02', count: '1', yuan: '75' });
    await page.getByTestId('return-points').uncheck();
    await page.getByTestId('return-submit').click();
    await page.getByTestId('return-confirm').waitFor();
    expect(await page.getByTestId('return-summary-member').textContent()).toBe('139****0001');
    expect(await page.getByTestId('return-summary-points').textContent()).toBe('不扣回积分');
    await screenshot('confirm-offline');
    await page.keyboard.press('Enter');

    await page.locator('[data-testid="return-result"][data-status="queued"]').waitFor();
    await page.locator('[data-testid="outbox-pending-count"][data-count="1"]').waitFor();
    await screenshot('queued');
    expect(await page.getByTestId('submission-status').textContent()).toBe('待同步');
    const returnOrderNo = (await page.getByTestId('return-result-order-no').textContent()) ?? '';
    expect(server.countApplied(returnOrderNo)).toBe(0);

    await server.setFault(null);
    await page.locator('[data-testid="outbox-pending-count"][data-count="0"]').waitFor({ timeout: 15_000 });
    await screenshot('sent-by-itself');
    expect(server.countApplied(returnOrderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.points).toBe(pointsAfterSale);
    expect(pageErrors).toEqual([]);
  });

  it('invalid fields are marked, nothing written', async () => {
    const launched = await start('return-invalid');
    const { page, fixture, screenshot } = launched;

    await page.keyboard.press('Control+3');
    await page.getByTestId('return-form').waitFor();
    await fillLine(launched, 0, { goods: '6901234567890', sku: '', count: '0', yuan: '12.345' });
    await page.getByTestId('return-submit').click();

    await page.getByTestId('return-problem').waitFor();
    await screenshot('problems');
    expect(await page.getByTestId('return-problem').textContent()).toBe('有栏目未填或填写有误，请按标红的提示修改。');
    expect(await page.getByTestId('return-order-no').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('return-member').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('return-line-goodsCode').getAttribute('aria-invalid')).toBe('false');
    expect(await page.getByTestId('return-line-skuCode').getAttribute('aria-invalid')).toBe('true');
    const problems = await page.getByTestId('return-field-problem').allTextContents();
    expect(problems).toEqual(['必填', '必填', '必填', '数量须为正整数', '金额最多保留两位小数。']);
    expect(await page.getByTestId('return-confirm').count()).toBe(0);
    expect(valueOf(await fixture.till.router.call('outbox:list', undefined)).entries).toHaveLength(0);
  });
});
