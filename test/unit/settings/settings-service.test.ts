import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetElectronMock, safeStorage } from '../../mocks/electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsSaveRequest } from '../../../common/contract/settings';
import { createLogger, createMemoryLogBackend, setLogBackend, type MemoryLogBackend } from '../../../main/logging/logger';
import { clearRegisteredSecrets } from '../../../main/logging/redact';
import { openSettingsStore } from '../../../main/settings/electron-store-file';
import { createSettingsService, SettingsError, type SettingsService } from '../../../main/settings/settings-service';

const SECRET = 'vipax-secret-7Hq2-Lm9x';
const NOW = new Date('2026-12-04T07:30:12.000Z');

const FIELDS = {
  serverUrl: 'http://127.0.0.1:18080/VipaxWS/ws',
  appid: 'bb2d5a14847d464a806a396ea1070620',
  storeCode: 'S001',
  brandId: '',
  tillId: 'T01',
  timeZone: 'Asia/Shanghai',
  connectTimeoutMs: 3_000,
  totalTimeoutMs: 10_000,
};

let directory: string;
let logs: MemoryLogBackend;
let restoreLogs: () => void;

beforeEach(() => {
  resetElectronMock();
  directory = mkdtempSync(join(tmpdir(), 'till-settings-'));
  logs = createMemoryLogBackend();
  restoreLogs = setLogBackend(logs);
});

afterEach(() => {
  restoreLogs();
  clearRegisteredSecrets();
});

function openService(): SettingsService {
  const { store, damaged } = openSettingsStore({ directory, now: () => NOW });
  return createSettingsService({ store, damaged, safeStorage, platform: 'linux', now: () => NOW, logger: createLogger('settings') });
}

function saveRequest(overrides: Partial<SettingsSaveRequest> = {}): SettingsSaveRequest {
  return { fields: { ...FIELDS }, secret: SECRET, ...overrides };
}

