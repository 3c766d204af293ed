import type { z } from 'zod';
import type { IpcErrorCode } from '../../common/contract/base';
import {
  settingsSaveRequestSchema,
  settingsSetModeRequestSchema,
  settingsTestConnectionRequestSchema,
  type ConnectionFields,
  type DamagedSettingsNotice,
  type LiveStartFailure,
  type SettingsSaveRequest,
  type SettingsSetModeRequest,
  type SettingsTestConnectionRequest,
  type SettingsView,
} from '../../common/contract/settings';
import type { TillMode } from '../../common/contract/till';
import { createLogger, type Logger } from '../logging/logger';
import { registerSecret } from '../logging/redact';
import {
  describeEncryption,
  openSecret,
  sealSecret,
  WeakEncryptionError,
  type OpenedSecret,
  type SafeStorageLike,
} from './secret-storage';
import { parseStoredSettings, defaultStoredSettings, type SettingsStore, type StoredSettings } from './stored-settings';

// The till's settings in the main process: validation, the write-only secret, the training/live
// switch, and what the renderer may see. No Electron here: the caller passes the store and
// safeStorage. The decrypted secret leaves this module only through `getConnectionSettings` and
// `resolveTestTarget`, which the main process uses to build the VIPax client.

/** Everything the VIPax client needs, the secret included. Main process only. */
export interface ConnectionSettings extends ConnectionFields {
  secret: string;
}

/** A request the service rejected; nothing was changed. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface SettingsServiceOptions {
  store: SettingsStore;
  /** Set when the settings file was damaged and moved aside while opening the store. */
  damaged?: DamagedSettingsNotice | null;
  /** Electron's safeStorage, or a stand-in with the same methods. */
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  now?: () => Date;
  logger?: Logger;
}

