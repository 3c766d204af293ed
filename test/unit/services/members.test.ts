import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTill } from '../../../main/app/create-till';
import { seedFixtures, startTrainingServer } from '../../../main/training';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';

const { gold, sharedPhoneFirst, sharedPhoneSecond, frozen } = seedFixtures.members;

describe('member:lookup against a training server', () => {
  let fixture: TillFixture;

  beforeAll(async () => {
    fixture = await startTillFixture();
  });

  afterAll(() => fixture.close());

  it('finds a member by card number', async () => {
    const reply = await fixture.till.router.call('member:lookup', { query: gold.cardNo });

    expect(reply).toEqual({
      ok: true,
      value: {
        members: [
          {
            customerId: gold.customerId,
            cardNo: gold.cardNo,
            offlineCardNo: 'VC2016000101',
            name: '王建国',
            nickName: null,
            phoneMasked: '139****0001',
            levelName: '金卡会员',
            balanceFen: 123_456,
            accruedPoints: 3_560,
            discountRatePercent: 88,
            state: 'active',
          },
        ],
      },
    });
  });

  it('finds a member by physical card number', async () => {
    const reply = await fixture.till.router.call('member:lookup', { query: 'VC2016000101' });

    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.value.members.map((member) => member.customerId)).toEqual([gold.customerId]);
  });

  it('lists every card of a shared phone', async () => {
    const reply = await fixture.till.router.call('member:lookup', { query: seedFixtures.sharedPhone });

    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.value.members.map((member) => member.cardNo)).toEqual([sharedPhoneFirst.cardNo, sharedPhoneSecond.cardNo]);
    expect(reply.value.members.map((member) => member.balanceFen)).toEqual([20_000, 5_000]);
  });

  it('searches a full-width phone by phone', async () => {
    const fullWidthPhone = seedFixtures.sharedPhone.replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
    expect(fullWidthPhone).not.toBe(seedFixtures.sharedPhone);

    for (const by of ['auto', 'phone'] as const) {
      const reply = await fixture.till.router.call('member:lookup', { query: fullWidthPhone, by });

      expect(reply.ok, by).toBe(true);
      if (reply.ok) expect(reply.value.members.map((member) => member.cardNo)).toEqual([sharedPhoneFirst.cardNo, sharedPhoneSecond.cardNo]);
    }
  });

  it('finds a full-width card number', async () => {
    const fullWidthCard = gold.cardNo.replace(/[0-9A-Z]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
    const reply = await fixture.till.router.call('member:lookup', { query: fullWidthCard });

    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.value.members.map((member) => member.customerId)).toEqual([gold.customerId]);
  });

  it('shows a frozen member with its state', async () => {
    const reply = await fixture.till.router.call('member:lookup', { query: frozen.cardNo });

    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.value.members[0]?.state).toBe('frozen');
  });

  it('replies not-found for an unknown card', async () => {
    const reply = await fixture.till.router.call('member:lookup', { query: seedFixtures.unknownCardNo });

    expect(reply).toEqual({
      ok: false,
      error: { code: 'not-found', message: `No member with card number ${seedFixtures.unknownCardNo}` },
    });
  });

  it('replies not-found for an unknown phone', async () => {
    const reply = await fixture.till.router.call('member:lookup', { query: seedFixtures.unknownPhone });

    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('not-found');
  });

  it('rejects a phone search that is not a phone number', async () => {
    const reply = await fixture.till.router.call('member:lookup', { query: '1390000', by: 'phone' });

    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'A phone number must be 11 digits starting with 1', field: 'query' },
    });
  });

  it('never sends the full phone number', async () => {
    const reply = await fixture.till.router.call('member:lookup', { query: gold.phone });

    expect(JSON.stringify(reply)).not.toContain(gold.phone);
  });
});

describe('member:lookup failures', () => {
  it('replies network while the server refuses connections', async () => {
    const fixture = await startTillFixture();
    try {
      await fixture.server.setFault({ kind: 'refuse-connections' });

      const reply = await fixture.till.router.call('member:lookup', { query: gold.cardNo });

      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('network');
    } finally {
      await fixture.server.setFault(null);
      await fixture.close();
    }
  });

  it('replies unknown-outcome on a 502 page', async () => {
    const fixture = await startTillFixture();
    try {
      await fixture.server.setFault({ kind: 'bad-gateway' }, { methods: ['customer.get'] });

      const reply = await fixture.till.router.call('member:lookup', { query: gold.cardNo });

      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('unknown-outcome');
    } finally {
      await fixture.close();
    }
  });

  it('keeps the server message of a rejection', async () => {
    const server = await startTrainingServer({ secret: 'another-secret' });
    const dataDir = mkdtempSync(join(tmpdir(), 'vipax-till-test-'));
    const till = await createTill({
      dataDir,
      config: { url: server.url, appid: server.appid, secret: 'training-secret', storeCode: server.storeCode },
    });
    try {
      const reply = await till.router.call('member:lookup', { query: gold.cardNo });

      expect(reply).toEqual({ ok: false, error: { code: 'rejected', message: '签名错误' } });
    } finally {
      await till.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
