import { describe, expect, it } from 'vitest';

import { backoffDelay, defaultRetryPolicy } from '../../../main/outbox';

const policy = { baseDelayMs: 1000, maxDelayMs: 30_000, lookUpDelayMs: 5000 };

describe('backoffDelay', () => {
  it('doubles from the base', () => {
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(2, policy, () => 1)).toBe(2000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
  });

  it('keeps half fixed and half random', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3000);
  });

  it('stops at the maximum', () => {
    expect(backoffDelay(10, policy, () => 1)).toBe(30_000);
    expect(backoffDelay(1000, policy, () => 1)).toBe(30_000);
  });

  it('has defaults of 2 s to 5 min', () => {
    expect(backoffDelay(1, defaultRetryPolicy, () => 1)).toBe(2000);
    expect(backoffDelay(50, defaultRetryPolicy, () => 1)).toBe(300_000);
  });
});
