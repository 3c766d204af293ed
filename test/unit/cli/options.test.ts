import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../../main/cli/options';

// Typed CLI values pass through the same normalization as the till's input fields.

describe('parseArguments normalization', () => {
  it('turns a full-width phone into ASCII', () => {
    const parsed = parseArguments(['member', '--phone', '１３９０００００００７']);

    expect(parsed.command).toBe('member');
    expect(parsed.values.phone).toBe('13900000007');
  });

  it('normalizes card and order numbers', () => {
    const parsed = parseArguments(['log', '--phone', ' 13900000001　', '--other-id', 'ＣＡＲＤ２０１６']);

    expect(parsed.values.phone).toBe('13900000001');
    expect(parsed.values['other-id']).toBe('CARD2016');
  });

  it('keeps a remark as typed', () => {
    const parsed = parseArguments(['refund', '--order-no', 'Ｓ００１', '--amount', '１２。５', '--remark', '顾客退货，已收回']);

    expect(parsed.values['order-no']).toBe('S001');
    expect(parsed.values.amount).toBe('12.5');
    expect(parsed.values.remark).toBe('顾客退货，已收回');
  });
});
