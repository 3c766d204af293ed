// A till process for the crash tests: opens the journal and the outbox against a training server,
// optionally creates one refund, and runs until nothing is pending. The test kills it with SIGKILL
// at a chosen step (or from the training server's afterApply hook) and starts it again.
//
// Usage: node --import tsx test/crash/driver.ts '<DriverConfig as JSON>'
// Every line on stdout is one JSON event: order-no, step, done.
import { openJournal } from '../../main/journal';
import { createMemoryLogBackend, setLogBackend } from '../../main/logging';
import { Outbox, type OutboxStep } from '../../main/outbox';
import { createVipaxClient } from '../../main/vipax';

export interface DriverConfig {
  journalPath: string;
  server: { url: string; appid: string; secret: string; storeCode: string };
  tillId: string;
  /** Create this refund after start; without it the driver only resumes what the journal has. */
  refund?: { customerId: string; cardNo: string; phone: string; originalOrderNo: string; amountFen: number };
  /** Kill this process with SIGKILL when the outbox reaches the step. */
  killAt?: OutboxStep;
  /** Wait this long at `killAt` before the kill, so a request can reach the server first. */
  killDelayMs?: number;
  lookUpDelayMs: number;
  /** Give up after this long with exit code 2. */
  timeoutMs: number;
}

export type DriverEvent =
  | { event: 'order-no'; orderNo: string }
  | { event: 'step'; step: OutboxStep; orderNo: string }
  | { event: 'done'; pending: number; states: Record<string, string> };

function emit(event: DriverEvent): void {
  // Writes to a pipe are synchronous on Linux, so a line is out before a kill that follows it.
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as DriverConfig;
  // Log lines are not needed here, and stderr is kept for real failures.
  setLogBackend(createMemoryLogBackend());

  const journal = openJournal(config.journalPath, { storeCode: config.server.storeCode, tillId: config.tillId });
  const client = createVipaxClient({ ...config.server, connectTimeoutMs: 1000, timeoutMs: 5000, readRetries: 1 });
  const outbox = new Outbox({
    journal,
    client,
    retryPolicy: { baseDelayMs: 50, maxDelayMs: 500, lookUpDelayMs: config.lookUpDelayMs },
    hooks: {
      async at(step, context) {
        emit({ event: 'step', step, orderNo: context.orderNo });
        if (step !== config.killAt) return;
        if (config.killDelayMs) await sleep(config.killDelayMs);
        process.kill(process.pid, 'SIGKILL');
        await sleep(60_000);
      },
    },
  });
  outbox.start();

  if (config.refund) {
    const { refund } = config;
    const orderNo = journal.allocateOrderNo();
    emit({ event: 'order-no', orderNo });
    await outbox.submit({
      payload: {
        kind: 'refund',
        request: { memberNo: refund.customerId, orderNo, priceFen: -refund.amountFen, originalOrderNo: refund.originalOrderNo },
      },
      member: { customerId: refund.customerId, cardNo: refund.cardNo, phone: refund.phone },
    });
  }

  const deadline = Date.now() + config.timeoutMs;
  while (outbox.status().pendingCount > 0) {
    if (Date.now() > deadline) {
      process.stderr.write(`driver: still ${outbox.status().pendingCount} pending after ${config.timeoutMs} ms\n`);
      process.exit(2);
    }
    await outbox.drain();
    await sleep(20);
  }

  const states: Record<string, string> = {};
  for (const entry of outbox.list()) states[entry.orderNo] = entry.state;
  emit({ event: 'done', pending: outbox.status().pendingCount, states });
  await outbox.stop();
  journal.close();
  client.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`driver failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
