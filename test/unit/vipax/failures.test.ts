// Each failure kind from each fault, against local servers on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVipaxClient, type VipaxClientConfig, type VipaxHttpClient } from '../../../main/vipax/client';
import { VipaxError } from '../../../main/vipax/errors';
import { findClosedPort, replyJson, startLocalServer, type LocalServer } from './local-server';

const SECRET = 'unit-secret-5f2c';
const member = {
  customerId: 'MEMB20160901000101',
  cardNo: 'CARD201609010101',
  point: '1234.560000',
  state: '正常',
  cashPayRate: '88',
};
const payment = { memberNo: member.customerId, orderNo: 'S001-T01-20261204153012-0007', priceFen: 1001 };

interface LogLine {
  level: string;
  message: string;
  details?: Record<string, unknown>;
}

function captureLogger(lines: LogLine[]): NonNullable<VipaxClientConfig['logger']> {
  const record = (level: string) => (message: string, details?: Record<string, unknown>) => {
    lines.push(details === undefined ? { level, message } : { level, message, details });
  };
  return { info: record('info'), warn: record('warn'), error: record('error') };
}

async function failureOf(promise: Promise<unknown>): Promise<VipaxError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof VipaxError)) throw outcome;
  return outcome;
}

let server: LocalServer;
const clients: VipaxHttpClient[] = [];
let logLines: LogLine[] = [];

function clientFor(url: string, overrides: Partial<VipaxClientConfig> = {}): VipaxHttpClient {
  const client = createVipaxClient({
    url,
    appid: 'app',
    secret: SECRET,
    storeCode: 'S001',
    connectTimeoutMs: 1000,
    timeoutMs: 1500,
    retryBaseDelayMs: 20,
    logger: captureLogger(logLines),
    ...overrides,
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  server = await startLocalServer();
});

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  const everything = JSON.stringify(logLines);
  // Whatever failed, the secret must never reach a log line.
  expect(everything).not.toContain(SECRET);
  logLines = [];
});

afterAll(async () => {
  await server.close();
});

describe('network: certainly not delivered', () => {
  it('refused connection on a write', async () => {
    const port = await findClosedPort();
    const error = await failureOf(clientFor(`http://127.0.0.1:${port}/VipaxWS/ws`).paidConsumeByPro(payment));

    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain(SECRET);
    expect(logLines.filter((line) => line.message.includes('retry'))).toHaveLength(0);
  });

  it('refused connection on a read retries twice', async () => {
    const port = await findClosedPort();
    const error = await failureOf(clientFor(`http://127.0.0.1:${port}/VipaxWS/ws`).getMembers({ cardNo: member.cardNo }));

    expect(error.kind).toBe('network');
    const retries = logLines.filter((line) => line.message.includes('retry'));
    expect(retries).toHaveLength(2);
    expect(retries[0]?.message).toMatch(/^customer\.get failed, retry 1 of 2 in \d+ ms: Cannot connect to .* \(ECONNREFUSED\)$/);
    expect(retries[1]?.message).toMatch(/^customer\.get failed, retry 2 of 2 in \d+ ms: /);
  });

  it('connect timeout when the listener never accepts', async () => {
    // A child process listens with a backlog of 1 and then blocks, so it never accepts. Once the
    // queue is full, the kernel drops further connection attempts and connect() hangs.
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        `const s = require('node:net').createServer();
         s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
           console.log(s.address().port);
           Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
         });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const fillers: net.Socket[] = [];
    try {
      const port = await new Promise<number>((resolve) => child.stdout!.once('data', (data) => resolve(Number(String(data).trim()))));
      for (let index = 0; index < 8; index++) {
        const socket = net.connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        fillers.push(socket);
        const connected = await Promise.race([
          new Promise<boolean>((resolve) => socket.once('connect', () => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200)),
        ]);
        if (!connected) break;
      }

      const started = Date.now();
      const client = clientFor(`http://127.0.0.1:${port}/VipaxWS/ws`, { connectTimeoutMs: 300, timeoutMs: 5000 });
      const error = await failureOf(client.paidConsumeByPro(payment));

      expect(error.kind).toBe('network');
      expect(error.message).toMatch(/Connecting to http:\/\/127\.0\.0\.1:\d+\/VipaxWS\/ws timed out after 300 ms/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const socket of fillers) socket.destroy();
      child.kill();
    }
  });
});

