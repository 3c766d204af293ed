// Randomized crash soak. Each trial pays, starts a refund in a real till process and kills it with
// SIGKILL at a random step or a random time, sometimes with a dropped response or a 502 as well.
// Then it restarts the till and checks that the server applied the refund exactly once.
//
//   npm run soak                        200 trials
//   npm run soak -- --trials 50 --seed 7
//
// The last line is `trials=N lost=L duplicated=D`; the exit code is 1 unless every trial applied
// the refund once, left it `sent` in the journal and moved the balance by the exact amount.
import { pathToFileURL } from 'node:url';

import { seedFixtures } from '../../main/training';
import { type KillPoint, killPoints, runRefundTrial, startCrashWorld, type TrialInput, type TrialResult } from './scenario';

export interface SoakOptions {
  trials: number;
  seed: number;
  /** Receives one line per failed trial and the summary lines. */
  log?: (line: string) => void;
}

export interface SoakSummary {
  trials: number;
  /** Trials whose refund the server never applied. */
  lost: number;
  /** Trials whose refund the server applied more than once. */
  duplicated: number;
  /** Trials whose journal does not hold exactly one sent refund. */
  unresolved: number;
  /** Trials whose balance moved by another amount than the refund's share. */
  balanceMismatches: number;
  /** Trials whose first run was really killed (a late kill can miss a till that already finished). */
  killed: number;
}

const { gold, diamond } = seedFixtures.members;
const members = [gold, diamond].map((member) => ({ customerId: member.customerId, cardNo: member.cardNo, phone: member.phone }));

export async function runSoak(options: SoakOptions): Promise<SoakSummary> {
  const log = options.log ?? (() => undefined);
  const random = mulberry32(options.seed);
  const summary: SoakSummary = { trials: 0, lost: 0, duplicated: 0, unresolved: 0, balanceMismatches: 0, killed: 0 };
  const world = await startCrashWorld();

  try {
    for (let trial = 1; trial <= options.trials; trial++) {
      const input = randomTrial(random);
      const result = await runRefundTrial(world, input);
      record(summary, result);
      const problems = problemsOf(result);
      if (problems.length > 0) {
        log(`trial ${trial} (${describe(input)}): ${problems.join(', ')} orderNos=${result.orderNos.join(',')}`);
      }
    }
  } finally {
    await world.close();
  }

  log(`killed=${summary.killed} unresolved=${summary.unresolved} balanceMismatches=${summary.balanceMismatches}`);
  log(`trials=${summary.trials} lost=${summary.lost} duplicated=${summary.duplicated}`);
  return summary;
}

function randomTrial(random: () => number): TrialInput {
  const member = pick(random, members);
  const priceFen = 100 + Math.floor(random() * 2_900);
  const amountFen = 1 + Math.floor(random() * priceFen);
  const killPoint: KillPoint = pick(random, killPoints);
  const faultRoll = random();
  let fault: TrialInput['fault'];
  if (faultRoll < 0.15) fault = 'drop-after-apply';
  else if (faultRoll < 0.25) fault = 'bad-gateway';
  // The till process needs about half a second to start, so this spreads kills from before the
  // refund exists to after it was sent.
  const killAfterMs = 200 + Math.floor(random() * 900);
  return { member, priceFen, amountFen, killPoint, killAfterMs, fault };
}

function record(summary: SoakSummary, result: TrialResult): void {
  summary.trials += 1;
  if (result.applied === 0) summary.lost += 1;
  if (result.applied > 1) summary.duplicated += 1;
  if (result.journalStates.length !== 1 || result.journalStates[0] !== 'sent') summary.unresolved += 1;
  if (result.balanceChangeFen !== result.expectedBalanceChangeFen) summary.balanceMismatches += 1;
  if (result.killed) summary.killed += 1;
}

function problemsOf(result: TrialResult): string[] {
  const problems: string[] = [];
  if (result.applied !== 1) problems.push(`applied ${result.applied} times`);
  if (result.journalStates.join() !== 'sent') problems.push(`journal states [${result.journalStates.join(', ')}]`);
  if (result.balanceChangeFen !== result.expectedBalanceChangeFen) {
    problems.push(`balance moved ${result.balanceChangeFen} fen, expected ${result.expectedBalanceChangeFen}`);
  }
  if (result.stderr !== '') problems.push(`stderr: ${result.stderr.trim()}`);
  return problems;
}

function describe(input: TrialInput): string {
  const parts = [`kill ${input.killPoint}`, `price ${input.priceFen}`, `refund ${input.amountFen}`];
  if (input.killPoint === 'random-time') parts.push(`after ${input.killAfterMs} ms`);
  if (input.fault) parts.push(input.fault);
  return parts.join(', ');
}

function pick<T>(random: () => number, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

/** A small seeded generator, so a failing soak can be run again with the same trials. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function readOption(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive whole number, got ${String(args[index + 1])}`);
  }
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const trials = readOption(args, 'trials', 200);
  const seed = readOption(args, 'seed', Date.now() % 1_000_000_000);
  console.log(`soak: ${trials} trials, seed ${seed}`);
  const summary = await runSoak({ trials, seed, log: (line) => console.log(line) });
  const clean = summary.lost + summary.duplicated + summary.unresolved + summary.balanceMismatches === 0;
  process.exitCode = clean ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
