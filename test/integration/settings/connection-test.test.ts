import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogBackend, setLogBackend } from '../../../main/logging/logger';
import { clearRegisteredSecrets, registerSecret } from '../../../main/logging/redact';
import { createConnectionTester } from '../../../main/settings/connection-test';
import type { ConnectionSettings } from '../../../main/settings/settings-service';
import { startTrainingServer, type TrainingServer } from '../../../main/training';

const APPID = 'appid-of-store-7';
const SECRET = 'secret-of-store-7-Xk2q';
const TEN_MINUTES_MS = 10 * 60_000;

const servers: TrainingServer[] = [];

async function trainingServer(options: { clockSkewMs?: number } = {}): Promise<TrainingServer> {
  const skew = options.clockSkewMs ?? 0;
  const server = await startTrainingServer({ appid: APPID, secret: SECRET, now: () => new Date(Date.now() + skew) });
  servers.push(server);
  return server;
}

function target(server: { url: string }, overrides: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return {
    serverUrl: server.url,
    appid: APPID,
    secret: SECRET,
    storeCode: 'S001',
    brandId: null,
    tillId: 'T01',
    timeZone: 'Asia/Shanghai',
    connectTimeoutMs: 2_000,
    totalTimeoutMs: 5_000,
    ...overrides,
  };
}

/** Returns a loopback URL where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/VipaxWS/ws`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  clearRegisteredSecrets();
});

describe('connection test against a training server', () => {
  it('accepts good credentials with a right clock', async () => {
    const result = await createConnectionTester()(target(await trainingServer()));

    expect(result.reachability).toBe('ok');
    expect(result.signature).toBe('accepted');
    expect(result.clock).toBe('ok');
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(Math.abs(result.clockOffsetMs ?? Infinity)).toBeLessThan(2_000);
    expect(result.serverMessage).toBeNull();
  });

  it('reports a wrong secret as a rejected signature', async () => {
    const result = await createConnectionTester()(target(await trainingServer(), { secret: 'not-the-secret' }));

    expect(result.reachability).toBe('ok');
    expect(result.signature).toBe('rejected');
    expect(result.serverMessage).toBe('签名错误');
    expect(result.clock).toBe('ok');
    expect(Math.abs(result.clockOffsetMs ?? Infinity)).toBeLessThan(2_000);
  });

  it('reports a wrong appid as a rejected signature', async () => {
    const result = await createConnectionTester()(target(await trainingServer(), { appid: 'someone-else' }));

    expect(result.signature).toBe('rejected');
    expect(result.serverMessage).toBe('appid 无效');
  });

  it('reports a skewed server clock as clock off', async () => {
    const result = await createConnectionTester()(target(await trainingServer({ clockSkewMs: TEN_MINUTES_MS })));

    expect(result.reachability).toBe('ok');
    expect(result.clock).toBe('off');
    expect(result.signature).toBe('not-checked');
    expect(result.serverMessage).toBe('时间戳超出允许范围');
    expect(result.clockOffsetMs).toBeGreaterThan(TEN_MINUTES_MS - 2_000);
    expect(result.clockOffsetMs).toBeLessThan(TEN_MINUTES_MS + 2_000);
  });

  it('reports a skew inside the server window as clock off', async () => {
    const result = await createConnectionTester()(target(await trainingServer({ clockSkewMs: 3 * 60_000 })));

    expect(result.signature).toBe('accepted');
    expect(result.clock).toBe('off');
    expect(result.clockOffsetMs).toBeGreaterThan(3 * 60_000 - 2_000);
  });

  it('reports a wrong time zone as clock off', async () => {
    const result = await createConnectionTester()(target(await trainingServer(), { timeZone: 'Europe/Berlin' }));

    expect(result.clock).toBe('off');
    expect(result.serverMessage).toBe('时间戳超出允许范围');
  });

  it('reports a closed port as unreachable', async () => {
    const result = await createConnectionTester()(target({ url: await closedPortUrl() }));

    expect(result).toEqual({
      reachability: 'unreachable',
      signature: 'not-checked',
      clock: 'not-checked',
      latencyMs: null,
      clockOffsetMs: null,
      serverMessage: null,
    });
  });

  it('reports a server that refuses connections as unreachable', async () => {
    const server = await trainingServer();
    await server.setFault({ kind: 'refuse-connections' });

    expect((await createConnectionTester()(target(server))).reachability).toBe('unreachable');
  });

  it('reports a 502 page as no valid answer', async () => {
    const server = await trainingServer();
    await server.setFault({ kind: 'bad-gateway' });

    const result = await createConnectionTester()(target(server));

    expect(result.reachability).toBe('no-valid-answer');
    expect(result.signature).toBe('not-checked');
  });

  it('reports a silent server as no valid answer', async () => {
    const server = await trainingServer();
    await server.setFault({ kind: 'delay', ms: 3_000 });

    const result = await createConnectionTester()(target(server, { totalTimeoutMs: 1_000, connectTimeoutMs: 500 }));

    expect(result.reachability).toBe('no-valid-answer');
  });

  it('reports an unknown store with the server message', async () => {
    const result = await createConnectionTester()(target(await trainingServer(), { storeCode: 'S999' }));

    expect(result.reachability).toBe('ok');
    expect(result.signature).toBe('not-checked');
    expect(result.serverMessage).toContain('S999');
  });

  it('logs the outcome without the secret', async () => {
    const logs = createMemoryLogBackend();
    const restore = setLogBackend(logs);
    registerSecret(SECRET);
    try {
      await createConnectionTester()(target(await trainingServer(), { secret: SECRET }));
    } finally {
      restore();
    }

    const lines = logs.lines();
    expect(lines.some((line) => line.includes('connection tested') && line.includes('signatureCheck=accepted'))).toBe(true);
    for (const line of lines) expect(line).not.toContain(SECRET);
  });
});
