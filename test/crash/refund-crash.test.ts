import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedFixtures } from '../../main/training';
import { type CrashWorld, type KillPoint, runRefundTrial, startCrashWorld } from './scenario';

// A real till process is killed with SIGKILL at each step of a refund and started again. Every
// time, the server applies the refund exactly once, the balance moves by the exact amount, and the
// journal records the refund as sent.

const { diamond } = seedFixtures.members;
const member = { customerId: diamond.customerId, cardNo: diamond.cardNo, phone: diamond.phone };

let world: CrashWorld;

beforeAll(async () => {
  world = await startCrashWorld();
});

afterAll(async () => {
  await world.close();
});

// What the journal shows of the refund that was sent: a refund cut off after its send is looked
// up in the transaction log and never sent a second time.
const cases: Array<{ killPoint: KillPoint; attempts: string[]; orderNos: number }> = [
  // The refund never reached the journal, so the cashier makes it again with a new number.
  { killPoint: 'before-journal-write', attempts: ['send:applied'], orderNos: 2 },
  { killPoint: 'after-journal-write', attempts: ['send:applied'], orderNos: 1 },
  { killPoint: 'after-send', attempts: ['send:interrupted', 'look-up:found-in-log'], orderNos: 1 },
  { killPoint: 'after-apply', attempts: ['send:interrupted', 'look-up:found-in-log'], orderNos: 1 },
  { killPoint: 'after-answer', attempts: ['send:interrupted', 'look-up:found-in-log'], orderNos: 1 },
];

describe('refund killed and restarted', () => {
  it.each(cases)('applies once when killed $killPoint', async ({ killPoint, attempts, orderNos }) => {
    // Price 12.34 at rate 80 takes 9.87; refunding 5.00 of it gives back 4.00 (round(987 × 500 / 1234)).
    const result = await runRefundTrial(world, { member, priceFen: 1_234, amountFen: 500, killPoint });

    expect(result.killed).toBe(true);
    expect(result.applied).toBe(1);
    expect(result.orderNos).toHaveLength(orderNos);
    expect(result.journalStates).toEqual(['sent']);
    expect(result.journalAttempts).toEqual([attempts]);
    expect(result.balanceChangeFen).toBe(400);
    expect(result.expectedBalanceChangeFen).toBe(400);
    expect(result.stderr).toBe('');
  }, 30_000);
});
