import { afterEach, describe, expect, it } from 'vitest';
import { seedFixtures } from '../../main/training';
import { launchTill, type LaunchedTill } from './harness/launch';

// The cashier's main flow in headless Chromium: the real renderer build, its window.till bridged
// to the real router, and a real training server behind it.

const { gold } = seedFixtures.members;

describe('checkout in Chromium', () => {
  let till: LaunchedTill | null = null;

  afterEach(async () => {
    await till?.close();
    till = null;
  });

  it('scan, pay and show the server figures', async () => {
    till = await launchTill({ name: 'scan-pay-result' });
    const { page } = till;
    await page.getByTestId('connection-state').and(page.locator('[data-state="online"]')).waitFor();
    await till.screenshot('ready');

    await till.scan(gold.cardNo);
    await page.getByTestId('member-panel').waitFor();
    await till.screenshot('member-shown');

    expect(await page.getByTestId('member-name').textContent()).toBe('王建国');
    expect(await page.getByTestId('member-phone').textContent()).toBe('139****0001');
    expect(await page.getByTestId('member-balance').getAttribute('data-fen')).toBe('123456');

    await page.getByTestId('payment-amount-input').fill('10.01');
    expect(await page.getByTestId('preview-actual').getAttribute('data-fen')).toBe('881');
    await till.screenshot('preview');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-confirm').waitFor();
    await till.screenshot('confirm');
    await page.keyboard.press('Enter');

    await page.getByTestId('result-panel').waitFor();
    await till.screenshot('result');
    const orderNo = await page.getByTestId('result-order-no').textContent();
    expect(orderNo).toMatch(/^S001-T01-\d{14}-\d{4}$/);
    expect(await page.getByTestId('result-original').getAttribute('data-fen')).toBe('1001');
    expect(await page.getByTestId('result-actual').getAttribute('data-fen')).toBe('881');
    expect(await page.getByTestId('result-discount').getAttribute('data-fen')).toBe('120');
    expect(await page.getByTestId('result-balance').getAttribute('data-fen')).toBe('122575');
    expect(await page.getByTestId('result-rate').textContent()).toBe('8.8折');
    expect(till.server.countApplied(orderNo ?? '')).toBe(1);
    expect(till.pageErrors).toEqual([]);
  });
});
