import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '../../../common/contract';
import { createTill, type Till } from '../../../main/app/create-till';
import { createMemoryLogBackend, setLogBackend } from '../../../main/logging/logger';
import { startTrainingServer, type TrainingServer } from '../../../main/training';
import { startCountingProxy, type CountingProxy } from './counting-proxy';

// Sends at least 1,000 malformed requests to every channel of a real till's router: wrong types,
// missing and extra fields, huge strings, NaN, negative and over-precise amounts. Each must come
// back as `invalid-input` without reaching a handler, and no request may reach the server.

const PAYLOADS_PER_CHANNEL = 1_000;
const MAX_ATTEMPTS_PER_CHANNEL = 20_000;
const SEED = 0x5eed_7111;

const HUGE_STRING = 'x'.repeat(1_000_000);
const HUGE_DIGITS = '9'.repeat(10_000);

/** Values of the wrong type, size or precision for any field. */
const JUNK: readonly unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -1,
  -0.01,
  0.5,
  12.345,
  1.005,
  -100_000,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  -1e21,
  '',
  '   ',
  '\u0000',
  '\u202e\u0007',
  'NaN',
  '12.345',
  '-1',
  '1e3',
  HUGE_STRING,
  HUGE_DIGITS,
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '13912348173',
  'http://example.com/',
  'javascript:alert(1)',
  [],
  [1, 2, 3],
  [null],
  {},
  { $gt: '' },
  { nested: { deeper: [HUGE_STRING] } },
  new Date(0),
  new Map([['a', 1]]),
  new Set([1]),
  Symbol.for('junk'),
  10n,
];

const EXTRA_KEYS = ['extra', 'secret', 'constructor', 'toString', '__proto__', 'isAdmin', '', 'x'.repeat(10_000)];

/** Returns a valid request per channel where a JSON Schema sample would miss a refinement. */
function handWrittenSamples(serverUrl: string): Partial<Record<ChannelName, unknown>> {
  const fields = {
    serverUrl,
    appid: 'fuzz-appid',
    storeCode: 'S001',
    brandId: 'B01',
    tillId: 'T01',
    timeZone: 'Asia/Shanghai',
    connectTimeoutMs: 2_000,
    totalTimeoutMs: 5_000,
  };
  return {
    'member:lookup': { query: 'CARD201609016048', by: 'card' },
    'payment:pay': { customerId: 'MEMB20160901006045', cardNo: 'CARD201609016048', amountFen: 1_234 },
    'payment:resolve': { orderNo: 'S001-T01-20261204153012-0007' },
    'settings:save': { fields, secret: 'fuzz-secret', acceptPlainTextSecret: false },
    'settings:set-mode': { mode: 'live', confirm: true },
    'settings:test-connection': { source: 'entered', fields, secret: 'fuzz-secret' },
  };
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
};

const PATTERN_SAMPLES: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-12-04',
  '^1\\d{10}$': '13912348173',
};

/** Builds a request from the channel's JSON Schema, for channels without a hand-written sample. */
function sampleFromJsonSchema(schema: JsonSchema, serverUrl: string): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return sampleFromJsonSchema(variants.find((variant) => variant.type !== 'null') ?? variants[0] ?? {}, serverUrl);

  const type = Array.isArray(schema.type) ? schema.type.find((name) => name !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) value[key] = sampleFromJsonSchema(property, serverUrl);
      return value;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleFromJsonSchema(schema.items ?? {}, serverUrl));
    case 'string':
      if (schema.pattern !== undefined && PATTERN_SAMPLES[schema.pattern] !== undefined) return PATTERN_SAMPLES[schema.pattern];
      if (schema.format === 'uri') return serverUrl;
      return 'A'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}

/** Returns a valid request for `channel`, or undefined when none could be built. */
function validSample(channel: ChannelName, serverUrl: string): unknown {
  const schema = channels[channel].request as z.ZodType;
  const candidates = [handWrittenSamples(serverUrl)[channel]];
  try {
    candidates.push(sampleFromJsonSchema(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, serverUrl));
  } catch {
    // A schema without a JSON Schema form gets junk payloads only.
  }
  return candidates.find((candidate) => candidate !== undefined && schema.safeParse(candidate).success);
}

