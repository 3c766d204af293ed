import { afterEach, describe, expect, it } from 'vitest';
import { seedFixtures } from '../../main/training';
import { confirmPayment, enterAmount, scanMember, waitForConnection } from './harness/checkout';
import { launchTill, type LaunchedTill } from './harness/launch';

// A payment shown as 未扣款 that the server applies after the look-up horizon, in headless
// Chromium. The late check finds it in the member's transaction log, and the checkout screen
// alerts the cashier, who may have taken the money a second time.

const { gold } = seedFixtures.members;
const ORDER_NO = /^S001-T01-\d{14}-\d{4}$/;

/** The client's total timeout for one request, in ms. */
const CLIENT_TIMEOUT_MS = 500;
/** Margin after the timeout before a look-up may conclude "not charged", so the horizon is 700 ms. */
const SETTLE_DELAY_MS = 200;
/** The server applies the payment this long after the request arrived, well past the horizon. */
const APPLY_AFTER_MS = 1500;
/** Late checks run this long after the send started, all after the server applied the payment. */
const LATE_CHECK_DELAYS_MS = [2000, 3000, 4000];

describe('late charge alert in Chromium', () => {
  let till: LaunchedTill | null = null;

  afterEach(async () => {
    await till?.close();
    till = null;
  });

  it('alerts a payment charged after 未扣款', async () => {
    till = await launchTill({
      name: 'late-charge',
      till: {
        client: { connectTimeoutMs: 500, timeoutMs: CLIENT_TIMEOUT_MS, readRetries: 0, retryBaseDelayMs: 50 },
        settleDelayMs: SETTLE_DELAY_MS,
        lateCheck: { delaysMs: LATE_CHECK_DELAYS_MS },
      },
    });
    const { page, server, screenshot, pageErrors } = till;
    await waitForConnection(page, 'online');
    await screenshot('ready');

    await scanMember(till, gold.cardNo);
    await enterAmount(page, '10.00');
    await screenshot('confirm');

    // The client gives up after 500 ms and the look-up at 700 ms finds nothing, so the screen
    // shows 未扣款. The server applies the payment at 1500 ms anyway.
    await server.setFault({ kind: 'delay', ms: 0, applyAfterMs: APPLY_AFTER_MS }, { methods: ['paidConsumeByPro'], count: 1 });
    await confirmPayment(page);
    await page.locator('[data-testid="unknown-panel"][data-state="not-charged"]').waitFor();
    await screenshot('not-charged');

    const orderNo = (await page.getByTestId('unknown-order-no').textContent()) ?? '';
    expect(orderNo).toMatch(ORDER_NO);
    expect(await page.getByTestId('unknown-status').textContent()).toBe('未扣款');
    expect(await page.getByTestId('late-charges').count()).toBe(0);

    // 10.00 at the gold rate of 88 takes 8.80.
    const alert = page.locator(`[data-testid="late-charge"][data-order-no="${orderNo}"]`);
    await alert.waitFor({ timeout: 8000 });
    await screenshot('alert');
    const chineseText = `订单 ${orderNo} 曾判定为未扣款，但会员服务器稍后已扣款 ¥8.80。如已重新收款，请在“退款”中退还其中一笔。`;
    expect(await alert.textContent()).toBe(chineseText);
    expect(await page.getByTestId('late-charge').count()).toBe(1);
    expect(await page.getByTestId('late-charges').getAttribute('role')).toBe('alert');
    expect(server.countApplied(orderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);

    // The verdict on screen turns to 已扣款 with the log's figures, the offer to take the payment
    // again is gone, and the member panel shows the balance after the late charge.
    await page.locator('[data-testid="unknown-panel"][data-state="charged"]').waitFor();
    expect(await page.getByTestId('unknown-status').textContent()).toBe('已扣款');
    expect(await page.getByTestId('unknown-pay-again').count()).toBe(0);
    expect(await page.getByTestId('result-actual').getAttribute('data-fen')).toBe('880');
    await page.locator('[data-testid="member-balance"][data-fen="122576"]').waitFor();
    await page.locator('[data-testid="result-balance"][data-fen="122576"]').waitFor();
    await screenshot('verdict-charged');

    await page.getByTestId('nav-refund').click();
    const row = page.locator(`[data-testid="refund-payment"][data-order-no="${orderNo}"]`);
    await row.waitFor();
    await screenshot('refund-today');
    expect(await row.getAttribute('data-state')).toBe('refundable');
    // The row's amounts in column order: 原价, 实付, refunded, left to refund.
    const rowFen = await row.locator('[data-fen]').evaluateAll((elements) => elements.map((element) => Number(element.getAttribute('data-fen'))));
    expect(rowFen).toEqual([1000, 880, 0, 1000]);
    expect(await row.getByTestId('refund-payment-select').isDisabled()).toBe(false);

    await page.getByTestId('nav-checkout').click();
    await alert.waitFor();
    await screenshot('alert-after-switch');
    expect(await alert.textContent()).toBe(chineseText);

    await page.getByTestId('language-toggle').click();
    await page.getByTestId('language-toggle').and(page.locator('[data-language="en"]')).waitFor();
    await screenshot('alert-english');
    expect(await alert.textContent()).toBe(
      `Order ${orderNo} was shown as not charged, but the member server charged ¥8.80 later. If you took the payment again, refund one of the two under Refund.`,
    );

    expect(server.countApplied(orderNo)).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
