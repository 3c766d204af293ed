import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { DamagedSettingsNotice } from '../../common/contract/settings';
import { moveAside, quarantineIfDamaged } from './damaged-file';
import { parseStoredSettings, type SettingsStore, type StoredSettings } from './stored-settings';

// The settings file through electron-store (which writes atomically). The file is checked before
// electron-store opens it, because electron-store throws on a file it cannot parse.

export interface OpenedSettingsStore {
  store: SettingsStore;
  /** Set when a damaged file was moved aside while opening. */
  damaged: DamagedSettingsNotice | null;
}

const FILE_NAME = 'config';

/** Opens `<directory>/config.json`, moving a damaged file aside first. */
export function openSettingsStore(options: { directory: string; now?: () => Date }): OpenedSettingsStore {
  const now = options.now ?? (() => new Date());
  const path = join(options.directory, `${FILE_NAME}.json`);
  let damaged = quarantineIfDamaged(path, (content) => parseStoredSettings(content) !== null, now());

  let electronStore: ElectronStore;
  try {
    electronStore = createElectronStore(options.directory);
  } catch (error) {
    // The file changed between the check and the open; it is moved aside like any damaged file.
    if (!(error instanceof SyntaxError)) throw error;
    damaged = moveAside(path, now());
    electronStore = createElectronStore(options.directory);
  }

  const store: SettingsStore = {
    path: electronStore.path,
    read: () => structuredClone(electronStore.store),
    write: (settings: StoredSettings) => {
      electronStore.store = settings as unknown as Record<string, unknown>;
    },
  };
  return { store, damaged };
}

function createElectronStore(directory: string): ElectronStore {
  return new ElectronStore({
    cwd: directory,
    name: FILE_NAME,
    // Only the owner may read the file, because it contains the secret's ciphertext.
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });
}
