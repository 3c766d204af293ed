import { z } from 'zod';
import { defineChannel } from './base';
import {
  checkTillCodes,
  MAX_STORE_CODE_AND_TILL_ID_LENGTH,
  MAX_STORE_CODE_LENGTH,
  MAX_TILL_ID_LENGTH,
  STORE_CODE_PATTERN,
  TILL_ID_PATTERN,
} from '../till-codes';
import { emptyRequestSchema, tillModeSchema } from './till';

// The till's connection settings, edited by the store manager on the settings screen.
// The VIPax secret is write-only: a request may carry a new one, but no reply ever contains it.
// Replies contain only whether one is set (`secretState`) and how it is protected on disk.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 15_000;

export const MIN_CONNECT_TIMEOUT_MS = 500;
export const MAX_CONNECT_TIMEOUT_MS = 30_000;
export const MIN_TOTAL_TIMEOUT_MS = 1_000;
export const MAX_TOTAL_TIMEOUT_MS = 120_000;

export const MAX_SERVER_URL_LENGTH = 2_048;
export const MAX_SECRET_LENGTH = 256;

/** Returns whether this runtime's Intl data contains the IANA time zone `zone`, e.g. "Asia/Shanghai". */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// zod runs this refinement even after the URL check failed, so it must accept any string.
function hasNoCredentialsOrFragment(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.username === '' && url.password === '' && url.hash === '';
}

/** The VIPax endpoint, e.g. "http://vipax.example.cn:8080/VipaxWS/ws". No user name or password in it. */
export const serverUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(MAX_SERVER_URL_LENGTH)
  .refine(hasNoCredentialsOrFragment, 'The server URL must not contain a user name, password or fragment');

/** The partner id VIPax issued: printable ASCII without spaces. */
export const appidSchema = z.string().trim().min(1).max(64).regex(/^[\x21-\x7e]+$/);

/** Surrounding whitespace is removed, because a pasted secret often carries a trailing newline. */
export const secretSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_SECRET_LENGTH)
  .regex(/^[^\p{Cc}]+$/u, 'The secret must not contain control characters');

/** The store's code at VIPax, e.g. "S001". The rule is in common/till-codes.ts. */
export const storeCodeSchema = z.string().trim().min(1).max(MAX_STORE_CODE_LENGTH).regex(STORE_CODE_PATTERN);

/** Needed only when several brands of one merchant share one appid. Empty means none. */
export const brandIdSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^[A-Za-z0-9_-]*$/)
  .transform((value) => (value === '' ? null : value))
  .nullable();

/** This till's id within the store, e.g. "T01". It becomes part of every order number. */
export const tillIdSchema = z.string().trim().min(1).max(MAX_TILL_ID_LENGTH).regex(TILL_ID_PATTERN);

export const timeZoneSchema = z.string().trim().min(1).max(64).refine(isKnownTimeZone, 'Unknown IANA time zone');

export const connectTimeoutMsSchema = z.int().min(MIN_CONNECT_TIMEOUT_MS).max(MAX_CONNECT_TIMEOUT_MS);
export const totalTimeoutMsSchema = z.int().min(MIN_TOTAL_TIMEOUT_MS).max(MAX_TOTAL_TIMEOUT_MS);

/** Every field needed to reach VIPax, except the secret. */
export const connectionFieldsSchema = z
  .strictObject({
    serverUrl: serverUrlSchema,
    appid: appidSchema,
    storeCode: storeCodeSchema,
    brandId: brandIdSchema.default(null),
    tillId: tillIdSchema,
    timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
    connectTimeoutMs: connectTimeoutMsSchema.default(DEFAULT_CONNECT_TIMEOUT_MS),
    totalTimeoutMs: totalTimeoutMsSchema.default(DEFAULT_TOTAL_TIMEOUT_MS),
  })
  .refine((fields) => fields.totalTimeoutMs >= fields.connectTimeoutMs, {
    message: 'The total timeout must not be shorter than the connect timeout',
    path: ['totalTimeoutMs'],
  })
  .refine((fields) => checkTillCodes(fields.storeCode, fields.tillId) === null, {
    message: `The store code and the till id together must not exceed ${MAX_STORE_CODE_AND_TILL_ID_LENGTH} characters`,
    path: ['tillId'],
  });
export type ConnectionFields = z.output<typeof connectionFieldsSchema>;

export const settingsSaveRequestSchema = z.strictObject({
  fields: connectionFieldsSchema,
  /** A new secret. Absent: the stored secret is kept. */
  secret: secretSchema.optional(),
  /**
   * The manager's acceptance, after a warning, of storing the secret without the operating
   * system's encryption (Linux `basic_text` or no encryption at all). Without it such a save is
   * rejected with `encryption-unavailable`.
   */
  acceptPlainTextSecret: z.boolean().default(false),
});
export type SettingsSaveRequest = z.input<typeof settingsSaveRequestSchema>;

/** Switching between training and live mode is an explicit act: `confirm` must be true. */
export const settingsSetModeRequestSchema = z.strictObject({
  mode: tillModeSchema,
  confirm: z.literal(true),
});
export type SettingsSetModeRequest = z.input<typeof settingsSetModeRequestSchema>;

/** Test the saved settings, or the values on the screen before they are saved. */
export const settingsTestConnectionRequestSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('saved') }),
  z.strictObject({
    source: z.literal('entered'),
    fields: connectionFieldsSchema,
    /** Absent: the test uses the saved secret. */
    secret: secretSchema.optional(),
  }),
]);
export type SettingsTestConnectionRequest = z.input<typeof settingsTestConnectionRequestSchema>;

