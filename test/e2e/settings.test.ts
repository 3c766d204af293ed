import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets } from '../../main/logging/redact';
import { openJsonSettingsStore } from '../../main/settings/json-file-store';
import { createSettingsService, type SettingsService } from '../../main/settings/settings-service';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../main/training';
import { resetElectronMock, safeStorage } from '../mocks/electron';
import { launchTill, type LaunchedTill } from './harness/launch';

// The store manager's settings screen in headless Chromium: configure the till against a second
// training server that has other credentials, test the connection in its four outcomes, switch to
// live with the confirmation dialog, and take a payment there. safeStorage is the shared
// electron mock's, so the secret goes through the same encryption calls as in the app.

const { gold } = seedFixtures.members;
const LIVE_APPID = 'store-s001-appid';
const LIVE_SECRET = 'Live-Secret-9f3K-Zp2q';
const TEN_MINUTES_MS = 10 * 60_000;

let till: LaunchedTill | null = null;
const servers: TrainingServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  await till?.close();
  till = null;
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  clearRegisteredSecrets();
  resetElectronMock();
});

async function liveServer(options: { clockSkewMs?: number } = {}): Promise<TrainingServer> {
  const skew = options.clockSkewMs ?? 0;
  const server = await startTrainingServer({ appid: LIVE_APPID, secret: LIVE_SECRET, now: () => new Date(Date.now() + skew) });
  servers.push(server);
  return server;
}

function settingsFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'till-e2e-settings-'));
  folders.push(folder);
  return folder;
}

function openSettings(folder: string): SettingsService {
  const { store, damaged } = openJsonSettingsStore({ directory: folder });
  return createSettingsService({ store, damaged, safeStorage, platform: 'linux' });
}

async function start(name: string, folder = settingsFolder()): Promise<LaunchedTill> {
  till = await launchTill({ name, till: { settings: openSettings(folder) } });
  await till.page.locator('[data-testid="connection-state"][data-state="online"]').waitFor();
  await till.page.getByTestId('nav-settings').click();
  await till.page.getByTestId('settings-screen').waitFor();
  return till;
}

async function fillSettings(page: Page, values: { serverUrl: string; appid?: string; secret?: string; tillId?: string }): Promise<void> {
  await page.getByTestId('settings-input-serverUrl').fill(values.serverUrl);
  await page.getByTestId('settings-input-appid').fill(values.appid ?? LIVE_APPID);
  await page.getByTestId('settings-input-storeCode').fill('S001');
  await page.getByTestId('settings-input-tillId').fill(values.tillId ?? 'T05');
  await page.getByTestId('settings-input-secret').fill(values.secret ?? LIVE_SECRET);
}

async function runConnectionTest(page: Page): Promise<{ reachability: string; signature: string; clock: string }> {
  await page.getByTestId('settings-test').click();
  await page.locator('[data-testid="settings-test"]:not([disabled])').waitFor();
  await page.getByTestId('test-result').waitFor();
  const result = async (testId: string): Promise<string> => (await page.getByTestId(testId).getAttribute('data-result')) ?? '';
  return { reachability: await result('test-reachability'), signature: await result('test-signature'), clock: await result('test-clock') };
}

