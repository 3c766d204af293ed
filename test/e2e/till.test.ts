import { afterEach, describe, expect, it } from 'vitest';
import { seedFixtures } from '../../main/training';
import { createVipaxClient } from '../../main/vipax';
import { confirmPayment, enterAmount, fenOf, scanMember, waitForConnection } from './harness/checkout';
import { launchTill, type LaunchedTill } from './harness/launch';

// The cashier's flows in headless Chromium: the real renderer build, its window.till bridged to
// the real router, and a real training server behind it. Each test saves a screenshot per step.

const { gold, frozen, lowBalance, sharedPhoneSecond } = seedFixtures.members;
const ORDER_NO = /^S001-T01-\d{14}-\d{4}$/;

describe('checkout in Chromium', () => {
  let till: LaunchedTill | null = null;

  afterEach(async () => {
    await till?.close();
    till = null;
  });

  async function start(name: string): Promise<LaunchedTill> {
    till = await launchTill({ name });
    await waitForConnection(till.page, 'online');
    await till.screenshot('ready');
    return till;
  }

  it('scan, pay and show the server figures', async () => {
    const { page, server, screenshot, pageErrors } = await start('scan-pay-result');

    await scanMember(till!, gold.cardNo);
    await screenshot('member-shown');
    expect(await page.getByTestId('member-name').textContent()).toBe('王建国');
    expect(await page.getByTestId('member-phone').textContent()).toBe('139****0001');
    expect(await fenOf(page, 'member-balance')).toBe(123_456);
    expect(await page.getByTestId('mode-banner').getAttribute('data-mode')).toBe('training');

    // Keyboard only, as at a till: the amount box has focus once the member is shown. A cashier
    // types far slower than a scanner, which is how the till tells the two apart.
    await page.keyboard.type('10.01', { delay: 120 });
    expect(await page.getByTestId('payment-amount-input').inputValue()).toBe('10.01');
    expect(await fenOf(page, 'preview-actual')).toBe(881);
    await screenshot('preview');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-confirm').waitFor();
    await screenshot('confirm');
    await page.keyboard.press('Enter');

    await page.getByTestId('result-panel').waitFor();
    await screenshot('result');
    const orderNo = (await page.getByTestId('result-order-no').textContent()) ?? '';
    expect(orderNo).toMatch(ORDER_NO);
    expect(await fenOf(page, 'result-original')).toBe(1001);
    expect(await page.getByTestId('result-rate').textContent()).toBe('8.8折');
    expect(await fenOf(page, 'result-discount')).toBe(120);
    expect(await fenOf(page, 'result-actual')).toBe(881);
    expect(await fenOf(page, 'result-balance')).toBe(122_575);
    expect(server.countApplied(orderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(122_575);

    await page.keyboard.press('Escape');
    await page.getByTestId('result-panel').waitFor({ state: 'detached' });
    await screenshot('next-customer');
    expect(pageErrors).toEqual([]);
  });

  it('pressing Enter twice charges once', async () => {
    const { page, server, screenshot } = await start('double-enter');
    await scanMember(till!, gold.cardNo);
    await server.setFault({ kind: 'delay', ms: 800 }, { methods: ['paidConsumeByPro'], count: 1 });

    await enterAmount(page, '10.00');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByTestId('result-panel').waitFor();
    await screenshot('result');

    const orderNo = (await page.getByTestId('result-order-no').textContent()) ?? '';
    expect(server.countApplied(orderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);
  });

  it('phone with two cards offers a chooser', async () => {
    const { page, screenshot } = await start('phone-two-cards');

    await page.getByTestId('member-search-input').fill(seedFixtures.sharedPhone);
    await page.getByTestId('member-search-input').press('Enter');
    await page.getByTestId('member-chooser').waitFor();
    await screenshot('chooser');

    const items = page.getByTestId('member-chooser-item');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('CARD201609010107');
    expect(await items.nth(1).textContent()).toContain('CARD201609010108');
    expect(await page.getByTestId('member-chooser').textContent()).toContain('此手机号下有 2 张会员卡');

    await page.keyboard.press('2');
    await page.getByTestId('member-panel').waitFor();
    await screenshot('second-card');
    expect(await page.getByTestId('member-card-no').textContent()).toBe(sharedPhoneSecond.cardNo);
    expect(await fenOf(page, 'member-balance')).toBe(5_000);
  });

  it('frozen card cannot pay', async () => {
    const { page, server, screenshot } = await start('frozen-card');

    await scanMember(till!, frozen.cardNo);
    await screenshot('frozen');

    expect(await page.getByTestId('member-state').getAttribute('data-state')).toBe('frozen');
    expect(await page.getByTestId('member-frozen-reason').textContent()).toContain('此卡已冻结，不能使用储值支付');
    expect(await page.getByTestId('payment-amount-input').isDisabled()).toBe(true);
    expect(await page.getByTestId('payment-submit').isDisabled()).toBe(true);
    expect(server.findMember(frozen.cardNo)?.balanceFen).toBe(50_000);
  });

  it('insufficient balance is stopped at the preview', async () => {
    const { page, server, screenshot } = await start('insufficient-balance');
    await scanMember(till!, lowBalance.cardNo);
    await screenshot('member-shown');

    // Rate 80 on a balance of 10.00: 12.51 would take 10.01.
    await page.getByTestId('payment-amount-input').fill('12.51');
    await page.getByTestId('payment-amount-input').press('Enter');
    await screenshot('insufficient');

    const problem = page.getByTestId('payment-problem');
    expect(await problem.getAttribute('data-problem')).toBe('insufficient');
    expect(await problem.textContent()).toBe('储值余额不足：需实付 ¥10.01，余额只有 ¥10.00。请减少金额，或改用其他支付方式。');
    expect(await page.getByTestId('payment-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('payment-confirm').count()).toBe(0);
    expect(server.findMember(lowBalance.cardNo)?.balanceFen).toBe(1_000);
  });

  it('server rejection shows the server message', async () => {
    const { page, server, screenshot } = await start('server-rejection');
    await scanMember(till!, lowBalance.cardNo);
    await screenshot('member-shown');
    await enterAmount(page, '1.00');
    await screenshot('confirm');

    // Another till spends the whole balance while this one re-reads the member before paying,
    // so the till's own check passes and the server rejects the payment.
    await server.setFault({ kind: 'delay', ms: 1500 }, { methods: ['customer.get'], count: 1 });
    await confirmPayment(page);
    await page.getByTestId('payment-sending').waitFor();
    const otherTill = createVipaxClient({ url: server.url, appid: server.appid, secret: server.secret, storeCode: server.storeCode });
    await otherTill.paidConsumeByPro({ memberNo: lowBalance.customerId, orderNo: 'S001-T02-20261204000000-0001', priceFen: 1250 });
    otherTill.close();

    await page.getByTestId('payment-error').waitFor();
    await screenshot('rejected');
    expect(await page.getByTestId('payment-error').getAttribute('data-error-code')).toBe('rejected');
    expect(await page.getByTestId('payment-error').textContent()).toBe('会员服务器拒绝了这笔支付：储值余额不足');
    expect(server.findMember(lowBalance.cardNo)?.balanceFen).toBe(0);
  });

  it('dropped answer is resolved as charged', async () => {
    const { page, server, screenshot } = await start('unknown-charged');
    await scanMember(till!, gold.cardNo);
    await screenshot('member-shown');
    await enterAmount(page, '20.00');

    await server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'], count: 1 });
    await confirmPayment(page);
    await page.getByTestId('unknown-panel').waitFor();
    await page.locator('[data-testid="unknown-panel"][data-state="charged"]').waitFor();
    await screenshot('charged');

    const orderNo = (await page.getByTestId('unknown-order-no').textContent()) ?? '';
    expect(orderNo).toMatch(ORDER_NO);
    expect(await page.getByTestId('unknown-status').textContent()).toBe('已扣款');
    expect(await fenOf(page, 'result-actual')).toBe(1_760);
    expect(await fenOf(page, 'result-balance')).toBe(123_456 - 1_760);
    expect(server.countApplied(orderNo)).toBe(1);
  });

  it('lost request is resolved as not charged', async () => {
    const { page, server, screenshot } = await start('unknown-not-charged');
    await scanMember(till!, gold.cardNo);
    await screenshot('member-shown');
    await enterAmount(page, '30.00');

    // A 502 from a proxy: the payment never reached VIPax, but the till cannot know that.
    await server.setFault({ kind: 'bad-gateway' }, { methods: ['paidConsumeByPro'], count: 1 });
    await confirmPayment(page);
    await page.locator('[data-testid="unknown-panel"][data-state="not-charged"]').waitFor();
    await screenshot('not-charged');

    const orderNo = (await page.getByTestId('unknown-order-no').textContent()) ?? '';
    expect(await page.getByTestId('unknown-status').textContent()).toBe('未扣款');
    expect(await page.getByTestId('unknown-explain').textContent()).toContain(orderNo);
    expect(server.countApplied(orderNo)).toBe(0);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456);
  });

  it('server down refuses payment and recovers', async () => {
    const { page, server, screenshot } = await start('server-down');
    await scanMember(till!, gold.cardNo);
    await screenshot('member-shown');

    await server.setFault({ kind: 'refuse-connections' });
    await waitForConnection(page, 'offline');
    await page.getByTestId('payment-amount-input').fill('5.00');
    await screenshot('offline');
    expect(await page.getByTestId('payment-problem').getAttribute('data-problem')).toBe('offline');
    expect(await page.getByTestId('payment-problem').textContent()).toContain('无法连接会员服务器，暂时不能储值支付');
    expect(await page.getByTestId('payment-submit').isDisabled()).toBe(true);

    await till!.scan(seedFixtures.members.diamond.cardNo);
    await page.getByTestId('member-message').waitFor();
    await screenshot('lookup-offline');
    expect(await page.getByTestId('member-message').textContent()).toContain('无法连接会员服务器');

    await server.setFault(null);
    await waitForConnection(page, 'online');
    // The failed lookup runs again by itself once the server is back.
    await page.getByTestId('member-panel').waitFor();
    expect(await page.getByTestId('member-card-no').textContent()).toBe(seedFixtures.members.diamond.cardNo);
    await enterAmount(page, '5.00');
    await confirmPayment(page);
    await page.getByTestId('result-panel').waitFor();
    await screenshot('back-online');
    expect(await fenOf(page, 'result-actual')).toBe(400);
  });

  it('switches to English', async () => {
    const { page, screenshot } = await start('english');
    await scanMember(till!, gold.cardNo);
    await screenshot('member-shown');

    await page.getByTestId('language-toggle').click();
    await page.getByTestId('language-toggle').and(page.locator('[data-language="en"]')).waitFor();
    await page.getByTestId('payment-amount-input').fill('10.01');
    await screenshot('english-preview');

    expect(await page.getByTestId('member-state').textContent()).toBe('Active');
    expect(await page.getByTestId('language-toggle').textContent()).toBe('中文');
    expect(await page.getByTestId('preview-discount').textContent()).toBe('12% off');
    expect(await page.getByTestId('connection-state').textContent()).toContain('Online');
    expect(await page.getByTestId('mode-banner').textContent()).toContain('Training mode');

    await page.getByTestId('payment-amount-input').press('Enter');
    await confirmPayment(page);
    await page.getByTestId('result-panel').waitFor();
    await screenshot('english-result');
    expect(await page.getByTestId('result-panel').textContent()).toContain('Payment done');
  });
});
