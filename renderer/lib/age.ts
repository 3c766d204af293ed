// Ages like "3 分钟" for the outbox indicator: the largest whole unit, rounded down.

export type AgeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

const UNITS: readonly [AgeUnit, number][] = [
  ['days', 86_400_000],
  ['hours', 3_600_000],
  ['minutes', 60_000],
];

/** Returns the age in its largest whole unit; negative ages (a clock set back) count as 0 seconds. */
export function describeAge(ageMs: number): { unit: AgeUnit; count: number } {
  const safeAge = Number.isFinite(ageMs) && ageMs > 0 ? ageMs : 0;
  for (const [unit, unitMs] of UNITS) {
    if (safeAge >= unitMs) return { unit, count: Math.floor(safeAge / unitMs) };
  }
  return { unit: 'seconds', count: Math.floor(safeAge / 1000) };
}
