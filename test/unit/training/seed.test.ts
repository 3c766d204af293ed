import { describe, expect, it } from 'vitest';
import { seedFixtures } from '../../../main/training';
import { createSeedState } from '../../../main/training/seed';

describe('training seed', () => {
  const state = createSeedState('S001');

  it('has at least 20 fictional members', () => {
    expect(state.members.length).toBe(seedFixtures.memberCount);
    expect(state.members.length).toBeGreaterThanOrEqual(20);
    for (const member of state.members) {
      expect(member.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(member.phone).toMatch(/^1390000\d{4}$/);
      expect(member.cardNo).toMatch(/^CARD2016\d{8}$/);
      expect(member.customerId).toMatch(/^MEMB2016\d{10}$/);
    }
  });

  it('gives every card a unique number', () => {
    const numbers = state.members.flatMap((member) => [member.cardNo, member.customerId]);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('has four levels with different rates', () => {
    expect(state.levels.map((level) => [level.name, level.discountRatePercent])).toEqual([
      ['普通会员', 100],
      ['银卡会员', 95],
      ['金卡会员', 88],
      ['钻石会员', 80],
    ]);
  });

  it('matches the fixtures', () => {
    for (const fixture of Object.values(seedFixtures.members)) {
      const member = state.members.find((candidate) => candidate.customerId === fixture.customerId);
      expect(member).toMatchObject({
        cardNo: fixture.cardNo,
        phone: fixture.phone,
        balanceFen: fixture.balanceFen,
        points: fixture.points,
        discountRatePercent: fixture.discountRatePercent,
        state: fixture.state,
      });
    }
  });

  it('has one phone with two cards', () => {
    const cards = state.members.filter((member) => member.phone === seedFixtures.sharedPhone);
    expect(cards.map((member) => member.cardNo)).toEqual([
      seedFixtures.members.sharedPhoneFirst.cardNo,
      seedFixtures.members.sharedPhoneSecond.cardNo,
    ]);
  });

  it('has a log that ends at each balance', () => {
    expect(state.log.length).toBe(seedFixtures.logEntryCount);
    for (const member of state.members) {
      const entries = state.log.filter((entry) => entry.customerId === member.customerId);
      if (entries.length === 0) continue;
      let balanceFen = 0;
      for (const entry of entries) {
        // A top-up adds its amount, a purchase takes its amount after discount, and a refund gives it back.
        balanceFen += entry.businessType === 7 ? entry.actualFen : -entry.actualFen;
        expect(entry.balanceAfterFen).toBe(balanceFen);
      }
      expect(balanceFen).toBe(member.balanceFen);
    }
  });

  it('has negative and fractional stock', () => {
    expect(state.goods.length).toBe(seedFixtures.goods.count);
    expect(state.goods.some((goods) => goods.stock < 0 && !Number.isInteger(goods.stock))).toBe(true);
  });

  it('builds the same state every time', () => {
    expect(createSeedState('S001')).toEqual(state);
  });

  it('builds independent copies', () => {
    const other = createSeedState('S001');
    other.members[0]!.balanceFen = 1;
    expect(state.members[0]!.balanceFen).toBe(seedFixtures.members.gold.balanceFen);
  });

  it('freezes the fixtures', () => {
    expect(Object.isFrozen(seedFixtures.members.gold)).toBe(true);
  });
});