function captureError(action: () => unknown): SettingsError {
  try {
    action();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

function configText(): string {
  return readFileSync(join(directory, 'config.json'), 'utf8');
}

describe('settings service, new till', () => {
  it('starts in training mode with nothing saved', () => {
    const view = openService().getView();

    expect(view.mode).toBe('training');
    expect(view.fields).toBeNull();
    expect(view.secretState).toBe('not-set');
    expect(view.secretSet).toBe(false);
    expect(view.configured).toBe(false);
    expect(view.damagedFile).toBeNull();
    expect(view.encryption).toEqual({ available: true, backend: 'gnome_libsecret', strong: true });
  });
});

describe('settings service, saving', () => {
  it('saves fields and an encrypted secret', () => {
    const view = openService().save(saveRequest());

    expect(view.fields).toEqual({ ...FIELDS, brandId: null });
    expect(view.secretState).toBe('set');
    expect(view.secretSet).toBe(true);
    expect(view.secretProtection).toBe('os-encryption');
    expect(view.configured).toBe(true);
    expect(JSON.stringify(view)).not.toContain(SECRET);

    const text = configText();
    expect(text).not.toContain(SECRET);
    const saved = JSON.parse(text) as { secret: { ciphertext: string; backend: string } };
    expect(safeStorage.decryptString(Buffer.from(saved.secret.ciphertext, 'base64'))).toBe(SECRET);
    expect(saved.secret.backend).toBe('gnome_libsecret');
  });

  it('writes the file for its owner only', () => {
    openService().save(saveRequest());
    expect(statSync(join(directory, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('reads the secret back after a restart', () => {
    openService().save(saveRequest());

    const reopened = openService();

    expect(reopened.getView().secretState).toBe('set');
    expect(reopened.getConnectionSettings()).toEqual({ ...FIELDS, brandId: null, secret: SECRET });
  });

  it('keeps the secret when a save carries none', () => {
    const service = openService();
    service.save(saveRequest());

    const view = service.save({ fields: { ...FIELDS, tillId: 'T02' } });

    expect(view.secretState).toBe('set');
    expect(service.getConnectionSettings()?.secret).toBe(SECRET);
    expect(service.getConnectionSettings()?.tillId).toBe('T02');
  });

  it('trims a pasted secret', () => {
    const service = openService();
    service.save(saveRequest({ secret: `  ${SECRET}\n` }));
    expect(service.getConnectionSettings()?.secret).toBe(SECRET);
  });

  it('logs changed fields but never the secret', () => {
    const service = openService();
    service.save(saveRequest());
    service.save(saveRequest({ fields: { ...FIELDS, storeCode: 'S002' }, secret: 'second-secret-value' }));

    const lines = logs.lines();
    expect(lines.some((line) => line.includes('settings saved') && line.includes('"storeCode":{"from":"S001","to":"S002"}'))).toBe(true);
    expect(lines.some((line) => line.includes('secretChange=replaced'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain('second-secret-value');
    }
  });

  it.each([
    ['serverUrl', { serverUrl: 'ftp://example.cn/ws' }],
    ['serverUrl', { serverUrl: 'http://user:pass@example.cn/ws' }],
    ['appid', { appid: '' }],
    ['storeCode', { storeCode: 'S 001' }],
    ['tillId', { tillId: 'T-01' }],
    ['timeZone', { timeZone: 'Mars/Olympus' }],
    ['connectTimeoutMs', { connectTimeoutMs: 100 }],
    ['totalTimeoutMs', { totalTimeoutMs: 2_000, connectTimeoutMs: 3_000 }],
    ['totalTimeoutMs', { totalTimeoutMs: 1_500.5 }],
  ])('rejects an invalid %s and saves nothing', (field, change) => {
    const service = openService();

    const error = captureError(() => service.save(saveRequest({ fields: { ...FIELDS, ...change } })));

    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe(`fields.${field}`);
    expect(service.getView().fields).toBeNull();
    expect(existsSync(join(directory, 'config.json')) ? JSON.parse(configText()).fields : null).toBeNull();
  });

  it('rejects an unknown request field', () => {
    const error = captureError(() => openService().save({ ...saveRequest(), secretPlain: 'x' } as SettingsSaveRequest));
    expect(error.code).toBe('invalid-input');
  });
});

describe('settings service, weak encryption', () => {
  it('rejects the secret on basic_text without acceptance', () => {
    safeStorage.backend = 'basic_text';
    const service = openService();

    const error = captureError(() => service.save(saveRequest()));

    expect(error.code).toBe('encryption-unavailable');
    expect(error.field).toBe('secret');
    expect(service.getView().secretState).toBe('not-set');
    expect(service.getView().fields).toBeNull();
    expect(logs.lines().some((line) => line.includes('secret not saved') && line.includes('backend=basic_text'))).toBe(true);
  });

  it('stores on basic_text once the manager accepts', () => {
    safeStorage.backend = 'basic_text';
    const service = openService();

    const view = service.save(saveRequest({ acceptPlainTextSecret: true }));

    expect(view.secretState).toBe('set');
    expect(view.secretProtection).toBe('basic-text');
    expect(view.plainTextSecretAcceptedAt).toBe('2026-12-04T07:30:12.000Z');
    expect(JSON.parse(configText()).plainTextSecretAcceptedAt).toBe('2026-12-04T07:30:12.000Z');
    expect(logs.lines().some((line) => line.includes('[warn]') && line.includes('secret stored without OS encryption'))).toBe(true);
  });

  it('stores plain text when nothing encrypts and the manager accepts', () => {
    safeStorage.available = false;
    const service = openService();

    const view = service.save(saveRequest({ acceptPlainTextSecret: true }));

    expect(view.secretProtection).toBe('none');
    expect(openService().getConnectionSettings()?.secret).toBe(SECRET);
  });

  it('clears the acceptance when a strongly encrypted secret replaces it', () => {
    safeStorage.backend = 'basic_text';
    const service = openService();
    service.save(saveRequest({ acceptPlainTextSecret: true }));

    safeStorage.backend = 'gnome_libsecret';
    const view = openService().save(saveRequest());

    expect(view.secretProtection).toBe('os-encryption');
    expect(view.plainTextSecretAcceptedAt).toBeNull();
  });
});

describe('settings service, unreadable secret', () => {
  it('reports a changed backend and asks for the secret again', () => {
    openService().save(saveRequest());
    safeStorage.backend = 'kwallet5';

    const service = openService();
    const view = service.getView();

    expect(view.secretState).toBe('unreadable');
    expect(view.secretSet).toBe(false);
    expect(view.secretUnreadableReason).toBe('backend-changed');
    expect(view.configured).toBe(false);
    expect(service.getConnectionSettings()).toBeNull();
    expect(logs.lines().some((line) => line.includes('reason=backend-changed') && line.includes('currentBackend=kwallet5'))).toBe(true);

    const saved = service.save(saveRequest());
    expect(saved.secretState).toBe('set');
    expect(service.getConnectionSettings()?.secret).toBe(SECRET);
  });

  it('reports lost encryption as unreadable', () => {
    openService().save(saveRequest());
    safeStorage.available = false;

    expect(openService().getView().secretUnreadableReason).toBe('encryption-unavailable');
  });

  it('refuses a test with the saved unreadable secret', () => {
    openService().save(saveRequest());
    safeStorage.backend = 'kwallet5';

    const error = captureError(() => openService().resolveTestTarget({ source: 'saved' }));

    expect(error.code).toBe('not-configured');
    expect(error.field).toBe('secret');
    expect(error.message).toContain('backend-changed');
  });
});

describe('settings service, damaged file', () => {
  it('moves unparsable JSON aside and starts over', () => {
    writeFileSync(join(directory, 'config.json'), '{"version":1,"mode":"li');

    const service = openService();
    const view = service.getView();

    expect(view.damagedFile).toEqual({ fileName: 'config.json.damaged-20261204T073012Z', detectedAt: '2026-12-04T07:30:12.000Z' });
    expect(view.mode).toBe('training');
    expect(view.fields).toBeNull();
    expect(readFileSync(join(directory, 'config.json.damaged-20261204T073012Z'), 'utf8')).toBe('{"version":1,"mode":"li');
    expect(JSON.parse(configText()).damagedFile.fileName).toBe('config.json.damaged-20261204T073012Z');
    expect(logs.lines().some((line) => line.includes('[warn]') && line.includes('settings file was damaged'))).toBe(true);
  });

  it('moves a file with invalid content aside', () => {
    writeFileSync(join(directory, 'config.json'), JSON.stringify({ version: 1, mode: 'chaos' }));

    expect(openService().getView().damagedFile?.fileName).toBe('config.json.damaged-20261204T073012Z');
  });

  it('moves an empty file aside', () => {
    writeFileSync(join(directory, 'config.json'), '');

    expect(openService().getView().damagedFile).not.toBeNull();
  });

  it('keeps the notice across restarts until a save', () => {
    writeFileSync(join(directory, 'config.json'), 'garbage');
    openService();

    const reopened = openService();
    expect(reopened.getView().damagedFile?.fileName).toBe('config.json.damaged-20261204T073012Z');

    expect(reopened.save(saveRequest()).damagedFile).toBeNull();
    expect(openService().getView().damagedFile).toBeNull();
  });

  it('does not overwrite an earlier damaged copy', () => {
    writeFileSync(join(directory, 'config.json'), 'first');
    openService();
    writeFileSync(join(directory, 'config.json'), 'second');
    openService();

    const names = readdirSync(directory).filter((name) => name.includes('damaged')).sort();
    expect(names).toEqual(['config.json.damaged-20261204T073012Z', 'config.json.damaged-20261204T073012Z-2']);
    expect(readFileSync(join(directory, names[1] ?? ''), 'utf8')).toBe('second');
  });
});

describe('settings service, mode', () => {
  it('requires confirm to switch', () => {
    const service = openService();
    service.save(saveRequest());

    const error = captureError(() => service.setMode({ mode: 'live', confirm: false } as never));

    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('confirm');
    expect(service.getMode()).toBe('training');
  });

  it('refuses live mode before the till is configured', () => {
    const error = captureError(() => openService().setMode({ mode: 'live', confirm: true }));
    expect(error.code).toBe('not-configured');
  });

  it('switches to live and back, persisted and logged', () => {
    const service = openService();
    service.save(saveRequest());
    const changes: string[] = [];
    service.onChange((view) => changes.push(view.mode));

    expect(service.setMode({ mode: 'live', confirm: true }).mode).toBe('live');
    expect(openService().getMode()).toBe('live');
    expect(service.setMode({ mode: 'training', confirm: true }).mode).toBe('training');

    expect(changes).toEqual(['live', 'training']);
    expect(logs.lines().filter((line) => line.includes('till mode changed')).length).toBe(2);
  });
});

describe('settings service, connection test target', () => {
  it('uses the entered values with the saved secret', () => {
    const service = openService();
    service.save(saveRequest());

    const target = service.resolveTestTarget({ source: 'entered', fields: { ...FIELDS, appid: 'other-appid' } });

    expect(target.appid).toBe('other-appid');
    expect(target.secret).toBe(SECRET);
  });

  it('uses an entered secret without saving it', () => {
    const service = openService();

    const target = service.resolveTestTarget({ source: 'entered', fields: FIELDS, secret: 'typed-only' });

    expect(target.secret).toBe('typed-only');
    expect(service.getView().secretState).toBe('not-set');
  });

  it('needs saved settings for a saved test', () => {
    const error = captureError(() => openService().resolveTestTarget({ source: 'saved' }));
    expect(error.code).toBe('not-configured');
    expect(error.field).toBe('fields');
  });
});