describe('unknown-outcome: may have been applied', () => {
  it('no response within the total timeout', async () => {
    server.setHandler(() => undefined);
    const error = await failureOf(clientFor(server.url, { timeoutMs: 300 }).paidConsumeByPro(payment));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.message).toContain('within 300 ms');
    expect(error.details.timeoutMs).toBe(300);
    expect(logLines.some((line) => line.level === 'error' && line.details?.orderNo === payment.orderNo)).toBe(true);
  });

  it('connection destroyed after the request', async () => {
    server.setHandler((_, response) => response.socket?.destroy());
    const error = await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.message).toMatch(/ECONNRESET|socket hang up/);
  });

  it('connection closed in the middle of the body', async () => {
    server.setHandler((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write('{"code":"1","result":{');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const error = await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(error.kind).toBe('unknown-outcome');
  });

  it('502 with an HTML page', async () => {
    server.setHandler((_, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const error = await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.details.httpStatus).toBe(502);
  });

  it('200 with truncated JSON', async () => {
    server.setHandler((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"code":"1","message":"操作成功!","result":{"customerId":"MEMB2016');
    });
    const error = await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.message).toContain('not JSON');
  });

  it('success without the figures a payment needs', async () => {
    server.setHandler((_, response) => replyJson(response, { code: '1', message: '操作成功!', result: null }));
    const error = await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.message).toBe('customer.paidConsumeByPro: unusable response, result is not an object');
  });

  it('a payment result naming another member', async () => {
    const result = { code: 'MEMB999', cardNo: 'CARD999', cashPayRate: 80, actualPayment: 8, payRateAmount: 2 };
    server.setHandler((_, response) => replyJson(response, { code: '1', message: '操作成功!', result }));
    const error = await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.message).toBe(
      `customer.paidConsumeByPro: unusable response, result.code names member MEMB999 (card CARD999), not ${member.customerId} as sent`,
    );
  });

  it('a payment answered with a word code', async () => {
    server.setHandler((_, response) => replyJson(response, { code: 'SUCCESS', message: '操作成功!' }));
    const error = await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(error.kind).toBe('unknown-outcome');
    expect(error.details.serverCode).toBe('SUCCESS');
  });

  it('a read is not retried after an unknown outcome', async () => {
    server.setHandler((_, response) => {
      response.writeHead(503, { 'content-type': 'text/html' });
      response.end('<html>busy</html>');
    });
    const before = server.requests.length;
    const error = await failureOf(clientFor(server.url).getMembers({ cardNo: member.cardNo }));

    expect(error.kind).toBe('unknown-outcome');
    expect(server.requests.length - before).toBe(1);
  });

  it('a write is sent exactly once', async () => {
    server.setHandler((_, response) => response.socket?.destroy());
    const before = server.requests.length;
    await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(server.requests.length - before).toBe(1);
  });
});

describe('rejected: the server said no', () => {
  it('keeps the message and flags a duplicate', async () => {
    server.setHandler((_, response) => replyJson(response, { code: '0', message: '订单号重复', result: null }));
    const error = await failureOf(clientFor(server.url).paidConsumeByPro(payment));

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('订单号重复');
    expect(error.details.duplicate).toBe(true);
    expect(logLines.at(-1)?.level).toBe('warn');
    expect(logLines.at(-1)?.message).toBe(`customer.paidConsumeByPro failed for order ${payment.orderNo} (rejected): 订单号重复`);
  });
});

