import { safeStorage } from 'electron';
import type { Logger } from '../logging/logger';
import { openSettingsStore } from './electron-store-file';
import { createSettingsService, type SettingsService } from './settings-service';

/**
 * Opens the settings in `directory` (the app's userData folder) with electron-store and Electron's
 * safeStorage. Call it after the app's `ready` event: before it, safeStorage on Linux reports the
 * backend `unknown` and a saved secret would read as unreadable.
 */
export function openElectronSettings(directory: string, options: { logger?: Logger } = {}): SettingsService {
  const { store, damaged } = openSettingsStore({ directory });
  return createSettingsService({ store, damaged, safeStorage, logger: options.logger });
}
