import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTill, JOURNAL_FILE, TRAINING_JOURNAL_FILE } from '../../../main/app/create-till';
import { createTillHost, type TillHost } from '../../../main/app/till-host';
import { JournalDamagedError } from '../../../main/journal';
import { createMemoryLogBackend, setLogBackend, type MemoryLogBackend } from '../../../main/logging/logger';
import { clearRegisteredSecrets } from '../../../main/logging/redact';
import { openJsonSettingsStore } from '../../../main/settings/json-file-store';
import { createSettingsService, type SettingsService } from '../../../main/settings/settings-service';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { resetElectronMock, safeStorage } from '../../mocks/electron';

// Starting a till when live mode cannot run: store codes the journal once rejected, a damaged
// journal file and an unreadable secret. The till falls back to training mode and says why,
// and a damaged journal file is never changed.

const { gold } = seedFixtures.members;
const LIVE_APPID = 'live-appid-of-store';
const LIVE_SECRET = 'live-secret-of-store-Qw7';
const GARBAGE = 'this is not sqlite at all';

let dataDir: string;
let trainingServer: TrainingServer;
let liveServer: TrainingServer | null;
let hosts: TillHost[];
let logs: MemoryLogBackend;
let restoreLogs: () => void;

beforeEach(async () => {
  resetElectronMock();
  logs = createMemoryLogBackend();
  restoreLogs = setLogBackend(logs);
  dataDir = mkdtempSync(join(tmpdir(), 'till-start-'));
  trainingServer = await startTrainingServer();
  liveServer = null;
  hosts = [];
});

afterEach(async () => {
  for (const host of hosts) await host.close();
  await trainingServer.close();
  await liveServer?.close();
  restoreLogs();
  clearRegisteredSecrets();
  rmSync(dataDir, { recursive: true, force: true });
});

function openSettings(): SettingsService {
  const { store, damaged } = openJsonSettingsStore({ directory: dataDir });
  return createSettingsService({ store, damaged, safeStorage, platform: 'linux' });
}

async function startHost(): Promise<TillHost> {
  const host = await createTillHost({
    dataDir,
    settings: openSettings(),
    trainingServer,
    client: { connectTimeoutMs: 1_000, timeoutMs: 3_000, readRetries: 0 },
    monitor: { intervalMs: 500, offlineIntervalMs: 200 },
    settleDelayMs: 0,
  });
  hosts.push(host);
  return host;
}

async function stopHost(host: TillHost): Promise<void> {
  hosts = hosts.filter((running) => running !== host);
  await host.close();
}

async function saveLiveSettings(host: TillHost, storeCode: string): Promise<void> {
  liveServer ??= await startTrainingServer({ appid: LIVE_APPID, secret: LIVE_SECRET, storeCode });
  const reply = await host.router.call('settings:save', {
    fields: { serverUrl: liveServer.url, appid: LIVE_APPID, storeCode, tillId: 'T01', connectTimeoutMs: 1_000, totalTimeoutMs: 3_000 },
    secret: LIVE_SECRET,
    acceptPlainTextSecret: true,
  });
  if (!reply.ok) throw new Error(`settings:save failed: ${reply.error.message}`);
}