describe('requests', () => {
  it('posts the signed form with store code filled in', async () => {
    server.setHandler((_, response) => replyJson(response, { code: '1', message: '操作成功!', result: member, resultList: [member] }));
    const client = clientFor(server.url, { brandId: 'B01', now: () => new Date('2026-12-04T07:30:12Z') });

    const members = await client.getMembers({ cardNo: member.cardNo });
    const sent = server.requests.at(-1)!;

    expect(members).toHaveLength(1);
    expect(members[0]?.balanceFen).toBe(123_456);
    expect(members[0]?.discountRatePercent).toBe(88);
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');
    expect(sent.form.get('ts')).toBe('20261204153012');
    expect(sent.msg).toEqual({ store_code: 'S001', vip_no: member.cardNo });
    expect(sent.body).not.toContain(SECRET);
  });

  it('adds brandId where the API takes it', async () => {
    server.setHandler((_, response) => replyJson(response, { code: '1', result: null }));
    const client = clientFor(server.url, { brandId: 'B01' });

    await client.updateMember({ userId: member.customerId, name: '王建国' });
    expect(server.requests.at(-1)?.msg).toEqual({ user_id: member.customerId, vip_name: '王建国', brandId: 'B01' });

    await client.paidConsume({ memberNo: '', phone: '13900000001', orderNo: 'O-9', priceFen: 500 });
    expect(server.requests.at(-1)?.msg).toEqual({ storeCode: 'S001', orderNo: 'O-9', price: 5, brandId: 'B01', mobile: '13900000001' });
  });

  it('logs a successful write with its order number', async () => {
    server.setHandler((_, response) =>
      replyJson(response, { code: '1', result: { code: member.customerId, cardNo: member.cardNo, cashPayRate: 88, actualPayment: 8.81, payRateAmount: 1.2 } }),
    );
    const result = await clientFor(server.url).paidConsumeByPro(payment);

    expect(result.actualPaymentFen).toBe(881);
    expect(logLines.at(-1)?.level).toBe('info');
    expect(logLines.at(-1)?.message).toBe(`customer.paidConsumeByPro succeeded for order ${payment.orderNo}`);
  });
});

describe('ping', () => {
  it('reports latency and the clock offset', async () => {
    // The server's clock runs 90 s ahead of the till's.
    const tillNow = new Date('2026-12-04T07:30:12.000Z');
    server.setHandler((_, response) => {
      response.setHeader('date', new Date(tillNow.getTime() + 90_000).toUTCString());
      replyJson(response, { code: '1', result: [] });
    });
    const result = await clientFor(server.url, { now: () => tillNow }).ping();
    const sent = server.requests.at(-1)!;

    expect(sent.form.get('method')).toBe('stockRealtime');
    expect(sent.msg).toEqual({ store_code: 'S001', page_no: 0, page_size: 1 });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.clockOffsetMs).toBeGreaterThanOrEqual(90_000);
    expect(result.clockOffsetMs).toBeLessThanOrEqual(90_500);
  });

  it('reports a rejected signature', async () => {
    server.setHandler((_, response) => replyJson(response, { code: '0', message: '签名错误', result: null }));
    const error = await failureOf(clientFor(server.url).ping());

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('签名错误');
  });
});

describe('configuration', () => {
  const base: VipaxClientConfig = { url: 'http://127.0.0.1:1/VipaxWS/ws', appid: 'app', secret: SECRET, storeCode: 'S001' };
  const cases: Array<[string, Partial<VipaxClientConfig>, string]> = [
    ['ftp URL', { url: 'ftp://127.0.0.1/' }, 'url'],
    ['not a URL', { url: 'vipax' }, 'url'],
    ['URL with credentials', { url: 'http://user:pw@127.0.0.1/' }, 'url'],
    ['empty appid', { appid: '' }, 'appid'],
    ['blank secret', { secret: '   ' }, 'secret'],
    ['empty store code', { storeCode: '' }, 'storeCode'],
    ['empty brand id', { brandId: '' }, 'brandId'],
    ['unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['zero timeout', { timeoutMs: 0 }, 'timeoutMs'],
    ['negative connect timeout', { connectTimeoutMs: -1 }, 'connectTimeoutMs'],
    ['fractional retries', { readRetries: 1.5 }, 'readRetries'],
  ];

  it.each(cases)('rejects %s', (_, override, field) => {
    let error: unknown;
    try {
      createVipaxClient({ ...base, ...override });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VipaxError);
    expect((error as VipaxError).kind).toBe('invalid-input');
    expect((error as VipaxError).details.field).toBe(field);
    expect((error as VipaxError).message).not.toContain(SECRET);
  });
});
