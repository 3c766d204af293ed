import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcReply } from '../../common/contract';
import { createFileLogBackend, type FileLogBackend } from '../../main/logging/file-backend';
import { setLogBackend } from '../../main/logging/logger';
import { clearRegisteredSecrets } from '../../main/logging/redact';
import { openJsonSettingsStore } from '../../main/settings/json-file-store';
import { createSettingsService } from '../../main/settings/settings-service';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../main/training';
import { resetElectronMock, safeStorage } from '../mocks/electron';
import { launchTill, type LaunchedTill } from './harness/launch';

// Runs the main flows with a known secret, then looks for that secret everywhere it must never
// be: every IPC reply and event the renderer received, the page's DOM, input values and storage,
// the log files and the settings file. The secret counts as found in any of its usual encodings.

const { gold } = seedFixtures.members;
const LIVE_APPID = 'leak-test-appid';
const SECRET = 'Canary-Secret-4hV9-Qx27';
const WRONG_SECRET = 'Canary-Wrong-Secret-8Lm3';

let till: LaunchedTill;
let liveServer: TrainingServer;
let logs: FileLogBackend;
let logDirectory: string;
let settingsDirectory: string;
let restoreLogs: () => void;
const replies: string[] = [];
let paymentOrderNo = '';
const events: string[] = [];

/** Returns the forms in which a secret could leak: raw, URL-encoded, JSON-escaped, base64 and hex. */
function encodingsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), bytes.toString('base64'), bytes.toString('hex')];
}

function findSecrets(text: string): string[] {
  const found: string[] = [];
  for (const secret of [SECRET, WRONG_SECRET]) {
    for (const form of encodingsOf(secret)) if (text.includes(form)) found.push(form);
  }
  return found;
}

async function call<T>(channel: string, request?: unknown): Promise<IpcReply<T>> {
  // Through window.till, as the renderer calls it, so the reply is recorded like any other.
  return till.page.evaluate(
    async ([name, body]) => {
      const [namespace, verb] = name.split(':') as [string, string];
      const camel = verb.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
      const api = (window as unknown as { till: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> }).till;
      return api[namespace]![camel]!(body);
    },
    [channel, request] as const,
  ) as Promise<IpcReply<T>>;
}

beforeAll(async () => {
  resetElectronMock();
  logDirectory = mkdtempSync(join(tmpdir(), 'till-leak-logs-'));
  settingsDirectory = mkdtempSync(join(tmpdir(), 'till-leak-settings-'));
  logs = createFileLogBackend({ directory: logDirectory, minLevel: 'debug' });
  restoreLogs = setLogBackend(logs);
  liveServer = await startTrainingServer({ appid: LIVE_APPID, secret: SECRET });

  const { store, damaged } = openJsonSettingsStore({ directory: settingsDirectory });
  const settings = createSettingsService({ store, damaged, safeStorage, platform: 'linux' });
  till = await launchTill({ name: 'secret-leak', till: { settings } });

  const router = till.fixture.host.router;
  const handle = router.handle.bind(router);
  (router as { handle: typeof router.handle }).handle = async (channel, request) => {
    const reply = await handle(channel, request);
    replies.push(`${channel} ${JSON.stringify(reply)}`);
    return reply;
  };
  till.fixture.host.onEvent((name, payload) => events.push(`${name} ${JSON.stringify(payload)}`));

  const { page } = till;
  await page.locator('[data-testid="connection-state"][data-state="online"]').waitFor();

  // Settings: a test with a wrong secret, a test with the right one, save, switch to live.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-input-serverUrl').fill(liveServer.url);
  await page.getByTestId('settings-input-appid').fill(LIVE_APPID);
  await page.getByTestId('settings-input-storeCode').fill('S001');
  await page.getByTestId('settings-input-tillId').fill('T09');
  await page.getByTestId('settings-input-secret').fill(WRONG_SECRET);
  await page.getByTestId('settings-test').click();
  await page.locator('[data-testid="test-signature"][data-result="rejected"]').waitFor();
  await page.getByTestId('settings-input-secret').fill(SECRET);
  await page.getByTestId('settings-test').click();
  await page.locator('[data-testid="test-signature"][data-result="accepted"]').waitFor();
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-saved').waitFor();
  await page.getByTestId('settings-mode-switch').click();
  await page.getByTestId('mode-dialog-confirm').click();
  await page.locator('[data-testid="mode-banner"][data-mode="live"]').waitFor();
  await page.locator('[data-testid="connection-state"][data-state="online"]').waitFor();

  // Lookup and payment on the checkout screen, then a refund of half of it.
  await page.getByTestId('nav-checkout').click();
  await till.scan(gold.cardNo);
  await page.getByTestId('member-panel').waitFor();
  await page.getByTestId('payment-amount-input').fill('20.00');
  await page.getByTestId('payment-amount-input').press('Enter');
  await page.getByTestId('payment-confirm').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('result-panel').waitFor();
  paymentOrderNo = (await page.getByTestId('result-order-no').textContent()) ?? '';
  const refund = await call<{ status: string }>('refund:create', { originalOrderNo: paymentOrderNo, amountFen: 1_000 });
  if (!refund.ok) throw new Error(`refund:create failed: ${refund.error.code} ${refund.error.message}`);

  await call('settings:get');
  await call('till:status');
  await till.screenshot('after-flows');
});

