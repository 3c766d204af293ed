import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, type MemberView } from '../../../common/contract';
import { TillError } from '../../../main/ipc/errors';
import { createRouter, type HandlerModule } from '../../../main/ipc/router';
import { createMemoryLogBackend, setLogBackend, type MemoryLogBackend } from '../../../main/logging/logger';
import { VipaxError } from '../../../main/vipax/errors';

const member: MemberView = {
  customerId: 'MEMB20160901000101',
  cardNo: 'CARD201609010101',
  offlineCardNo: null,
  name: '王建国',
  nickName: null,
  phoneMasked: '139****0001',
  levelName: '金卡会员',
  balanceFen: 123_456,
  accruedPoints: 3_560,
  discountRatePercent: 88,
  state: 'active',
};

describe('createRouter', () => {
  let logs: MemoryLogBackend;
  let restoreLogs: () => void;

  beforeEach(() => {
    logs = createMemoryLogBackend();
    restoreLogs = setLogBackend(logs);
  });

  afterEach(() => restoreLogs());

  it('passes the parsed request with defaults to the handler', async () => {
    const seen: unknown[] = [];
    const router = createRouter([
      {
        'member:lookup': (request) => {
          seen.push(request);
          return { members: [member] };
        },
      },
    ]);

    const reply = await router.handle('member:lookup', { query: '  CARD201609010101 ' });

    expect(reply).toEqual({ ok: true, value: { members: [member] } });
    expect(seen).toEqual([{ query: 'CARD201609010101', by: 'auto' }]);
  });

  it('rejects an invalid request without calling the handler', async () => {
    let calls = 0;
    const router = createRouter([
      {
        'payment:pay': () => {
          calls += 1;
          throw new Error('must not run');
        },
      },
    ]);

    const cases: Array<[unknown, string | undefined]> = [
      [{ customerId: 'M1', cardNo: 'C1', amountFen: 12.5 }, 'amountFen'],
      [{ customerId: 'M1', cardNo: 'C1', amountFen: -100 }, 'amountFen'],
      [{ customerId: 'M1', cardNo: 'C1', amountFen: Number.NaN }, 'amountFen'],
      [{ customerId: 'M1', cardNo: 'C1', amountFen: 100_000_001 }, 'amountFen'],
      [{ customerId: '', cardNo: 'C1', amountFen: 100 }, 'customerId'],
      [{ customerId: 'M1', amountFen: 100 }, 'cardNo'],
      [{ customerId: 'M1', cardNo: 'C1', amountFen: 100, secret: 'x' }, undefined],
      ['not an object', undefined],
      [null, undefined],
    ];
    for (const [request, field] of cases) {
      const reply = await router.handle('payment:pay', request);
      expect(reply.ok, JSON.stringify(request)).toBe(false);
      if (reply.ok) continue;
      expect(reply.error.code).toBe('invalid-input');
      expect(reply.error.field).toBe(field);
    }
    expect(calls).toBe(0);
  });

  it('rejects an unknown channel', async () => {
    const router = createRouter([]);

    const reply = await router.handle('payment:refund-everything', {});

    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: "Unknown IPC channel 'payment:refund-everything'" },
    });
  });

  it('replies with the code of a TillError', async () => {
    const router = createRouter([
      {
        'payment:pay': () => {
          throw new TillError('frozen', 'Member card CARD1 is frozen');
        },
      },
    ]);

    const reply = await router.handle('payment:pay', { customerId: 'M1', cardNo: 'CARD1', amountFen: 100 });

    expect(reply).toEqual({ ok: false, error: { code: 'frozen', message: 'Member card CARD1 is frozen' } });
  });

  it('keeps the server message of a rejection', async () => {
    const router = createRouter([
      {
        'payment:pay': () => {
          throw new VipaxError('rejected', 'customer.paidConsumeByPro rejected: 储值余额不足', {
            serverCode: '0',
            serverMessage: '储值余额不足',
          });
        },
      },
    ]);

    const reply = await router.handle('payment:pay', { customerId: 'M1', cardNo: 'CARD1', amountFen: 100 });

    expect(reply).toEqual({ ok: false, error: { code: 'rejected', message: '储值余额不足' } });
  });

  it('replies internal and logs an unexpected error', async () => {
    const router = createRouter([
      {
        'till:status': () => {
          throw new TypeError('Cannot read properties of undefined');
        },
      },
    ]);

    const reply = await router.handle('till:status', undefined);

    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', message: "The handler for 'till:status' failed unexpectedly" },
    });
    const errors = logs.records.filter((record) => record.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('IPC handler failed');
    expect(String(errors[0]?.fields.error)).toContain('Cannot read properties of undefined');
  });

  it('replies internal when a reply breaks the contract', async () => {
    const router = createRouter([{ 'member:lookup': () => ({ members: [] }) }]);

    const reply = await router.handle('member:lookup', { query: 'CARD1' });

    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('internal');
  });

  it('replies internal when reading the reply throws', async () => {
    const explosive = {
      get members(): never {
        throw new Error('getter failed');
      },
    };
    const router = createRouter([{ 'member:lookup': () => explosive as unknown as { members: MemberView[] } }]);

    const reply = await router.handle('member:lookup', { query: 'CARD1' });

    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', message: "The call to 'member:lookup' failed unexpectedly" },
    });
    expect(logs.records.map((record) => record.message)).toContain('IPC call failed outside its handler');
  });

  it('drops reply fields the contract does not name', async () => {
    const leaky = { ...member, phone: '13900000001', secret: 'training-secret' };
    const router = createRouter([{ 'member:lookup': () => ({ members: [leaky] }) }]);

    const reply = await router.handle('member:lookup', { query: 'CARD1' });

    expect(reply).toEqual({ ok: true, value: { members: [member] } });
    expect(JSON.stringify(reply)).not.toContain('13900000001');
    expect(JSON.stringify(reply)).not.toContain('training-secret');
  });

  it('throws on two handlers for one channel', () => {
    const module: HandlerModule = { 'till:status': () => Promise.reject(new Error('unused')) };

    expect(() => createRouter([module, module])).toThrow("Two handlers for the IPC channel 'till:status'");
  });

  it('throws on a handler for a channel outside the contract', () => {
    const module = { 'till:reboot': () => ({}) } as unknown as HandlerModule;

    expect(() => createRouter([module])).toThrow("Handler for 'till:reboot', which is not a contract channel");
  });

  it('lists its channels in contract order', () => {
    const router = createRouter([
      { 'payment:pay': () => Promise.reject(new Error('unused')) },
      { 'till:status': () => Promise.reject(new Error('unused')) },
    ]);

    const expected = channelNames.filter((name) => name === 'payment:pay' || name === 'till:status');
    expect(router.channelNames).toEqual(expected);
  });
});
