import { z } from 'zod';
import { connectionFieldsSchema, damagedSettingsNoticeSchema, type ConnectionFields } from '../../common/contract/settings';
import { tillModeSchema, type TillMode } from '../../common/contract/till';
import { storedSecretSchema } from './secret-storage';

// The shape of the settings file. A file that does not match it is treated as damaged: it is
// moved aside and the till starts from the defaults below.

export const STORED_SETTINGS_VERSION = 1;

export const storedSettingsSchema = z.strictObject({
  version: z.literal(STORED_SETTINGS_VERSION),
  mode: tillModeSchema,
  fields: connectionFieldsSchema.nullable(),
  secret: storedSecretSchema.nullable(),
  plainTextSecretAcceptedAt: z.string().nullable(),
  damagedFile: damagedSettingsNoticeSchema.nullable(),
});

export interface StoredSettings {
  version: typeof STORED_SETTINGS_VERSION;
  mode: TillMode;
  fields: ConnectionFields | null;
  secret: z.infer<typeof storedSecretSchema> | null;
  plainTextSecretAcceptedAt: string | null;
  damagedFile: z.infer<typeof damagedSettingsNoticeSchema> | null;
}

/** Returns the settings of a till that was never configured: training mode, nothing saved. */
export function defaultStoredSettings(): StoredSettings {
  return {
    version: STORED_SETTINGS_VERSION,
    mode: 'training',
    fields: null,
    secret: null,
    plainTextSecretAcceptedAt: null,
    damagedFile: null,
  };
}

/**
 * Parses what the settings file contains. An empty object (a store that was never written) gives
 * the defaults; anything that does not match the schema gives null.
 */
export function parseStoredSettings(raw: unknown): StoredSettings | null {
  if (isEmptyObject(raw)) return defaultStoredSettings();
  const parsed = storedSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** Persistence of the settings file; electron-store in the app (see electron-store-file.ts). */
export interface SettingsStore {
  /** Absolute path of the settings file. */
  readonly path: string;
  /** Returns the file's content as parsed JSON, `{}` when there is no file yet. */
  read(): unknown;
  /** Replaces the file's content atomically. */
  write(settings: StoredSettings): void;
}
