import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type OutboxEntry, openJournal } from '../../main/journal';
import type { OutboxStep } from '../../main/outbox';
import { startTrainingServer, type TrainingServer } from '../../main/training';
import { createVipaxClient, type VipaxHttpClient } from '../../main/vipax';
import type { DriverConfig, DriverEvent } from './driver';

// One refund, one crash, one restart: the building block of the crash tests and the soak. The
// training server runs in this process, so it outlives every till process the scenario kills.

const driverPath = fileURLToPath(new URL('./driver.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const TILL_ID = 'T09';

/**
 * Where a trial kills the till: at an outbox step, or from the server's afterApply hook (the
 * server applied the refund and has not responded), or at a random time after start, or not at all.
 */
export type KillPoint = OutboxStep | 'after-apply' | 'random-time' | 'none';

export const killPoints: readonly KillPoint[] = [
  'before-journal-write',
  'after-journal-write',
  'after-send',
  'after-apply',
  'after-answer',
  'random-time',
  'none',
];

export interface CrashWorld {
  server: TrainingServer;
  client: VipaxHttpClient;
  journalPath: string;
  close(): Promise<void>;
}

export async function startCrashWorld(): Promise<CrashWorld> {
  const server = await startTrainingServer();
  const client = createVipaxClient({ url: server.url, appid: server.appid, secret: server.secret, storeCode: server.storeCode });
  const folder = mkdtempSync(join(tmpdir(), 'crash-'));
  return {
    server,
    client,
    journalPath: join(folder, 'journal-training.sqlite'),
    async close() {
      client.close();
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface DriverRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  events: DriverEvent[];
  stderr: string;
}

interface RunOptions {
  refund?: DriverConfig['refund'];
  killAt?: OutboxStep;
  killDelayMs?: number;
  /** Kill the till from the server's afterApply hook when it applies a refund. */
  killOnApply?: boolean;
  /** Kill the till this many milliseconds after it was spawned. */
  killAfterMs?: number;
}

/** Runs the driver once and resolves when the process has ended, by itself or killed. */
export async function runDriver(world: CrashWorld, options: RunOptions): Promise<DriverRun> {
  const config: DriverConfig = {
    journalPath: world.journalPath,
    server: { url: world.server.url, appid: world.server.appid, secret: world.server.secret, storeCode: world.server.storeCode },
    tillId: TILL_ID,
    refund: options.refund,
    killAt: options.killAt,
    killDelayMs: options.killDelayMs,
    lookUpDelayMs: 100,
    timeoutMs: 15_000,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', driverPath, JSON.stringify(config)], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const events: DriverEvent[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    let newline = stdout.indexOf('\n');
    while (newline >= 0) {
      const line = stdout.slice(0, newline).trim();
      stdout = stdout.slice(newline + 1);
      if (line !== '') events.push(JSON.parse(line) as DriverEvent);
      newline = stdout.indexOf('\n');
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });

  if (options.killOnApply) world.server.hooks.afterApply = killOnRefundApplied(child, exited);
  const timer = options.killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  try {
    const { code, signal } = await exited;
    return { code, signal, events, stderr };
  } finally {
    if (timer) clearTimeout(timer);
    world.server.hooks.afterApply = undefined;
  }
}

function killOnRefundApplied(child: ChildProcess, exited: Promise<unknown>) {
  return async (call: { method: string; msg: unknown }): Promise<void> => {
    const price = Number((call.msg as { price?: unknown }).price);
    if (call.method !== 'paidConsumeByPro' || !(price < 0)) return;
    child.kill('SIGKILL');
    // The response waits until the till is gone, so it can never arrive.
    await exited;
  };
}

export interface Payment {
  orderNo: string;
  priceFen: number;
  actualFen: number;
}

/** Pays through the server and records the payment in the journal, as the payment service does. */
export async function payInJournal(world: CrashWorld, member: { customerId: string; cardNo: string; phone: string }, priceFen: number): Promise<Payment> {
  const journal = openJournal(world.journalPath, { storeCode: world.server.storeCode, tillId: TILL_ID });
  try {
    const orderNo = journal.allocateOrderNo();
    journal.recordPaymentStarted({ orderNo, member, priceFen });
    const result = await world.client.paidConsumeByPro({ memberNo: member.customerId, orderNo, priceFen });
    journal.recordPaymentApplied(orderNo, result);
    return { orderNo, priceFen, actualFen: result.actualPaymentFen };
  } finally {
    journal.close();
  }
}

export interface RefundRecord {
  entry: OutboxEntry;
  /** `action:outcome` of each attempt, oldest first, e.g. `send:interrupted`, `look-up:found-in-log`. */
  attempts: string[];
}

/** Reads the journal's refunds of one payment; only call it while no till process runs. */
export function readRefunds(world: CrashWorld, originalOrderNo: string): RefundRecord[] {
  const journal = openJournal(world.journalPath, { storeCode: world.server.storeCode, tillId: TILL_ID });
  try {
    return journal
      .listEntries({ kind: 'refund', orderNo: originalOrderNo })
      .filter((entry) => entry.originalOrderNo === originalOrderNo)
      .map((entry) => ({
        entry,
        attempts: journal.listAttempts(entry.id).map((attempt) => `${attempt.action}:${attempt.outcome ?? 'open'}`),
      }));
  } finally {
    journal.close();
  }
}

export interface TrialInput {
  member: { customerId: string; cardNo: string; phone: string };
  priceFen: number;
  amountFen: number;
  killPoint: KillPoint;
  /** For `random-time`: milliseconds after spawn. */
  killAfterMs?: number;
  /**
   * A server fault for the first try of the refund: the response is dropped after the refund was
   * applied, or a 502 comes back and nothing is applied. Ignored for `after-send`, which needs
   * its own fault.
   */
  fault?: 'drop-after-apply' | 'bad-gateway';
}

export interface TrialResult {
  killPoint: KillPoint;
  /** Every refund order number the till handed out for this refund, in the journal or not. */
  orderNos: string[];
  /** Refunds of the payment the server applied, over all those numbers. */
  applied: number;
  /** The journal's refunds of the payment, by state. */
  journalStates: string[];
  /** The attempts of each of those refunds. */
  journalAttempts: string[][];
  balanceChangeFen: number;
  expectedBalanceChangeFen: number;
  /** The first run was killed (false when it finished before the kill). */
  killed: boolean;
  stderr: string;
}

/**
 * Pays, starts a refund in a till process that is killed at `killPoint`, then starts the till
 * again. When the journal has no refund after the crash, the second run makes the refund again,
 * as a cashier who saw no confirmation would. Returns what the server and the journal hold.
 */
export async function runRefundTrial(world: CrashWorld, input: TrialInput): Promise<TrialResult> {
  const payment = await payInJournal(world, input.member, input.priceFen);
  const balanceBefore = balanceOf(world, input.member.customerId);
  const refund = { ...input.member, originalOrderNo: payment.orderNo, amountFen: input.amountFen };

  const first = await runFirst(world, input, refund);
  await world.server.setFault(null);

  const written = readRefunds(world, payment.orderNo);
  const second = await runDriver(world, written.length === 0 ? { refund } : {});
  if (second.code !== 0) throw new Error(`The restarted till failed (${second.code ?? second.signal}): ${second.stderr}`);

  const records = readRefunds(world, payment.orderNo);
  const orderNos = unique([...orderNosOf(first.events), ...orderNosOf(second.events), ...records.map((record) => record.entry.orderNo)]);
  return {
    killPoint: input.killPoint,
    orderNos,
    applied: orderNos.reduce((sum, orderNo) => sum + world.server.countApplied(orderNo), 0),
    journalStates: records.map((record) => record.entry.state),
    journalAttempts: records.map((record) => record.attempts),
    balanceChangeFen: balanceOf(world, input.member.customerId) - balanceBefore,
    expectedBalanceChangeFen: divideRoundingHalfUp(payment.actualFen * input.amountFen, payment.priceFen),
    killed: first.signal === 'SIGKILL',
    stderr: first.stderr + second.stderr,
  };
}

async function runFirst(world: CrashWorld, input: TrialInput, refund: NonNullable<DriverConfig['refund']>): Promise<DriverRun> {
  if (input.fault && input.killPoint !== 'after-send') {
    await world.server.setFault({ kind: input.fault }, { methods: ['paidConsumeByPro'], count: 1 });
  }
  switch (input.killPoint) {
    case 'none':
      return runDriver(world, { refund });
    case 'after-apply':
      return runDriver(world, { refund, killOnApply: true });
    case 'random-time':
      return runDriver(world, { refund, killAfterMs: input.killAfterMs ?? 0 });
    case 'after-send':
      // The server applies at once and answers late, so the kill lands between the two.
      await world.server.setFault({ kind: 'delay', ms: 400 }, { methods: ['paidConsumeByPro'], count: 1 });
      return runDriver(world, { refund, killAt: 'after-send', killDelayMs: 50 });
    default:
      return runDriver(world, { refund, killAt: input.killPoint });
  }
}

function balanceOf(world: CrashWorld, customerId: string): number {
  const member = world.server.findMember(customerId);
  if (!member) throw new Error(`Member ${customerId} is not on the training server`);
  return member.balanceFen;
}

function orderNosOf(events: DriverEvent[]): string[] {
  return events.flatMap((event) => (event.event === 'order-no' ? [event.orderNo] : []));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Divides as the training server rounds a refund's share: half up, on non-negative integers. */
function divideRoundingHalfUp(dividend: number, divisor: number): number {
  return Math.floor((dividend * 2 + divisor) / (divisor * 2));
}
