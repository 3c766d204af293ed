import type { Page } from 'playwright-core';
import type { LaunchedTill } from './launch';

// Steps of the checkout screen that several e2e tests share, done the way a cashier does them:
// from the keyboard, with the data-testid hooks of the renderer.

/** Waits until the header shows the given connection state ("online", "offline", "checking"). */
export async function waitForConnection(page: Page, state: 'online' | 'offline' | 'checking'): Promise<void> {
  await page.locator(`[data-testid="connection-state"][data-state="${state}"]`).waitFor();
}

/** Scans a card and waits for the member panel. */
export async function scanMember(till: LaunchedTill, code: string): Promise<void> {
  await till.scan(code);
  await till.page.getByTestId('member-panel').waitFor();
}

/** Types the amount and presses Enter, which opens the confirmation. */
export async function enterAmount(page: Page, yuanText: string): Promise<void> {
  await page.getByTestId('payment-amount-input').fill(yuanText);
  await page.getByTestId('payment-amount-input').press('Enter');
  await page.getByTestId('payment-confirm').waitFor();
}

/** Presses Enter on the confirmation, which sends the payment. */
export async function confirmPayment(page: Page): Promise<void> {
  await page.keyboard.press('Enter');
}

/** Reads a Money element's amount in fen from its data-fen attribute. */
export async function fenOf(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).getAttribute('data-fen');
  if (text === null) throw new Error(`${testId} has no data-fen attribute`);
  return Number(text);
}
