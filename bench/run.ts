// `npm run bench` runs every benchmark module below and prints its figures. With `-- --json` it
// prints one JSON object with every figure under its stable name, and `-- --only ID[,ID]` runs
// only those modules. A new benchmark is a module that returns named figures (see figures.ts),
// added to BENCHES.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { clientOverhead } from './client-overhead';
import { journalBench } from './journal';
import type { BenchFigure, BenchModule } from './figures';
import { tillBench } from './till';

const BENCHES: BenchModule[] = [clientOverhead, journalBench, tillBench];

function formatFigure(figure: BenchFigure): string {
  const value = figure.unit === 'ratio' ? figure.value.toFixed(3) : `${figure.value} ${figure.unit}`;
  const target = figure.target === undefined ? '' : `   (target ${figure.target})`;
  return `  ${figure.name.padEnd(28)} ${value.padStart(12)}   ${figure.label}${target}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, only: { type: 'string' } },
    strict: true,
  });

  const wanted = values.only?.split(',').map((id) => id.trim());
  const unknown = wanted?.filter((id) => !BENCHES.some((bench) => bench.id === id)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark ${unknown.join(', ')}. Known: ${BENCHES.map((bench) => bench.id).join(', ')}\n`);
    return 2;
  }
  const selected = wanted === undefined ? BENCHES : BENCHES.filter((bench) => wanted.includes(bench.id));

  if (!values.json) {
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(`Node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()} ${os.arch()}\n`);
  }

  const figures: Record<string, number> = {};
  for (const bench of selected) {
    if (!values.json) process.stdout.write(`\n${bench.title}\n`);
    for (const figure of await bench.run()) {
      if (Object.hasOwn(figures, figure.name)) throw new Error(`Two benchmarks report the figure ${figure.name}`);
      figures[figure.name] = figure.value;
      if (!values.json) process.stdout.write(`${formatFigure(figure)}\n`);
    }
  }

  if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  return 0;
}

process.exitCode = await main();
