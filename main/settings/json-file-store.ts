import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DamagedSettingsNotice } from '../../common/contract/settings';
import { quarantineIfDamaged } from './damaged-file';
import { NO_OS_ENCRYPTION } from './secret-storage';
import { createSettingsService, type SettingsService } from './settings-service';
import { parseStoredSettings, type SettingsStore, type StoredSettings } from './stored-settings';

// The settings file without electron-store, for the till when it runs in plain Node (the command
// line, tests, the end-to-end harness). Same path and format as electron-store's, so either can
// open a file the other wrote.

export function openJsonSettingsStore(options: { directory: string; now?: () => Date }): {
  store: SettingsStore;
  damaged: DamagedSettingsNotice | null;
} {
  const now = options.now ?? (() => new Date());
  mkdirSync(options.directory, { recursive: true, mode: 0o700 });
  const path = join(options.directory, 'config.json');
  const damaged = quarantineIfDamaged(path, (content) => parseStoredSettings(content) !== null, now());

  const store: SettingsStore = {
    path,
    read: () => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : {}),
    write: (settings: StoredSettings) => writeFileAtomically(path, `${JSON.stringify(settings, null, '\t')}\n`),
  };
  return { store, damaged };
}

/** Writes a temporary file, syncs it to disk and renames it over `path`, so a crash leaves the old or the new file. */
function writeFileAtomically(path: string, text: string): void {
  const temporaryPath = `${path}.tmp-${process.pid}`;
  const descriptor = openSync(temporaryPath, 'w', 0o600);
  try {
    writeSync(descriptor, text);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporaryPath, path);
}

/**
 * Opens the settings in `directory` for a till in plain Node: the JSON file without OS
 * encryption, so a secret is saved only when the manager accepts plain-text storage.
 */
export function openPlainSettings(directory: string): SettingsService {
  const { store, damaged } = openJsonSettingsStore({ directory });
  return createSettingsService({ store, damaged, safeStorage: NO_OS_ENCRYPTION });
}
