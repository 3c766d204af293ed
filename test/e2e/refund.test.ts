import { afterEach, describe, expect, it } from 'vitest';
import type { IpcReply } from '../../common/contract';
import { seedFixtures } from '../../main/training';
import { createVipaxClient } from '../../main/vipax';
import { confirmPayment, enterAmount, fenOf, scanMember, waitForConnection } from './harness/checkout';
import { launchTill, type LaunchedTill } from './harness/launch';
import { waitFor } from './harness/wait';

// Stored-value refunds in headless Chromium: the real renderer build bridged to the real router
// and a training server on loopback. A screenshot is saved at every screen visited.

const { gold } = seedFixtures.members;
const ORDER_NO = /^S001-T01-\d{14}-\d{4}$/;
/** Returns a reply's value, or throws with the error so the test fails on its cause. */
function valueOf<T>(reply: IpcReply<T>): T {
  if (!reply.ok) throw new Error(`IPC call failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

/** Short outbox delays, so a queued refund goes out within a second of the server's return. */
const FAST_OUTBOX = { outboxRetryPolicy: { baseDelayMs: 200, maxDelayMs: 1000, lookUpDelayMs: 500 } };

describe('refund screen in Chromium', () => {
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

  /** Pays `yuanText` from the gold member's stored value at checkout and returns the order number. */
  async function payAtCheckout(launched: LaunchedTill, yuanText: string): Promise<string> {
    const { page } = launched;
    await page.getByTestId('nav-checkout').click();
    await scanMember(launched, gold.cardNo);
    await enterAmount(page, yuanText);
    await confirmPayment(page);
    await page.getByTestId('result-panel').waitFor();
    await launched.screenshot('checkout-paid');
    const orderNo = (await page.getByTestId('result-order-no').textContent()) ?? '';
    expect(orderNo).toMatch(ORDER_NO);
    return orderNo;
  }

  async function pendingCount(launched: LaunchedTill): Promise<number> {
    return Number(await launched.page.getByTestId('outbox-pending-count').getAttribute('data-count'));
  }

  it('offline refund is queued, then sent once', async () => {
    const launched = await start('refund-offline-from-today');
    const { page, server, screenshot, pageErrors } = launched;
    const paymentOrderNo = await payAtCheckout(launched, '10.00');
    // 10.00 at the gold rate of 88 took 8.80.
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);

    await server.setFault({ kind: 'refuse-connections' });
    await waitForConnection(page, 'offline');

    await page.keyboard.press('Control+2');
    const row = page.locator(`[data-testid="refund-payment"][data-order-no="${paymentOrderNo}"]`);
    await row.waitFor();
    await screenshot('today-list-offline');
    expect(await row.getAttribute('data-state')).toBe('refundable');
    expect(Number(await row.getByTestId('refund-payment-remaining').getAttribute('data-fen'))).toBe(1000);
    expect(Number(await row.getByTestId('refund-payment-refunded').getAttribute('data-fen'))).toBe(0);

    await row.getByTestId('refund-payment-select').click();
    await page.getByTestId('refund-form').waitFor();
    expect(await page.getByTestId('refund-original-order-no').textContent()).toBe(paymentOrderNo);
    expect(await fenOf(page, 'refund-remaining')).toBe(1000);
    await screenshot('refund-form');

    // Refund all is the default: Enter opens the confirmation, Enter again confirms.
    await page.keyboard.press('Enter');
    await page.getByTestId('refund-confirm').waitFor();
    expect(await page.getByTestId('refund-confirm-question').textContent()).toContain('¥10.00');
    await screenshot('refund-confirm');
    await page.keyboard.press('Enter');

    const result = page.locator('[data-testid="refund-result"][data-status="queued"]');
    await result.waitFor();
    await page.locator('[data-testid="outbox-pending-count"][data-count="1"]').waitFor();
    await screenshot('refund-queued');
    expect(await page.getByTestId('submission-status').textContent()).toBe('待同步');
    expect(await page.getByTestId('submission-explain').textContent()).toContain('连接恢复后会自动发送');
    expect(await page.getByTestId('outbox-pending-count').textContent()).toBe('待同步 1 笔');
    expect(await page.getByTestId('outbox-oldest-age').textContent()).toMatch(/^最早 \d+ 秒前$/);
    const refundOrderNo = (await page.getByTestId('refund-result-order-no').textContent()) ?? '';
    expect(refundOrderNo).toMatch(ORDER_NO);
    expect(refundOrderNo).not.toBe(paymentOrderNo);
    expect(await fenOf(page, 'refund-result-amount')).toBe(1000);
    expect(await fenOf(page, 'refund-result-remaining')).toBe(0);
    expect(server.countApplied(refundOrderNo)).toBe(0);

    await server.setFault(null);
    await page.locator('[data-testid="outbox-pending-count"][data-count="0"]').waitFor({ timeout: 15_000 });
    await waitForConnection(page, 'online');
    await screenshot('refund-sent-by-itself');
    expect(server.countApplied(refundOrderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456);

    await page.keyboard.press('Control+4');
    const entry = page.locator(`[data-testid="outbox-entry"][data-order-no="${refundOrderNo}"]`);
    await entry.locator('[data-testid="outbox-entry-state"]', { hasText: '已发送' }).waitFor();
    await screenshot('outbox-sent');
    expect(await entry.getAttribute('data-kind')).toBe('refund');
    expect(Number(await entry.getByTestId('outbox-entry-amount').getAttribute('data-fen'))).toBe(1000);
    // Sends that met the refused connection count as attempts; exactly one was applied.
    const attemptCount = Number(await entry.getByTestId('outbox-entry-attempts').textContent());
    expect(attemptCount).toBeGreaterThanOrEqual(2);
    await entry.getByTestId('outbox-details').click();
    await entry.getByTestId('outbox-entry-details').waitFor();
    await screenshot('outbox-sent-details');
    expect(await entry.locator('[data-testid="outbox-attempt"][data-outcome="applied"]').count()).toBe(1);
    expect(await entry.locator('[data-testid="outbox-attempt"][data-outcome="network"]').count()).toBe(attemptCount - 1);

    // The balance as the server reports it now, read again through the checkout screen.
    await page.keyboard.press('Control+1');
    await page.getByTestId('member-search-input').fill(gold.cardNo);
    await page.getByTestId('member-search-input').press('Enter');
    await page.locator('[data-testid="member-balance"][data-fen="123456"]').waitFor();
    await screenshot('balance-reread');

    // Nothing goes out a second time later.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.countApplied(refundOrderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456);

    // The refund screen still shows the result; Esc returns to today's list.
    await page.keyboard.press('Control+2');
    await page.getByTestId('refund-result').waitFor();
    await page.keyboard.press('Escape');
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('fully-refunded');
    expect(await row.getByTestId('refund-payment-select').isDisabled()).toBe(true);
    await screenshot('today-list-refunded');
    expect(pageErrors).toEqual([]);
  });

  it('over-refund rejected on screen and by main', async () => {
    const launched = await start('refund-over-refund');
    const { page, server, screenshot, fixture, pageErrors } = launched;
    const paymentOrderNo = await payAtCheckout(launched, '10.00');

    // A scan of the receipt's order number on the refund screen opens that payment.
    await page.keyboard.press('Control+2');
    await page.getByTestId('refund-list').waitFor();
    await launched.scan(paymentOrderNo);
    await page.getByTestId('refund-form').waitFor();
    expect(await page.getByTestId('refund-original-order-no').textContent()).toBe(paymentOrderNo);

    await page.getByTestId('refund-mode-part').check();
    await page.getByTestId('refund-amount-input').fill('10.01');
    await page.getByTestId('refund-amount-input').press('Enter');
    const problem = page.getByTestId('refund-problem');
    await problem.waitFor();
    await screenshot('over-refund-on-screen');
    expect(await problem.getAttribute('data-problem')).toBe('over-refund');
    expect(await problem.textContent()).toBe('退款金额 ¥10.01 超过了可退金额 ¥10.00，请减少金额。');
    expect(await page.getByTestId('refund-confirm').count()).toBe(0);
    expect(await page.getByTestId('refund-submit').isDisabled()).toBe(true);

    // Another refund of 4.00 is written while this form still shows 10.00 as left.
    const other = await fixture.till.router.call('refund:create', { originalOrderNo: paymentOrderNo, amountFen: 400 });
    expect(valueOf(other).status).toBe('sent');
    const entriesBefore = await fixture.till.router.call('outbox:list', undefined);
    expect(valueOf(entriesBefore).entries).toHaveLength(1);

    await page.getByTestId('refund-mode-all').check();
    await page.getByTestId('refund-mode-all').press('Enter');
    await page.getByTestId('refund-confirm').waitFor();
    await page.keyboard.press('Enter');
    const error = page.getByTestId('refund-error');
    await error.waitFor();
    await page.locator('[data-testid="refund-error"]', { hasText: '只剩 ¥6.00' }).waitFor();
    await screenshot('over-refund-by-main');
    expect(await error.getAttribute('data-error-code')).toBe('over-refund');
    expect(await error.textContent()).toBe(
      '退款金额 ¥10.00 超过了可退金额。这笔支付现在只剩 ¥6.00 可退（可能刚有另一笔退款已登记），请修改金额。',
    );
    const entriesAfter = await fixture.till.router.call('outbox:list', undefined);
    expect(valueOf(entriesAfter).entries).toHaveLength(1);
    expect(await pendingCount(launched)).toBe(0);

    // Back to the amount, which now shows what is left, and refund that part online.
    await page.keyboard.press('Escape');
    await page.getByTestId('refund-form').waitFor();
    expect(await fenOf(page, 'refund-remaining')).toBe(600);
    await page.getByTestId('refund-mode-part').check();
    await page.getByTestId('refund-amount-input').fill('6');
    await page.getByTestId('refund-amount-input').press('Enter');
    await page.getByTestId('refund-confirm').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="refund-result"][data-status="sent"]').waitFor();
    await screenshot('partial-refund-sent');

    const refundOrderNo = (await page.getByTestId('refund-result-order-no').textContent()) ?? '';
    expect(await page.getByTestId('submission-status').textContent()).toBe('已发送');
    expect(await fenOf(page, 'refund-result-amount')).toBe(600);
    expect(await page.getByTestId('refund-result-rate').textContent()).toBe('8.8折');
    // 4.00 gave back 3.52; the running share of 10.00 gives back 8.80 in all, so 5.28 now.
    expect(await fenOf(page, 'refund-result-returned')).toBe(528);
    expect(await fenOf(page, 'refund-result-remaining')).toBe(0);
    expect(server.countApplied(refundOrderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456);
    expect(pageErrors).toEqual([]);
  });

  it('payment of another till refunded from the log', async () => {
    const launched = await start('refund-from-member-log');
    const { page, server, screenshot, pageErrors } = launched;

    // Till T02 took 20.00 from the gold member (17.60 at rate 88), so this till's journal has no record of it.
    const otherTillOrderNo = 'S001-T02-20261204090000-0001';
    const otherTill = createVipaxClient({ url: server.url, appid: server.appid, secret: server.secret, storeCode: server.storeCode });
    await otherTill.paidConsumeByPro({ memberNo: gold.customerId, orderNo: otherTillOrderNo, priceFen: 2000 });
    otherTill.close();
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 1760);

    await page.keyboard.press('Control+2');
    await page.getByTestId('refund-list-empty').waitFor();
    // A scanned member card (not an order number) reads that member's log.
    await launched.scan(gold.cardNo);
    const row = page.locator(`[data-testid="refund-member-log"] [data-testid="refund-payment"][data-order-no="${otherTillOrderNo}"]`);
    await row.waitFor();
    await screenshot('member-log');
    expect(await page.getByTestId('refund-log-for').textContent()).toBe(`王建国（${gold.cardNo}）近 30 天的门店储值支付`);
    // The log records only 实付; 原价 is worked out from the member's rate: 17.60 / 0.88.
    expect(Number(await row.getByTestId('refund-payment-remaining').getAttribute('data-fen'))).toBe(2000);

    await row.getByTestId('refund-payment-select').click();
    await page.getByTestId('refund-mode-part').check();
    await page.getByTestId('refund-amount-input').fill('5');
    await screenshot('log-refund-form');
    await page.getByTestId('refund-amount-input').press('Enter');
    await page.getByTestId('refund-confirm').waitFor();
    await page.keyboard.press('Enter');

    await page.locator('[data-testid="refund-result"][data-status="sent"]').waitFor();
    await screenshot('log-refund-sent');
    const refundOrderNo = (await page.getByTestId('refund-result-order-no').textContent()) ?? '';
    expect(await fenOf(page, 'refund-result-returned')).toBe(440);
    expect(await fenOf(page, 'refund-result-remaining')).toBe(1500);
    expect(server.countApplied(refundOrderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 1760 + 440);

    // The log is read again, so the row shows what is left.
    await page.keyboard.press('Escape');
    await row.locator('[data-testid="refund-payment-remaining"][data-fen="1500"]').waitFor();
    expect(await row.getAttribute('data-state')).toBe('partly-refunded');

    // A card number longer than the server accepts is reported, and nothing is looked up: the
    // log of the member shown before stays loaded.
    await page.getByTestId('refund-log-input').fill('C'.repeat(33));
    await page.getByTestId('refund-log-submit').click();
    expect(await page.getByTestId('refund-log-too-long').textContent()).toBe('卡号不能超过 32 个字符，请检查后重新扫描或输入。');
    await screenshot('log-card-too-long');
    expect(await page.getByTestId('refund-member-log').getAttribute('data-phase')).toBe('loaded');
    expect(pageErrors).toEqual([]);
  });

  it('refund button in view at 1024×700 in English', async () => {
    till = await launchTill({ name: 'refund-table-1024-english', till: FAST_OUTBOX, viewport: { width: 1024, height: 700 } });
    await waitForConnection(till.page, 'online');
    const { page, screenshot } = till;
    const orderNo = await payAtCheckout(till, '10.00');

    await page.getByTestId('language-toggle').click();
    await page.getByTestId('language-toggle').and(page.locator('[data-language="en"]')).waitFor();
    await page.getByTestId('nav-refund').click();
    const row = page.locator(`[data-testid="refund-payment"][data-order-no="${orderNo}"]`);
    await row.waitFor();
    await screenshot('refund-list-english');

    const button = row.getByTestId('refund-payment-select');
    expect(await button.textContent()).toBe('Refund');
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
    expect(box!.y + box!.height).toBeLessThanOrEqual(700);

    // The table's scroll box must not scroll sideways, or part of the button hides behind its edge.
    const [scrollWidth, clientWidth] = await page
      .getByTestId('refund-list')
      .locator('.table-scroll')
      .evaluate((element) => [element.scrollWidth, element.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });
});