async function payTenYuan(host: TillHost): Promise<string> {
  for (let waited = 0; host.status().connection !== 'online' && waited < 5_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const reply = await host.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 1_000 });
  if (!reply.ok) throw new Error(`payment:pay failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value.orderNo;
}

describe('live store codes', () => {
  it.each(['S-001', 'STORE_01', 'S0000000000000001'])('%s goes live and starts again', async (storeCode) => {
    const host = await startHost();
    await saveLiveSettings(host, storeCode);

    const reply = await host.router.call('settings:set-mode', { mode: 'live', confirm: true });
    await host.settled();

    expect(reply.ok).toBe(true);
    expect(host.status().mode).toBe('live');
    const orderNo = await payTenYuan(host);
    expect(orderNo.startsWith(`${storeCode}-T01-`)).toBe(true);
    expect(liveServer?.countApplied(orderNo)).toBe(1);

    await stopHost(host);
    const next = await startHost();
    expect(next.status().mode).toBe('live');
    expect(next.settings.getView().liveStartFailure).toBeNull();
  });
});

describe('live start failure', () => {
  it('rejects set-mode live on a damaged journal', async () => {
    const journalPath = join(dataDir, JOURNAL_FILE);
    writeFileSync(journalPath, GARBAGE);
    const host = await startHost();
    await saveLiveSettings(host, 'S001');

    const reply = await host.router.call('settings:set-mode', { mode: 'live', confirm: true });
    await host.settled();

    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('internal');
    expect(reply.error.message).toContain(journalPath);
    expect(host.status().mode).toBe('training');
    const view = host.settings.getView();
    expect(view.mode).toBe('training');
    expect(view.liveStartFailure?.reason).toBe('journal-damaged');
    expect(view.liveStartFailure?.journalPath).toBe(journalPath);
    expect(readFileSync(journalPath, 'utf8')).toBe(GARBAGE);
  });

  it('starts training mode when the live journal is damaged', async () => {
    const first = await startHost();
    await saveLiveSettings(first, 'S001');
    await first.router.call('settings:set-mode', { mode: 'live', confirm: true });
    await first.settled();
    expect(first.status().mode).toBe('live');
    await stopHost(first);
    const journalPath = join(dataDir, JOURNAL_FILE);
    writeFileSync(journalPath, GARBAGE);

    const host = await startHost();

    expect(host.status().mode).toBe('training');
    const failure = host.settings.getView().liveStartFailure;
    expect(failure?.reason).toBe('journal-damaged');
    expect(failure?.journalPath).toBe(journalPath);
    expect(readFileSync(journalPath, 'utf8')).toBe(GARBAGE);
    const logged = logs.records.find((record) => record.message === 'live mode failed to start; starting training mode');
    expect(logged?.level).toBe('error');
    const orderNo = await payTenYuan(host);
    expect(trainingServer.countApplied(orderNo)).toBe(1);
  });

  it('starts training mode when the secret is unreadable', async () => {
    const first = await startHost();
    await saveLiveSettings(first, 'S001');
    await first.router.call('settings:set-mode', { mode: 'live', confirm: true });
    await first.settled();
    await stopHost(first);
    safeStorage.backend = 'kwallet5';

    const host = await startHost();

    expect(host.status().mode).toBe('training');
    const view = host.settings.getView();
    expect(view.mode).toBe('training');
    expect(view.secretState).toBe('unreadable');
    expect(view.liveStartFailure?.reason).toBe('settings-incomplete');
    expect(view.liveStartFailure?.message).toContain('cannot be decrypted');
  });

  it('clears the failure once live mode starts', async () => {
    const journalPath = join(dataDir, JOURNAL_FILE);
    writeFileSync(journalPath, GARBAGE);
    const host = await startHost();
    await saveLiveSettings(host, 'S001');
    await host.router.call('settings:set-mode', { mode: 'live', confirm: true });
    await host.settled();
    rmSync(journalPath);

    const reply = await host.router.call('settings:set-mode', { mode: 'live', confirm: true });
    await host.settled();

    expect(reply.ok).toBe(true);
    expect(host.status().mode).toBe('live');
    expect(host.settings.getView().liveStartFailure).toBeNull();
  });
});

describe('damaged training journal', () => {
  it('throws JournalDamagedError naming the file', async () => {
    const journalPath = join(dataDir, TRAINING_JOURNAL_FILE);
    writeFileSync(journalPath, GARBAGE);

    const error = await createTill({ dataDir, trainingServer }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(JournalDamagedError);
    expect((error as JournalDamagedError).path).toBe(journalPath);
    expect((error as JournalDamagedError).message).toContain('file is not a database');
    expect(readFileSync(journalPath, 'utf8')).toBe(GARBAGE);
  });

  it('throws JournalDamagedError for a truncated file', async () => {
    const till = await createTill({ dataDir, trainingServer });
    await till.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 100 });
    await till.close();
    const journalPath = join(dataDir, TRAINING_JOURNAL_FILE);
    truncateSync(journalPath, Math.floor(statSync(journalPath).size / 2));
    const sizeBefore = statSync(journalPath).size;

    const error = await createTill({ dataDir, trainingServer }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(JournalDamagedError);
    expect((error as JournalDamagedError).path).toBe(journalPath);
    expect(statSync(journalPath).size).toBe(sizeBefore);
  });
});