async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/VipaxWS/ws`;
}

describe('settings screen in Chromium', () => {
  it('tests the connection: good, bad secret, unreachable, clock off', async () => {
    const server = await liveServer();
    const skewed = await liveServer({ clockSkewMs: TEN_MINUTES_MS });
    const { page, screenshot, pageErrors } = await start('settings-connection-test');
    await screenshot('empty-settings');

    await fillSettings(page, { serverUrl: server.url });
    expect(await runConnectionTest(page)).toEqual({ reachability: 'ok', signature: 'accepted', clock: 'ok' });
    expect(await page.getByTestId('test-signature').textContent()).toBe('签名正确：服务器接受了这个 appid 和密钥。');
    await screenshot('test-good');

    await page.getByTestId('settings-input-secret').fill('not-the-secret');
    expect(await runConnectionTest(page)).toEqual({ reachability: 'ok', signature: 'rejected', clock: 'ok' });
    expect(await page.getByTestId('test-signature').textContent()).toBe('签名被拒绝：请核对 appid 和密钥。');
    expect(await page.getByTestId('test-server-message').textContent()).toBe('服务器返回：签名错误');
    await screenshot('test-bad-secret');

    await fillSettings(page, { serverUrl: await closedPortUrl() });
    expect(await runConnectionTest(page)).toEqual({ reachability: 'unreachable', signature: 'not-checked', clock: 'not-checked' });
    expect(await page.getByTestId('test-reachability').textContent()).toBe('无法连接服务器：请检查服务器地址、网络和防火墙。');
    await screenshot('test-unreachable');

    await fillSettings(page, { serverUrl: skewed.url });
    const clockOff = await runConnectionTest(page);
    expect(clockOff.reachability).toBe('ok');
    expect(clockOff.clock).toBe('off');
    expect(await page.getByTestId('test-reachability').textContent()).toBe('服务器可以连接。');
    expect(await page.getByTestId('test-clock').textContent()).toMatch(/^本机时钟不准：比服务器慢 (599|600|601) 秒。请校准本机时间和时区。$/);
    await screenshot('test-clock-off');

    // Testing saves nothing.
    expect(await page.getByTestId('settings-secret-state').getAttribute('data-state')).toBe('not-set');
    expect(pageErrors).toEqual([]);
  });

  it('shows the field main rejected', async () => {
    const { page, screenshot } = await start('settings-invalid-field');

    await fillSettings(page, { serverUrl: 'ftp://vipax.example.cn/ws' });
    await page.getByTestId('settings-save').click();

    await page.getByTestId('settings-field-error-serverUrl').waitFor();
    expect(await page.getByTestId('settings-error').getAttribute('data-field')).toBe('fields.serverUrl');
    expect(await page.getByTestId('settings-field-error-serverUrl').textContent()).toBe(
      '请输入以 http:// 或 https:// 开头的地址，不要包含用户名、密码或 # 部分。',
    );
    expect(await page.getByTestId('settings-secret-state').getAttribute('data-state')).toBe('not-set');
    await screenshot('invalid-url');
  });

  it('configures the till, switches to live and pays there', async () => {
    const server = await liveServer();
    const { page, screenshot, pageErrors } = await start('settings-configure-and-pay');
    const trainingServer = till!.server;

    await fillSettings(page, { serverUrl: server.url, tillId: 'T05' });
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect(await page.getByTestId('settings-secret-state').getAttribute('data-state')).toBe('set');
    expect(await page.getByTestId('settings-secret-state').getAttribute('data-protection')).toBe('os-encryption');
    expect(await page.getByTestId('settings-input-secret').inputValue()).toBe('');
    expect(await page.getByTestId('mode-banner').getAttribute('data-mode')).toBe('training');
    await screenshot('saved');

    await page.getByTestId('settings-mode-switch').click();
    await page.getByTestId('mode-dialog').waitFor();
    expect(await page.getByTestId('mode-dialog').getAttribute('data-mode')).toBe('live');
    await screenshot('confirm-live');
    await page.getByTestId('mode-dialog-confirm').click();

    await page.locator('[data-testid="settings-mode"][data-mode="live"]').waitFor();
    await page.locator('[data-testid="mode-banner"][data-mode="live"]').waitFor();
    expect(await page.getByTestId('settings-mode').textContent()).toBe('当前：正式营业');
    await page.locator('[data-testid="till-id"]', { hasText: 'T05' }).waitFor();
    await page.locator('[data-testid="connection-state"][data-state="online"]').waitFor();
    await screenshot('live');

    await page.getByTestId('nav-checkout').click();
    await till!.scan(gold.cardNo);
    await page.getByTestId('member-panel').waitFor();
    await page.getByTestId('payment-amount-input').fill('10.00');
    await page.getByTestId('payment-amount-input').press('Enter');
    await page.getByTestId('payment-confirm').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('result-panel').waitFor();
    await screenshot('paid-live');

    const orderNo = (await page.getByTestId('result-order-no').textContent()) ?? '';
    expect(orderNo).toMatch(/^S001-T05-\d{14}-\d{4}$/);
    expect(server.countApplied(orderNo)).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);
    expect(trainingServer.countApplied(orderNo)).toBe(0);
    expect(trainingServer.findMember(gold.cardNo)?.balanceFen).toBe(123_456);
    expect(pageErrors).toEqual([]);
  });

  it('refuses live mode before the till is configured', async () => {
    const { page, screenshot } = await start('settings-live-refused');

    await page.getByTestId('settings-mode-switch').click();
    await page.getByTestId('mode-dialog-confirm').click();

    await page.getByTestId('mode-dialog-error').waitFor();
    expect(await page.getByTestId('mode-dialog-error').textContent()).toBe('请先填写并保存完整的设置（包括密钥），再切换到正式营业。');
    await screenshot('refused');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('mode-dialog').count()).toBe(0);
    expect(await page.getByTestId('mode-banner').getAttribute('data-mode')).toBe('training');
  });

  it('asks before storing the secret on basic_text', async () => {
    safeStorage.backend = 'basic_text';
    const server = await liveServer();
    const { page, screenshot } = await start('settings-basic-text');

    expect(await page.getByTestId('settings-plaintext-warning').textContent()).toContain('本机没有可用的系统密钥库（basic_text）');
    await fillSettings(page, { serverUrl: server.url });
    await page.getByTestId('settings-save').click();
    await page.locator('[data-testid="settings-error"][data-code="encryption-unavailable"]').waitFor();
    expect(await page.getByTestId('settings-secret-state').getAttribute('data-state')).toBe('not-set');
    await screenshot('rejected-without-acceptance');

    await page.getByTestId('settings-accept-plaintext').check();
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect(await page.getByTestId('settings-secret-state').getAttribute('data-protection')).toBe('basic-text');
    await screenshot('accepted');
  });

  it('explains a damaged settings file and an unreadable secret', async () => {
    const damagedFolder = settingsFolder();
    writeFileSync(join(damagedFolder, 'config.json'), '{"version":1,"mode":');
    const { page, screenshot } = await start('settings-damaged', damagedFolder);

    const notice = (await page.getByTestId('settings-damaged-notice').textContent()) ?? '';
    expect(notice).toMatch(/^设置文件已损坏，无法读取。原文件已改名保存为 config\.json\.damaged-\d{8}T\d{6}Z/);
    expect(await page.getByTestId('settings-alert').getAttribute('data-reason')).toBe('damaged');
    await screenshot('damaged');

    // The alert is on every screen, and saving the settings again clears it.
    await page.getByTestId('nav-checkout').click();
    await page.getByTestId('settings-alert-open').click();
    await page.getByTestId('settings-screen').waitFor();
    await fillSettings(page, { serverUrl: (await liveServer()).url });
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect(await page.getByTestId('settings-alert').count()).toBe(0);
    expect(await page.getByTestId('settings-damaged-notice').count()).toBe(0);
    await till!.close();
    till = null;

    // A secret saved under one key store, then read under another.
    const folder = settingsFolder();
    const server = await liveServer();
    openSettings(folder).save({
      fields: { serverUrl: server.url, appid: LIVE_APPID, storeCode: 'S001', brandId: '', tillId: 'T05', timeZone: 'Asia/Shanghai', connectTimeoutMs: 2_000, totalTimeoutMs: 5_000 },
      secret: LIVE_SECRET,
    });
    safeStorage.backend = 'kwallet5';
    const reopened = await start('settings-unreadable', folder);

    expect(await reopened.page.getByTestId('settings-secret-state').getAttribute('data-state')).toBe('unreadable');
    expect(await reopened.page.getByTestId('settings-alert').getAttribute('data-reason')).toBe('secretUnreadable');
    expect(await reopened.page.getByTestId('settings-secret-state').textContent()).toBe(
      '本机保存密钥的方式已改变，原来保存的密钥无法读取。请重新输入密钥并保存。',
    );
    await reopened.screenshot('unreadable');
  });
});
