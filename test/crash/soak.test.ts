import { expect, it } from 'vitest';

import { runSoak } from './soak';

// A small sample of `npm run soak`, with a fixed seed so a failure can be run again.
it('soak sample loses and duplicates nothing', async () => {
  const lines: string[] = [];

  const summary = await runSoak({ trials: 10, seed: 20261204, log: (line) => lines.push(line) });

  expect(lines.at(-1)).toBe('trials=10 lost=0 duplicated=0');
  expect(summary.lost).toBe(0);
  expect(summary.duplicated).toBe(0);
  expect(summary.unresolved).toBe(0);
  expect(summary.balanceMismatches).toBe(0);
  expect(summary.killed).toBeGreaterThan(0);
}, 90_000);
