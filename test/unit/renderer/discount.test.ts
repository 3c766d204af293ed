import { describe, expect, it } from 'vitest';
import { describeDiscount } from '../../../renderer/lib/discount';

describe('describeDiscount', () => {
  it.each([
    [80, '8', '20'],
    [95, '9.5', '5'],
    [88, '8.8', '12'],
    [87.5, '8.75', '12.5'],
    [50, '5', '50'],
  ])('labels rate %d as %s折, %s%% off', (rate, zhe, percentOff) => {
    expect(describeDiscount(rate)).toEqual({ kind: 'discount', zhe, percentOff });
  });

  it.each([100, 120, -5, Number.NaN])('labels rate %d as no discount', (rate) => {
    expect(describeDiscount(rate)).toEqual({ kind: 'none' });
  });
});
