import { VipaxError } from './errors';
import { isValidTimeZone } from './timestamp';

/** Receives one line per call outcome, retry and failure. Console and electron-log both fit. */
export interface VipaxLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface VipaxClientConfig {
  /** The API endpoint, e.g. http://host:port/VipaxWS/ws; http or https. */
  url: string;
  appid: string;
  /** Signs requests; never sent, logged or put in an error message. */
  secret: string;
  /** The till's store; the client fills it into every request that takes one. */
  storeCode: string;
  /** Required by the server when several brands share one appid; sent where the API takes it. */
  brandId?: string;
  /** IANA zone for `ts` and for the time fields of uploads. Default Asia/Shanghai. */
  timeZone?: string;
  /** Time allowed to establish the connection. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Time allowed for one whole request, connecting included. Default 15000 ms. */
  timeoutMs?: number;
  /** How often a read is sent again after a `network` failure. Default 2. Writes are never sent again. */
  readRetries?: number;
  /** First wait before a read is sent again; doubles each time, with jitter. Default 300 ms. */
  retryBaseDelayMs?: number;
  logger?: VipaxLogger;
  /** The till's clock, for `ts` and the ping's clock offset. Default: the system clock. */
  now?: () => Date;
}

export interface ResolvedConfig {
  url: URL;
  appid: string;
  secret: string;
  storeCode: string;
  brandId: string | undefined;
  timeZone: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  readRetries: number;
  retryBaseDelayMs: number;
  logger: VipaxLogger | undefined;
  now: () => Date;
}

function invalidConfig(field: string, message: string): VipaxError {
  return new VipaxError('invalid-input', message, { field, rule: 'format' });
}

function requireSetting(field: string, value: unknown, maxLength?: number): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new VipaxError('invalid-input', `Client setting ${field} is required`, { field, rule: 'required' });
  }
  if (maxLength !== undefined && value.length > maxLength) {
    throw new VipaxError('invalid-input', `Client setting ${field} must be at most ${maxLength} characters`, {
      field,
      rule: 'too-long',
      limit: maxLength,
    });
  }
  return value;
}

function requireDuration(field: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw invalidConfig(field, `Client setting ${field} must be a number of milliseconds of at least ${min} (got ${String(value)})`);
  }
  return value;
}

function parseEndpoint(value: unknown): URL {
  const text = requireSetting('url', value);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidConfig('url', `Client setting url is not a valid URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidConfig('url', `Client setting url must use http or https (got ${url.protocol})`);
  }
  // Credentials in the URL would end up in logs and error messages.
  if (url.username !== '' || url.password !== '') {
    throw invalidConfig('url', 'Client setting url must not contain a user name or password');
  }
  return url;
}

/** Checks the configuration and fills in the defaults; fails with `invalid-input` naming the setting. */
export function resolveConfig(config: VipaxClientConfig): ResolvedConfig {
  const timeZone = config.timeZone ?? 'Asia/Shanghai';
  if (!isValidTimeZone(timeZone)) throw invalidConfig('timeZone', `Client setting timeZone is not a known IANA zone: "${timeZone}"`);

  const readRetries = config.readRetries ?? 2;
  if (!Number.isSafeInteger(readRetries) || readRetries < 0 || readRetries > 10) {
    throw invalidConfig('readRetries', `Client setting readRetries must be a whole number from 0 to 10 (got ${String(readRetries)})`);
  }

  return {
    url: parseEndpoint(config.url),
    appid: requireSetting('appid', config.appid),
    secret: requireSetting('secret', config.secret),
    storeCode: requireSetting('storeCode', config.storeCode, 32),
    brandId: config.brandId === undefined ? undefined : requireSetting('brandId', config.brandId, 32),
    timeZone,
    connectTimeoutMs: requireDuration('connectTimeoutMs', config.connectTimeoutMs, 5000, 1),
    timeoutMs: requireDuration('timeoutMs', config.timeoutMs, 15000, 1),
    readRetries,
    retryBaseDelayMs: requireDuration('retryBaseDelayMs', config.retryBaseDelayMs, 300, 0),
    logger: config.logger,
    now: config.now ?? (() => new Date()),
  };
}
