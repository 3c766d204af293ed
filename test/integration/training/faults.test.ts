import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFixtures, startTrainingServer, type AppliedCall, type TrainingServer } from '../../../main/training';
import { callRaw, envelopeFor } from './wire-client';

const gold = seedFixtures.members.gold;

describe('training server faults', () => {
  let server: TrainingServer;
  beforeEach(async () => {
    server = await startTrainingServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const pay = (orderNo: string) =>
    callRaw(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo, price: 10 });
  const getGold = () => callRaw(server, 'customer', 'get', { store_code: 'S001', vip_no: gold.cardNo });
  const postRaw = (model: string, method: string, msg: unknown) =>
    fetch(server.url, { method: 'POST', body: envelopeFor(server, model, method, msg) });

  /** Resolves with the error code beneath fetch's "fetch failed", e.g. ECONNREFUSED. */
  async function failureCodeOf(request: Promise<unknown>): Promise<string> {
    try {
      await request;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      return cause?.code ?? 'no code';
    }
    return 'no error';
  }

  it('delays the answer but applies at once', async () => {
    await server.setFault({ kind: 'delay', ms: 300 });
    const started = Date.now();
    const reply = pay('F-1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.countApplied('F-1')).toBe(1);

    expect((await reply).json.code).toBe('1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('applies later than the client gives up', async () => {
    await server.setFault({ kind: 'delay', ms: 0, applyAfterMs: 400 });
    const form = envelopeFor(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'F-9', price: 10 });
    const request = fetch(server.url, { method: 'POST', body: form, signal: AbortSignal.timeout(100) });
    await expect(request).rejects.toThrow(/aborted/i);
    expect(server.countApplied('F-9')).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.countApplied('F-9')).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);
  });

  it('answers 504 before applying late', async () => {
    await server.setFault({ kind: 'gateway-timeout', answerAfterMs: 50, applyAfterMs: 400 });
    const started = Date.now();
    const reply = await postRaw('customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'F-10', price: 10 });

    expect(reply.status).toBe(504);
    expect(await reply.text()).toContain('504 Gateway Time-out');
    expect(Date.now() - started).toBeLessThan(350);
    expect(server.countApplied('F-10')).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.countApplied('F-10')).toBe(1);
  });

  it('lets a client time out on a delay', async () => {
    await server.setFault({ kind: 'delay', ms: 2_000 });
    const form = envelopeFor(server, 'customer', 'get', { store_code: 'S001', vip_no: gold.cardNo });
    const request = fetch(server.url, { method: 'POST', body: form, signal: AbortSignal.timeout(100) });
    await expect(request).rejects.toThrow(/aborted/i);
  });

  it('drops the connection after applying', async () => {
    await server.setFault({ kind: 'drop-after-apply' });
    const code = await failureCodeOf(pay('F-2'));
    expect(code).toBe('UND_ERR_SOCKET');
    expect(server.countApplied('F-2')).toBe(1);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);
  });

  it('answers 502 with HTML and applies nothing', async () => {
    await server.setFault({ kind: 'bad-gateway' });
    const response = await postRaw('customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'F-3', price: 10 });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>502 Bad Gateway</title>');
    expect(server.countApplied('F-3')).toBe(0);
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456);
  });

  it('answers truncated JSON and applies nothing', async () => {
    await server.setFault({ kind: 'malformed-json' });
    const response = await postRaw('customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'F-4', price: 10 });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"code":"1"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(server.countApplied('F-4')).toBe(0);
  });

  it('refuses connections and listens again on the same port', async () => {
    expect((await getGold()).json.code).toBe('1');
    const url = server.url;

    await server.setFault({ kind: 'refuse-connections' });
    expect(await failureCodeOf(getGold())).toBe('ECONNREFUSED');
    expect(server.url).toBe(url);

    await server.setFault(null);
    expect((await getGold()).json.code).toBe('1');
  });

  it('switches from refusing straight to another fault', async () => {
    await server.setFault({ kind: 'refuse-connections' });
    await server.setFault({ kind: 'bad-gateway' });
    expect((await postRaw('customer', 'get', { store_code: 'S001', vip_no: gold.cardNo })).status).toBe(502);
  });

  it('limits a fault to the next count requests', async () => {
    await server.setFault({ kind: 'bad-gateway' }, { count: 2 });
    expect((await postRaw('customer', 'get', {})).status).toBe(502);
    expect((await postRaw('customer', 'get', {})).status).toBe(502);
    expect((await getGold()).json.code).toBe('1');
  });

  it('limits a fault to named methods', async () => {
    await server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'] });
    expect((await getGold()).json.code).toBe('1');
    expect(await failureCodeOf(pay('F-5'))).toBe('UND_ERR_SOCKET');
    expect(await failureCodeOf(pay('F-6'))).toBe('UND_ERR_SOCKET');
    expect(server.countApplied('F-6')).toBe(1);
  });

  it('accepts model.method names', async () => {
    await server.setFault({ kind: 'bad-gateway' }, { methods: ['customer.get'], count: 1 });
    expect((await postRaw('goods', 'stockRealtime', { store_code: 'S001' })).status).toBe(200);
    expect((await postRaw('customer', 'get', {})).status).toBe(502);
    expect((await postRaw('customer', 'get', {})).status).toBe(200);
  });

  it('clears a fault with null', async () => {
    await server.setFault({ kind: 'malformed-json' });
    await server.setFault(null);
    expect((await getGold()).json.code).toBe('1');
  });

  it.each([
    [{ kind: 'refuse-connections' as const }, { count: 1 }, TypeError],
    [{ kind: 'refuse-connections' as const }, { methods: ['get'] }, TypeError],
    [{ kind: 'delay' as const, ms: -1 }, {}, RangeError],
    [{ kind: 'delay' as const, ms: 0, applyAfterMs: -1 }, {}, RangeError],
    [{ kind: 'gateway-timeout' as const, answerAfterMs: -1, applyAfterMs: 0 }, {}, RangeError],
    [{ kind: 'bad-gateway' as const }, { count: 0 }, RangeError],
  ])('rejects %j with %j', async (fault, options, errorType) => {
    await expect(server.setFault(fault, options)).rejects.toThrow(errorType);
  });

  it('runs afterApply after the change and before the answer', async () => {
    const calls: AppliedCall[] = [];
    let release = (): void => {};
    server.hooks.afterApply = async (call) => {
      calls.push(call);
      expect(server.countApplied('F-7')).toBe(1);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    };

    let answered = false;
    const reply = pay('F-7').then((result) => {
      answered = true;
      return result;
    });
    await expect.poll(() => calls.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);

    release();
    expect((await reply).json.code).toBe('1');
    expect(calls[0]).toEqual({
      model: 'customer',
      method: 'paidConsumeByPro',
      msg: { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'F-7', price: 10 },
    });
  });

  it('skips afterApply for reads and rejected calls', async () => {
    const calls: AppliedCall[] = [];
    server.hooks.afterApply = (call) => {
      calls.push(call);
    };
    await getGold();
    await pay('F-8');
    await pay('F-8');
    expect(calls.map((call) => (call.msg as { orderNo: string }).orderNo)).toEqual(['F-8']);
  });

  it('closes while an answer is delayed', async () => {
    await server.setFault({ kind: 'delay', ms: 10_000 });
    const pending = failureCodeOf(getGold());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).not.toBe('no error');
  });
});
