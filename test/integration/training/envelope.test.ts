import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, seedFixtures, signatureFor, startTrainingServer, type TrainingServer } from '../../../main/training';
import { callRaw, envelopeFor } from './wire-client';

const gold = seedFixtures.members.gold;
const getGold = { store_code: 'S001', vip_no: gold.cardNo };

describe('training server envelope', () => {
  // A fixed server clock: 2026-12-04 15:30:12 in Shanghai.
  const serverNow = new Date('2026-12-04T07:30:12.000Z');
  let server: TrainingServer;

  beforeAll(async () => {
    server = await startTrainingServer({ now: () => serverNow });
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves the default endpoint and credentials', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/VipaxWS\/ws$/);
    expect(server.appid).toBe('training-appid');
    expect(server.secret).toBe('training-secret');
    expect(server.storeCode).toBe('S001');
  });

  it('computes md5(appid+secret+ts+v) in lowercase hex', () => {
    // Expected value from `printf %s training-appidtraining-secret202612041530122.0 | md5sum`.
    expect(signatureFor('training-appid', 'training-secret', '20261204153012', '2.0')).toBe('ce95b8979d6b1ebd81b8c74c53107684');
  });

  it('accepts a correct signature', async () => {
    const reply = await callRaw(server, 'customer', 'get', getGold, { at: serverNow });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('"code":"1"');
    expect(reply.json.message).toBe('操作成功!');
  });

  it('accepts GET with the fields in the query', async () => {
    const reply = await callRaw(server, 'customer', 'get', getGold, { at: serverNow, get: true });
    expect(reply.json.code).toBe('1');
  });

  it('rejects a wrong signature', async () => {
    const reply = await callRaw(server, 'customer', 'get', getGold, { at: serverNow, envelope: { sign: '0'.repeat(32) } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ code: '0', message: '签名错误', result: null });
  });

  it('rejects a signature made with another secret', async () => {
    const ts = '20261204153012';
    const sign = signatureFor(server.appid, 'other-secret', ts, '2.0');
    const reply = await callRaw(server, 'customer', 'get', getGold, { envelope: { ts, sign } });
    expect(reply.json.message).toBe('签名错误');
  });

  it('rejects an uppercase signature', async () => {
    const ts = '20261204153012';
    const sign = signatureFor(server.appid, server.secret, ts, '2.0').toUpperCase();
    const reply = await callRaw(server, 'customer', 'get', getGold, { envelope: { ts, sign } });
    expect(reply.json.message).toBe('签名错误');
  });

  it('rejects an unknown appid', async () => {
    const reply = await callRaw(server, 'customer', 'get', getGold, { at: serverNow, envelope: { appid: 'someone-else' } });
    expect(reply.json).toEqual({ code: '0', message: 'appid 无效', result: null });
  });

  it('rejects another version', async () => {
    const ts = '20261204153012';
    const reply = await callRaw(server, 'customer', 'get', getGold, {
      envelope: { ts, v: '1.0', sign: signatureFor(server.appid, server.secret, ts, '1.0') },
    });
    expect(reply.json.message).toBe('版本号错误，当前版本为 2.0');
  });

  it('accepts ts at the edge of the window', async () => {
    const fiveMinutesEarlier = new Date(serverNow.getTime() - 300_000);
    const reply = await callRaw(server, 'customer', 'get', getGold, { at: fiveMinutesEarlier });
    expect(reply.json.code).toBe('1');
  });

  it('rejects ts outside the window', async () => {
    const tooEarly = new Date(serverNow.getTime() - 301_000);
    const tooLate = new Date(serverNow.getTime() + 301_000);
    expect((await callRaw(server, 'customer', 'get', getGold, { at: tooEarly })).json.message).toBe('时间戳超出允许范围');
    expect((await callRaw(server, 'customer', 'get', getGold, { at: tooLate })).json.message).toBe('时间戳超出允许范围');
  });

  it('rejects ts written in UTC instead of Shanghai time', async () => {
    const ts = '20261204073012';
    const reply = await callRaw(server, 'customer', 'get', getGold, {
      envelope: { ts, sign: signatureFor(server.appid, server.secret, ts, '2.0') },
    });
    expect(reply.json.message).toBe('时间戳超出允许范围');
  });

  it('rejects a malformed ts', async () => {
    const ts = '2026-12-04 15:30';
    const reply = await callRaw(server, 'customer', 'get', getGold, {
      envelope: { ts, sign: signatureFor(server.appid, server.secret, ts, '2.0') },
    });
    expect(reply.json.message).toBe('时间戳格式错误，应为 yyyyMMddHHmmss');
  });

  it('rejects a missing field', async () => {
    const reply = await callRaw(server, 'customer', 'get', getGold, { at: serverNow, envelope: { sign: '' } });
    expect(reply.json.message).toBe('缺少参数：sign');
  });

  it('rejects an unknown method', async () => {
    const reply = await callRaw(server, 'customer', 'delete', getGold, { at: serverNow });
    expect(reply.json).toEqual({ code: '0', message: '接口不存在：model=customer, method=delete', result: null });
  });

  it('rejects an unknown model', async () => {
    const reply = await callRaw(server, 'toString', 'get', getGold, { at: serverNow });
    expect(reply.json.message).toBe('接口不存在：model=toString, method=get');
  });

  it('rejects msg that is not a JSON object', async () => {
    expect((await callRaw(server, 'customer', 'get', '{"store_code":', { at: serverNow })).json.message).toBe('msg 不是有效的 JSON 对象');
    expect((await callRaw(server, 'customer', 'get', '[1,2]', { at: serverNow })).json.message).toBe('msg 不是有效的 JSON 对象');
  });

  it('decodes UTF-8 form fields', async () => {
    const reply = await callRaw(server, 'customer', 'get', { store_code: 'S001', vip_no: '不存在的卡' }, { at: serverNow });
    expect(reply.json.message).toBe('会员不存在');
  });

  it('answers with the server clock in the Date header', async () => {
    const form = envelopeFor(server, 'customer', 'get', getGold, { at: serverNow });
    const response = await fetch(server.url, { method: 'POST', body: form });
    expect(response.headers.get('date')).toBe('Fri, 04 Dec 2026 07:30:12 GMT');
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  });

  it('answers 413 to a body over the limit', async () => {
    const form = envelopeFor(server, 'customer', 'get', { store_code: 'S001', remark: 'x'.repeat(MAX_BODY_BYTES) }, { at: serverNow });
    const response = await fetch(server.url, { method: 'POST', body: form });
    expect(response.status).toBe(413);
  });

  it('answers 404 to another path', async () => {
    const response = await fetch(server.url.replace('/VipaxWS/ws', '/other'));
    expect(response.status).toBe(404);
  });

  it('answers 405 to PUT', async () => {
    const response = await fetch(server.url, { method: 'PUT', body: '' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});

describe('training server options', () => {
  it('uses the configured credentials, store and zone', async () => {
    const serverNow = new Date('2026-12-04T07:30:12.000Z');
    const server = await startTrainingServer({
      appid: 'store-42',
      secret: 's3cret',
      storeCode: 'S042',
      timeZone: 'UTC',
      tsWindowSeconds: 10,
      now: () => serverNow,
    });
    try {
      const ts = '20261204073012';
      const sign = signatureFor('store-42', 's3cret', ts, '2.0');
      const reply = await callRaw(server, 'customer', 'get', { store_code: 'S042', vip_no: gold.cardNo }, { envelope: { ts, sign } });
      expect(reply.json.code).toBe('1');

      const otherStore = await callRaw(server, 'customer', 'get', { store_code: 'S001', vip_no: gold.cardNo }, { envelope: { ts, sign } });
      expect(otherStore.json.message).toBe('门店不存在：S001');

      const late = '20261204073023';
      const lateReply = await callRaw(server, 'customer', 'get', { store_code: 'S042', vip_no: gold.cardNo }, {
        envelope: { ts: late, sign: signatureFor('store-42', 's3cret', late, '2.0') },
      });
      expect(lateReply.json.message).toBe('时间戳超出允许范围');
    } finally {
      await server.close();
    }
  });

  it('rejects an unknown time zone', async () => {
    await expect(startTrainingServer({ timeZone: 'Mars/Olympus' })).rejects.toThrow(RangeError);
  });
});
