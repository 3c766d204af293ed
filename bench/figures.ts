// The shape every benchmark module returns to bench/run.ts.

export interface BenchFigure {
  /** Stable name, the key in `npm run bench -- --json`, e.g. "clientOverheadRatio". */
  name: string;
  value: number;
  /** Unit printed after the value: "ms", "s", "KB", "ratio" and so on. */
  unit: string;
  /** Short description of the measurement, for the human output. */
  label: string;
  /** Goal this figure is held to, e.g. "< 1.10", printed beside it. */
  target?: string;
}

export interface BenchModule {
  /** Short id for `--only`, e.g. "client-overhead". */
  id: string;
  /** One line saying what runs against what, for the human output. */
  title: string;
  run(): Promise<BenchFigure[]>;
}

/** Returns the median of `samples` (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Returns the p-th percentile (0..100) of `samples`, by the nearest-rank method. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Rounds to `digits` decimals for output, since more digits would claim a precision the timing lacks. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
