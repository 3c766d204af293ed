import { describe, expect, it } from 'vitest';
import { describeAge } from '../../../renderer/lib/age';

describe('describeAge', () => {
  it.each([
    [0, 'seconds', 0],
    [59_999, 'seconds', 59],
    [60_000, 'minutes', 1],
    [3_599_999, 'minutes', 59],
    [7_200_000, 'hours', 2],
    [90_000_000, 'days', 1],
  ])('describes %d ms as %s', (ageMs, unit, count) => {
    expect(describeAge(ageMs)).toEqual({ unit, count });
  });

  it('treats a negative age as zero', () => {
    expect(describeAge(-5_000)).toEqual({ unit: 'seconds', count: 0 });
  });
});
