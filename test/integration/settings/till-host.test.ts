import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../common/contract';
import { JOURNAL_FILE, TRAINING_JOURNAL_FILE } from '../../../main/app/create-till';
import { createTillHost, type TillHost } from '../../../main/app/till-host';
import { createMemoryLogBackend, setLogBackend } from '../../../main/logging/logger';
import { clearRegisteredSecrets } from '../../../main/logging/redact';
import { openJsonSettingsStore } from '../../../main/settings/json-file-store';
import { createSettingsService, type SettingsService } from '../../../main/settings/settings-service';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { resetElectronMock, safeStorage } from '../../mocks/electron';

// Switching a running till between training mode and a live server: the host restarts the till
// behind one router, and payments go to the server of the mode in force.

const { gold } = seedFixtures.members;
const LIVE_APPID = 'live-appid-of-store';
const LIVE_SECRET = 'live-secret-of-store-Qw7';

let dataDir: string;
let trainingServer: TrainingServer;
let liveServer: TrainingServer;
let settings: SettingsService;
let host: TillHost;
let restoreLogs: () => void;

beforeEach(async () => {
  resetElectronMock();
  restoreLogs = setLogBackend(createMemoryLogBackend());
  dataDir = mkdtempSync(join(tmpdir(), 'till-host-'));
  trainingServer = await startTrainingServer();
  liveServer = await startTrainingServer({ appid: LIVE_APPID, secret: LIVE_SECRET });
  const { store, damaged } = openJsonSettingsStore({ directory: dataDir });
  settings = createSettingsService({ store, damaged, safeStorage, platform: 'linux' });
  host = await createTillHost({
    dataDir,
    settings,
    trainingServer,
    client: { connectTimeoutMs: 1_000, timeoutMs: 3_000, readRetries: 0 },
    monitor: { intervalMs: 500, offlineIntervalMs: 200 },
    settleDelayMs: 0,
  });
});

afterEach(async () => {
  await host.close();
  await trainingServer.close();
  await liveServer.close();
  restoreLogs();
  clearRegisteredSecrets();
  rmSync(dataDir, { recursive: true, force: true });
});

async function saveLiveSettings(): Promise<void> {
  const reply = await host.router.call('settings:save', {
    fields: {
      serverUrl: liveServer.url,
      appid: LIVE_APPID,
      storeCode: 'S001',
      brandId: '',
      tillId: 'T07',
      timeZone: 'Asia/Shanghai',
      connectTimeoutMs: 1_000,
      totalTimeoutMs: 3_000,
    },
    secret: LIVE_SECRET,
  });
  if (!reply.ok) throw new Error(`settings:save failed: ${reply.error.message}`);
}

async function payTenYuan(): Promise<string> {
  const reply = await host.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 1_000 });
  if (!reply.ok) throw new Error(`payment:pay failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value.orderNo;
}

async function waitForOnline(): Promise<void> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    if (host.status().connection === 'online') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the till did not come online');
}

describe('till host', () => {
  it('keeps training mode when settings are only saved', async () => {
    await saveLiveSettings();
    await host.settled();

    expect(host.status().mode).toBe('training');
    await waitForOnline();
    const orderNo = await payTenYuan();
    expect(trainingServer.countApplied(orderNo)).toBe(1);
    expect(liveServer.countApplied(orderNo)).toBe(0);
  });

  it('switches to the live server after confirmation', async () => {
    const events: Array<{ name: EventName; mode: unknown }> = [];
    host.onEvent((name, payload) => events.push({ name, mode: (payload as { mode?: unknown }).mode }));
    await saveLiveSettings();

    const reply = await host.router.call('settings:set-mode', { mode: 'live', confirm: true });
    expect(reply.ok).toBe(true);
    await host.settled();

    expect(host.status().mode).toBe('live');
    expect(host.status().tillId).toBe('T07');
    expect(events).toContainEqual({ name: 'till:status-changed', mode: 'live' });

    await waitForOnline();
    const orderNo = await payTenYuan();
    expect(orderNo).toMatch(/^S001-T07-\d{14}-\d{4}$/);
    expect(liveServer.countApplied(orderNo)).toBe(1);
    expect(liveServer.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);
    expect(trainingServer.findMember(gold.cardNo)?.balanceFen).toBe(123_456);
    expect(existsSync(join(dataDir, JOURNAL_FILE))).toBe(true);
  });

  it('returns to training mode and its own journal', async () => {
    await saveLiveSettings();
    await host.router.call('settings:set-mode', { mode: 'live', confirm: true });
    await host.settled();

    await host.router.call('settings:set-mode', { mode: 'training', confirm: true });
    await host.settled();

    expect(host.status().mode).toBe('training');
    expect(host.status().tillId).toBe('T01');
    await waitForOnline();
    const orderNo = await payTenYuan();
    expect(trainingServer.countApplied(orderNo)).toBe(1);
    expect(liveServer.countApplied(orderNo)).toBe(0);
    expect(existsSync(join(dataDir, TRAINING_JOURNAL_FILE))).toBe(true);
  });

  it('restarts for a new live secret', async () => {
    await saveLiveSettings();
    await host.router.call('settings:set-mode', { mode: 'live', confirm: true });
    await host.settled();
    const before = host.current();

    await saveLiveSettings();
    await host.settled();
    expect(host.current()).toBe(before);

    const fields = settings.getView().fields;
    if (fields === null) throw new Error('fields missing');
    await host.router.call('settings:save', { fields: { ...fields, brandId: fields.brandId ?? '' }, secret: 'another-secret' });
    await host.settled();
    expect(host.current()).not.toBe(before);
  });
});