export interface SettingsService {
  getView(): SettingsView;
  getMode(): TillMode;
  /** The saved settings with the decrypted secret, or null when they are incomplete or the secret is unreadable. */
  getConnectionSettings(): ConnectionSettings | null;
  /** The settings a connection test uses: the entered values, falling back to the saved secret. */
  resolveTestTarget(request: SettingsTestConnectionRequest): ConnectionSettings;
  save(request: SettingsSaveRequest): SettingsView;
  setMode(request: SettingsSetModeRequest): SettingsView;
  /**
   * Records why live mode failed to start, and switches the saved mode to training so the
   * settings match the till that runs. Null clears the record after a live start succeeded.
   */
  reportLiveStartFailure(failure: LiveStartFailure | null): SettingsView;
  /** Calls `listener` after every saved change. Returns a function that removes it. */
  onChange(listener: (view: SettingsView) => void): () => void;
}

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { store, safeStorage, platform } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger('settings');
  const listeners = new Set<(view: SettingsView) => void>();

  let stored = loadStoredSettings(store, logger);
  if (options.damaged) {
    stored = { ...stored, damagedFile: options.damaged };
    store.write(stored);
    logger.warn('settings file was damaged and moved aside; settings must be entered again', {
      fileName: options.damaged.fileName,
    });
  }
  let secret = openStoredSecret(stored, safeStorage, platform, logger);
  let liveStartFailure: LiveStartFailure | null = null;

  const getConnectionSettings = (): ConnectionSettings | null => {
    if (stored.fields === null || secret?.state !== 'set') return null;
    return { ...stored.fields, secret: secret.secret };
  };

  const getView = (): SettingsView => {
    const secretState = secret?.state ?? 'not-set';
    return {
      mode: stored.mode,
      fields: stored.fields,
      secretState,
      secretSet: secretState === 'set',
      secretUnreadableReason: secret?.state === 'unreadable' ? secret.reason : null,
      secretProtection: stored.secret?.protection ?? null,
      plainTextSecretAcceptedAt: stored.plainTextSecretAcceptedAt,
      encryption: describeEncryption(safeStorage, platform),
      configured: getConnectionSettings() !== null,
      damagedFile: stored.damagedFile,
      liveStartFailure,
    };
  };

  const commit = (next: StoredSettings, nextSecret: OpenedSecret | null = secret): SettingsView => {
    // Written first: when the write fails, nothing in memory has changed either.
    store.write(next);
    stored = next;
    secret = nextSecret;
    const view = getView();
    for (const listener of listeners) listener(view);
    return view;
  };

  const save = (request: SettingsSaveRequest): SettingsView => {
    const parsed = parseRequest(settingsSaveRequestSchema, request);
    const at = now();
    // Registered before anything can log, so even a failed save cannot write the secret out.
    if (parsed.secret !== undefined) registerSecret(parsed.secret);

    let nextSecret = stored.secret;
    if (parsed.secret !== undefined) {
      try {
        nextSecret = sealSecret(parsed.secret, safeStorage, { acceptPlainText: parsed.acceptPlainTextSecret, now: at, platform });
      } catch (error) {
        if (!(error instanceof WeakEncryptionError)) throw error;
        logger.warn('secret not saved: no OS encryption and plain-text storage not accepted', {
          encryptionAvailable: error.encryption.available,
          backend: error.encryption.backend,
        });
        throw new SettingsError('encryption-unavailable', error.message, 'secret');
      }
    }

    const secretWeak = nextSecret !== null && nextSecret.protection !== 'os-encryption';
    let plainTextSecretAcceptedAt = stored.plainTextSecretAcceptedAt;
    if (parsed.secret !== undefined) plainTextSecretAcceptedAt = secretWeak ? at.toISOString() : null;

    const previousFields = stored.fields;
    const hadSecret = stored.secret !== null;
    const view = commit(
      { ...stored, fields: parsed.fields, secret: nextSecret, plainTextSecretAcceptedAt, damagedFile: null },
      parsed.secret === undefined ? secret : { state: 'set', secret: parsed.secret },
    );

    logger.info('settings saved', {
      changes: describeFieldChanges(previousFields, parsed.fields),
      secretChange: describeSecretChange(parsed.secret !== undefined, hadSecret),
    });
    if (parsed.secret !== undefined && secretWeak) {
      logger.warn('secret stored without OS encryption, as the manager accepted after a warning', {
        protection: nextSecret?.protection,
        backend: nextSecret?.backend,
      });
    }
    return view;
  };

  const setMode = (request: SettingsSetModeRequest): SettingsView => {
    const parsed = parseRequest(settingsSetModeRequestSchema, request);
    if (parsed.mode === stored.mode) return getView();

    if (parsed.mode === 'live' && getConnectionSettings() === null) {
      throw new SettingsError(
        'not-configured',
        'Live mode needs the server URL, appid, store code, till id and a readable secret; save them first',
        'mode',
      );
    }

    const from = stored.mode;
    const view = commit({ ...stored, mode: parsed.mode });
    logger.warn('till mode changed', { from, to: parsed.mode });
    return view;
  };

  const resolveTestTarget = (request: SettingsTestConnectionRequest): ConnectionSettings => {
    const parsed = parseRequest(settingsTestConnectionRequestSchema, request);
    if (parsed.source === 'saved') {
      const saved = getConnectionSettings();
      if (saved === null) throw notConfigured(stored.fields === null ? 'fields' : 'secret', secret);
      return saved;
    }

    if (parsed.secret !== undefined) {
      registerSecret(parsed.secret);
      return { ...parsed.fields, secret: parsed.secret };
    }
    if (secret?.state !== 'set') throw notConfigured('secret', secret);
    return { ...parsed.fields, secret: secret.secret };
  };

  const reportLiveStartFailure = (failure: LiveStartFailure | null): SettingsView => {
    liveStartFailure = failure;
    if (failure === null || stored.mode === 'training') return getView();

    logger.warn('till mode changed', { from: stored.mode, to: 'training', reason: failure.reason });
    return commit({ ...stored, mode: 'training' });
  };

  return {
    getView,
    getMode: () => stored.mode,
    reportLiveStartFailure,
    getConnectionSettings,
    resolveTestTarget,
    save,
    setMode,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function loadStoredSettings(store: SettingsStore, logger: Logger): StoredSettings {
  const parsed = parseStoredSettings(store.read());
  if (parsed !== null) return parsed;

  // The store checks the file before opening it, so this means it changed on disk since then.
  logger.error('settings file content is invalid; starting from defaults', { path: store.path });
  return defaultStoredSettings();
}

function openStoredSecret(
  stored: StoredSettings,
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform | undefined,
  logger: Logger,
): OpenedSecret | null {
  if (stored.secret === null) return null;

  const opened = openSecret(stored.secret, safeStorage, platform);
  if (opened.state === 'set') {
    registerSecret(opened.secret);
  } else {
    logger.warn('saved secret cannot be decrypted; the manager must enter it again', {
      reason: opened.reason,
      savedWithBackend: stored.secret.backend,
      currentBackend: describeEncryption(safeStorage, platform).backend,
    });
  }
  return opened;
}

function notConfigured(missing: 'fields' | 'secret', secret: OpenedSecret | null): SettingsError {
  if (missing === 'fields') {
    return new SettingsError('not-configured', 'No connection settings are saved; enter and save them first', 'fields');
  }
  const message =
    secret?.state === 'unreadable'
      ? `The saved secret cannot be decrypted (${secret.reason}); enter the secret again`
      : 'No secret is saved; enter the secret';
  return new SettingsError('not-configured', message, 'secret');
}

function parseRequest<Schema extends z.ZodType>(schema: Schema, request: unknown): z.output<Schema> {
  const parsed = schema.safeParse(request);
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const message = issue ? `Invalid ${field ?? 'request'}: ${issue.message}` : 'Invalid request';
  throw new SettingsError('invalid-input', message, field);
}

function describeFieldChanges(
  before: ConnectionFields | null,
  after: ConnectionFields,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof ConnectionFields>) {
    const from = before?.[key] ?? null;
    if (from !== after[key]) changes[key] = { from, to: after[key] };
  }
  return changes;
}

function describeSecretChange(secretGiven: boolean, hadSecret: boolean): 'kept' | 'replaced' | 'set' {
  if (!secretGiven) return 'kept';
  return hadSecret ? 'replaced' : 'set';
}