/**
 * State of the saved secret:
 * - `not-set`: no secret was saved.
 * - `set`: a secret was saved and can be decrypted.
 * - `unreadable`: a secret was saved but cannot be decrypted any more, because the key store
 *   changed or encryption is unavailable. The manager must enter it again.
 */
export const secretStateSchema = z.enum(['not-set', 'set', 'unreadable']);
export type SecretState = z.infer<typeof secretStateSchema>;

export const secretUnreadableReasonSchema = z.enum(['backend-changed', 'encryption-unavailable', 'decryption-failed']);
export type SecretUnreadableReason = z.infer<typeof secretUnreadableReasonSchema>;

/**
 * Protection of the saved secret on disk:
 * - `os-encryption`: Electron safeStorage with the operating system's key store;
 * - `basic-text`: safeStorage with Linux's `basic_text` backend, whose key is not secret;
 * - `none`: stored as plain text because no encryption was available.
 */
export const secretProtectionSchema = z.enum(['os-encryption', 'basic-text', 'none']);
export type SecretProtection = z.infer<typeof secretProtectionSchema>;

export const encryptionStatusSchema = z.object({
  /** Whether safeStorage can encrypt at all. */
  available: z.boolean(),
  /** safeStorage's backend on Linux (e.g. "gnome_libsecret", "basic_text"); "dpapi" or "keychain" elsewhere. */
  backend: z.string(),
  /** True when a secret saved now would be protected by the operating system's key store. */
  strong: z.boolean(),
});
export type EncryptionStatus = z.infer<typeof encryptionStatusSchema>;

/** A settings file that could not be read was moved aside under this name. */
export const damagedSettingsNoticeSchema = z.object({
  /** The file's new name, e.g. "config.json.damaged-20261204T073012Z". */
  fileName: z.string(),
  /** ISO 8601 time the damage was found. */
  detectedAt: z.string(),
});
export type DamagedSettingsNotice = z.infer<typeof damagedSettingsNoticeSchema>;

/**
 * Why the till could not start in live mode and runs in training mode instead:
 * - `settings-incomplete`: the saved fields or a readable secret are missing;
 * - `journal-damaged`: the live journal file cannot be read (`journalPath` names it);
 * - `start-failed`: anything else, e.g. the disk; `message` contains the error.
 */
export const liveStartFailureReasonSchema = z.enum(['settings-incomplete', 'journal-damaged', 'start-failed']);
export type LiveStartFailureReason = z.infer<typeof liveStartFailureReasonSchema>;

export const liveStartFailureSchema = z.object({
  reason: liveStartFailureReasonSchema,
  /** The journal file that failed, for `journal-damaged`. */
  journalPath: z.string().nullable(),
  /** The error in English, for support; the screen shows the locale text for `reason`. */
  message: z.string(),
  /** ISO 8601 time of the failed start. */
  failedAt: z.string(),
});
export type LiveStartFailure = z.infer<typeof liveStartFailureSchema>;

/** The settings as the renderer may see them. There is no field for the secret itself. */
export const settingsViewSchema = z.object({
  mode: tillModeSchema,
  /** The saved connection fields, or null before the first save. */
  fields: z
    .object({
      serverUrl: z.string(),
      appid: z.string(),
      storeCode: z.string(),
      brandId: z.string().nullable(),
      tillId: z.string(),
      timeZone: z.string(),
      connectTimeoutMs: z.int(),
      totalTimeoutMs: z.int(),
    })
    .nullable(),
  secretState: secretStateSchema,
  secretSet: z.boolean(),
  secretUnreadableReason: secretUnreadableReasonSchema.nullable(),
  secretProtection: secretProtectionSchema.nullable(),
  /** ISO 8601 time the manager accepted storing the secret without OS encryption, if ever. */
  plainTextSecretAcceptedAt: z.string().nullable(),
  /** Encryption a new secret saved now would get. */
  encryption: encryptionStatusSchema,
  /** True when the saved fields and a readable secret are enough to reach the live server. */
  configured: z.boolean(),
  /** Set when the settings file was damaged and moved aside; cleared by the next save. */
  damagedFile: damagedSettingsNoticeSchema.nullable(),
  /** Set while the till runs in training mode because live mode failed to start; absent in older views. */
  liveStartFailure: liveStartFailureSchema.nullable().optional(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** One line of the test result each: reachable, signature accepted, clock right. */
export const reachabilitySchema = z.enum(['ok', 'unreachable', 'no-valid-answer']);
export const signatureCheckSchema = z.enum(['accepted', 'rejected', 'not-checked']);
export const clockCheckSchema = z.enum(['ok', 'off', 'not-checked']);

export const connectionTestResultSchema = z.object({
  reachability: reachabilitySchema,
  signature: signatureCheckSchema,
  clock: clockCheckSchema,
  /** Round trip of the test call in milliseconds, when the server replied. */
  latencyMs: z.number().nonnegative().nullable(),
  /** Server clock minus till clock in milliseconds, from the HTTP Date header, when known. */
  clockOffsetMs: z.number().nullable(),
  /** The server's own message when it rejected the test call, verbatim. */
  serverMessage: z.string().nullable(),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const settingsChannels = {
  'settings:get': defineChannel(emptyRequestSchema, settingsViewSchema),
  'settings:save': defineChannel(settingsSaveRequestSchema, settingsViewSchema),
  'settings:set-mode': defineChannel(settingsSetModeRequestSchema, settingsViewSchema),
  'settings:test-connection': defineChannel(settingsTestConnectionRequestSchema, connectionTestResultSchema),
};