afterAll(async () => {
  await till?.close();
  await liveServer?.close();
  restoreLogs?.();
  clearRegisteredSecrets();
  rmSync(logDirectory, { recursive: true, force: true });
  rmSync(settingsDirectory, { recursive: true, force: true });
  resetElectronMock();
});

describe('secret after the main flows', () => {
  it('ran every flow against the live server', () => {
    const channels = new Set(replies.map((line) => line.split(' ')[0]));
    for (const channel of ['settings:test-connection', 'settings:save', 'settings:set-mode', 'member:lookup', 'payment:pay', 'refund:create']) {
      expect(channels.has(channel), channel).toBe(true);
    }
    expect(liveServer.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 1_760 + 880);
  });

  it('is in no IPC reply', () => {
    expect(replies.length).toBeGreaterThan(10);
    expect(findSecrets(replies.join('\n'))).toEqual([]);
  });

  it('is in no event sent to the renderer', () => {
    expect(events.length).toBeGreaterThan(0);
    expect(findSecrets(events.join('\n'))).toEqual([]);
  });

  it('is not in the page, its inputs or its storage', async () => {
    const { page } = till;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-screen').waitFor();

    const html = await page.content();
    const inputs = await page.evaluate(() => [...document.querySelectorAll('input')].map((input) => input.value));
    const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));

    expect(html).toContain('data-state="set"');
    expect(findSecrets(html)).toEqual([]);
    expect(findSecrets(inputs.join('\n'))).toEqual([]);
    expect(findSecrets(storage)).toEqual([]);
  });

  it('is in no log file', () => {
    const files = logs.listFiles();
    const text = files.map((path) => readFileSync(path, 'utf8')).join('\n');

    expect(text).toContain('settings saved');
    expect(text).toMatch(new RegExp(`paidConsumeByPro succeeded for order ${paymentOrderNo}`));
    expect(findSecrets(text)).toEqual([]);
  });

  it('is stored only as ciphertext', () => {
    const names = readdirSync(settingsDirectory);
    const text = names.map((name) => readFileSync(join(settingsDirectory, name), 'utf8')).join('\n');
    const saved = JSON.parse(readFileSync(join(settingsDirectory, 'config.json'), 'utf8')) as { secret: { ciphertext: string } };

    expect(findSecrets(text)).toEqual([]);
    expect(safeStorage.decryptString(Buffer.from(saved.secret.ciphertext, 'base64'))).toBe(SECRET);
  });
});
