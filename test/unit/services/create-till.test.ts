import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTill, TRAINING_DATA_FILE, TRAINING_JOURNAL_FILE, JOURNAL_FILE } from '../../../main/app/create-till';
import { seedFixtures } from '../../../main/training';

const { gold } = seedFixtures.members;

describe('createTill without settings', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vipax-till-test-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts its own training server in the data folder', async () => {
    const till = await createTill({ dataDir, appVersion: '1.2.3' });
    try {
      await till.monitor.check();

      expect(till.mode).toBe('training');
      expect(till.ownTrainingServer?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/VipaxWS\/ws$/);
      expect(existsSync(join(dataDir, TRAINING_DATA_FILE))).toBe(true);
      expect(existsSync(join(dataDir, TRAINING_JOURNAL_FILE))).toBe(true);
      expect(existsSync(join(dataDir, JOURNAL_FILE))).toBe(false);
      expect(await till.router.call('till:status', undefined)).toMatchObject({
        ok: true,
        value: { mode: 'training', connection: 'online', storeCode: 'S001', tillId: 'T01', appVersion: '1.2.3' },
      });
    } finally {
      await till.close();
    }
  });

  it('keeps training balances and order numbers across restarts', async () => {
    const first = await createTill({ dataDir, settleDelayMs: 0 });
    const paid = await first.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 1000 });
    await first.close();
    const second = await createTill({ dataDir, settleDelayMs: 0 });
    try {
      const lookup = await second.router.call('member:lookup', { query: gold.cardNo });
      const paidAgain = await second.router.call('payment:pay', { customerId: gold.customerId, cardNo: gold.cardNo, amountFen: 1000 });

      expect(paid).toMatchObject({ ok: true, value: { status: 'charged' } });
      expect(lookup).toMatchObject({ ok: true, value: { members: [{ balanceFen: 123_456 - 880 }] } });
      expect(paidAgain).toMatchObject({ ok: true, value: { status: 'charged', balanceFen: 123_456 - 1_760 } });
      if (paid.ok && paidAgain.ok) expect(paidAgain.value.orderNo > paid.value.orderNo).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('stops its training server on close', async () => {
    const till = await createTill({ dataDir });
    const url = till.ownTrainingServer!.url;

    await till.close();

    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });
});