/** mulberry32: a small seeded generator, so a failing payload can be reproduced. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  // defineProperty, so `__proto__` becomes an own field as JSON.parse would make it.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Changes one spot of `value`: a field removed, added or given junk, or the whole value replaced. */
function mutate(value: unknown, random: () => number): unknown {
  if (Array.isArray(value) && value.length > 0 && random() < 0.6) {
    const copy = [...value];
    const index = Math.floor(random() * copy.length);
    copy[index] = mutate(copy[index], random);
    return copy;
  }
  if (!isPlainObject(value) || random() < 0.1) return pick(random, JUNK);

  const copy: Record<string, unknown> = { ...value };
  const keys = Object.keys(copy);
  const roll = random();
  if (roll < 0.2 && keys.length > 0) {
    delete copy[pick(random, keys)];
    return copy;
  }
  if (roll < 0.35 || keys.length === 0) return withOwnKey(copy, pick(random, EXTRA_KEYS), pick(random, JUNK));

  const key = pick(random, keys);
  copy[key] = random() < 0.5 ? mutate(copy[key], random) : pick(random, JUNK);
  return copy;
}

interface ChannelRun {
  sent: number;
  replies: Map<string, number>;
  unexpected: Array<{ payload: string; reply: string }>;
  thrown: string[];
}

let dataDir: string;
let server: TrainingServer;
let proxy: CountingProxy;
let till: Till;
let restoreLogs: () => void;

beforeAll(async () => {
  restoreLogs = setLogBackend(createMemoryLogBackend());
  dataDir = mkdtempSync(join(tmpdir(), 'till-fuzz-'));
  server = await startTrainingServer();
  proxy = await startCountingProxy(server.url);
  till = await createTill({
    dataDir,
    config: { url: proxy.url, appid: server.appid, secret: server.secret, storeCode: server.storeCode, readRetries: 0 },
    // One ping at start; none during the fuzz, so every counted request would be the fuzz's.
    monitor: { intervalMs: 3_600_000, offlineIntervalMs: 3_600_000 },
  });
  for (let waited = 0; till.status().connection === 'checking' && waited < 5_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  proxy.reset();
});

afterAll(async () => {
  await till?.close();
  await proxy?.close();
  await server?.close();
  restoreLogs?.();
  rmSync(dataDir, { recursive: true, force: true });
});

async function fuzzChannel(channel: ChannelName, seed: number): Promise<ChannelRun> {
  const schema = channels[channel].request as z.ZodType;
  const random = createRandom(seed);
  const sample = validSample(channel, proxy.url);
  const run: ChannelRun = { sent: 0, replies: new Map(), unexpected: [], thrown: [] };

  for (let attempt = 0; run.sent < PAYLOADS_PER_CHANNEL && attempt < MAX_ATTEMPTS_PER_CHANNEL; attempt += 1) {
    const payload = sample === undefined || random() < 0.15 ? pick(random, JUNK) : mutate(sample, random);
    if (schema.safeParse(payload).success) continue;
    run.sent += 1;

    try {
      const reply = await till.router.handle(channel, payload);
      const code = reply.ok ? 'ok' : reply.error.code;
      run.replies.set(code, (run.replies.get(code) ?? 0) + 1);
      if (code !== 'invalid-input' && run.unexpected.length < 5) {
        run.unexpected.push({ payload: preview(payload), reply: JSON.stringify(reply).slice(0, 300) });
      }
    } catch (error) {
      run.thrown.push(`${preview(payload)} → ${String(error)}`);
    }
  }
  return run;
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? `${field}n` : field));
    return (text ?? String(value)).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}

describe('IPC router under malformed requests', () => {
  it('handles every contract channel', () => {
    expect([...till.router.channelNames].sort()).toEqual([...channelNames].sort());
  });

  it.each(channelNames.map((channel, index) => [channel, index] as const))(
    'rejects malformed %s requests as invalid-input',
    async (channel, index) => {
      const settingsBefore = JSON.stringify(till.settings.getView());
      const run = await fuzzChannel(channel, SEED + index);

      expect(run.sent).toBeGreaterThanOrEqual(PAYLOADS_PER_CHANNEL);
      expect(run.thrown).toEqual([]);
      expect(run.unexpected).toEqual([]);
      expect(Object.fromEntries(run.replies)).toEqual({ 'invalid-input': run.sent });
      expect(proxy.methods()).toEqual([]);
      expect(JSON.stringify(till.settings.getView())).toBe(settingsBefore);
    },
  );
});
