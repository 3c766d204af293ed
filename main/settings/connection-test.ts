import type { ConnectionTestResult } from '../../common/contract/settings';
import { createLogger } from '../logging/logger';
import { createVipaxClient } from '../vipax/client';
import { isVipaxError } from '../vipax/errors';
import { postForm } from '../vipax/transport';
import type { PingResult } from '../vipax/types';
import type { ConnectionSettings } from './settings-service';

// "Test connection" on the settings screen. One signed read (the client's ping) separates three
// results, each shown as its own line: whether the server is reachable, whether it accepts
// the signature made with this appid and secret, and whether the till's clock is off.

/**
 * Largest clock difference reported as right. The training server accepts `ts` within 300 s by
 * default, so 60 s warns well before a rejection.
 * NOTE: the live VIPax server's `ts` window is not documented; 60 s is a guess on the safe side.
 */
export const CLOCK_TOLERANCE_MS = 60_000;

// Rejection messages of the envelope check. The training server sends "签名错误", "appid 无效"
// and "时间戳超出允许范围"; the live server's wording is not documented, so both Chinese and
// English terms are matched.
const SIGNATURE_REJECTION = /签名|密钥|appid|sign|secret/i;
const TIMESTAMP_REJECTION = /时间戳|timestamp|\bts\b/i;

/** The part of a VIPax client, built for the settings under test, that the test calls. */
export interface PingClient {
  ping(): Promise<PingResult>;
  close?(): void;
}

export interface ConnectionTesterOptions {
  /** Default: the real VIPax client, without read retries. */
  createClient?: (target: ConnectionSettings) => PingClient;
  /**
   * Reads the server's clock when the signed ping was rejected, so the clock line has a value
   * even then. Returns server minus till in milliseconds, or null. Default: an unsigned POST.
   */
  measureClockOffset?: (target: ConnectionSettings) => Promise<number | null>;
  clockToleranceMs?: number;
}

export type ConnectionTester = (target: ConnectionSettings) => Promise<ConnectionTestResult>;

const logger = createLogger('settings');

export function createConnectionTester(options: ConnectionTesterOptions = {}): ConnectionTester {
  const createClient = options.createClient ?? createPingClient;
  const measureClockOffset = options.measureClockOffset ?? measureClockOffsetWithUnsignedPost;
  const toleranceMs = options.clockToleranceMs ?? CLOCK_TOLERANCE_MS;

  return async (target) => {
    const result = await runTest(target, createClient, measureClockOffset, toleranceMs);
    logger.info('connection tested', {
      serverUrl: target.serverUrl,
      appid: target.appid,
      reachability: result.reachability,
      // Named so, because the redaction blanks any field called `signature`.
      signatureCheck: result.signature,
      clock: result.clock,
      clockOffsetMs: result.clockOffsetMs,
      serverMessage: result.serverMessage,
    });
    return result;
  };
}

async function runTest(
  target: ConnectionSettings,
  createClient: (target: ConnectionSettings) => PingClient,
  measureClockOffset: (target: ConnectionSettings) => Promise<number | null>,
  toleranceMs: number,
): Promise<ConnectionTestResult> {
  const client = createClient(target);
  try {
    const ping = await client.ping();
    return {
      reachability: 'ok',
      signature: 'accepted',
      clock: judgeClock(ping.clockOffsetMs, toleranceMs),
      latencyMs: ping.latencyMs,
      clockOffsetMs: ping.clockOffsetMs,
      serverMessage: null,
    };
  } catch (error) {
    if (!isVipaxError(error) || error.kind === 'invalid-input') throw error;

    if (error.kind === 'network') return unreachable('unreachable');
    if (error.kind === 'unknown-outcome') return unreachable('no-valid-answer');

    return judgeRejection(error.details.serverMessage ?? error.message, await measureClockOffset(target), toleranceMs);
  } finally {
    client.close?.();
  }
}

function unreachable(reachability: 'unreachable' | 'no-valid-answer'): ConnectionTestResult {
  return { reachability, signature: 'not-checked', clock: 'not-checked', latencyMs: null, clockOffsetMs: null, serverMessage: null };
}

function judgeRejection(serverMessage: string, clockOffsetMs: number | null, toleranceMs: number): ConnectionTestResult {
  const base = { reachability: 'ok' as const, latencyMs: null, clockOffsetMs, serverMessage };

  if (TIMESTAMP_REJECTION.test(serverMessage)) {
    // The server checks `ts` before or beside the signature, so the signature stays unknown.
    return { ...base, signature: 'not-checked', clock: 'off' };
  }
  if (SIGNATURE_REJECTION.test(serverMessage)) {
    return { ...base, signature: 'rejected', clock: judgeClock(clockOffsetMs, toleranceMs) };
  }
  // Another rejection: the screen shows the server's message, but it proves nothing about the signature.
  return { ...base, signature: 'not-checked', clock: judgeClock(clockOffsetMs, toleranceMs) };
}

function judgeClock(clockOffsetMs: number | null, toleranceMs: number): ConnectionTestResult['clock'] {
  if (clockOffsetMs === null) return 'not-checked';
  return Math.abs(clockOffsetMs) <= toleranceMs ? 'ok' : 'off';
}

function createPingClient(target: ConnectionSettings): PingClient {
  return createVipaxClient({
    url: target.serverUrl,
    appid: target.appid,
    secret: target.secret,
    storeCode: target.storeCode,
    ...(target.brandId === null ? {} : { brandId: target.brandId }),
    timeZone: target.timeZone,
    connectTimeoutMs: target.connectTimeoutMs,
    timeoutMs: target.totalTimeoutMs,
    // A test reports the first failure as it is.
    readRetries: 0,
    logger: createLogger('vipax'),
  });
}

/**
 * Sends an empty, unsigned POST and compares the reply's Date header with the till's clock at
 * the middle of the exchange. The server rejects such a request, so it changes nothing there.
 */
async function measureClockOffsetWithUnsignedPost(target: ConnectionSettings): Promise<number | null> {
  const sentAt = Date.now();
  try {
    const reply = await postForm(new URL(target.serverUrl), '', {
      connectTimeoutMs: target.connectTimeoutMs,
      timeoutMs: target.totalTimeoutMs,
      agent: false,
    });
    const serverTime = Date.parse(String(reply.headers.date ?? ''));
    if (Number.isNaN(serverTime)) return null;

    // The Date header is truncated to whole seconds, so the server's clock was on average 500 ms past it.
    const tillTime = (sentAt + Date.now()) / 2;
    return Math.round(serverTime + 500 - tillTime);
  } catch (error) {
    logger.warn('clock measurement failed', { serverUrl: target.serverUrl, error });
    return null;
  }
}
