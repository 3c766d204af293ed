import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTill, type CreateTillOptions, type Till } from '../../../main/app/create-till';
import { startTrainingServer, type TrainingServer, type TrainingServerOptions } from '../../../main/training';

// A till with its own temporary data folder, wired by the real createTill to a real training
// server on 127.0.0.1. Service tests use it directly; launchTill puts Chromium in front of it.

export interface TillFixtureOptions {
  training?: TrainingServerOptions;
  /** createTill options beyond the data folder and the training server. */
  till?: Omit<CreateTillOptions, 'dataDir' | 'trainingServer'>;
}

export interface TillFixture {
  readonly server: TrainingServer;
  readonly till: Till;
  readonly dataDir: string;
  /** Closes the till and the server and deletes the data folder. */
  close(): Promise<void>;
}

/** Test defaults: short timeouts and fast pings, so fault cases finish in about a second. */
export const FAST_TILL_OPTIONS = {
  client: { connectTimeoutMs: 1000, timeoutMs: 3000, readRetries: 1, retryBaseDelayMs: 50 },
  monitor: { intervalMs: 1000, offlineIntervalMs: 300 },
  settleDelayMs: 0,
} satisfies Omit<CreateTillOptions, 'dataDir'>;

export async function startTillFixture(options: TillFixtureOptions = {}): Promise<TillFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipax-till-test-'));
  const server = await startTrainingServer({ host: '127.0.0.1', port: 0, ...options.training });
  let till: Till;
  try {
    till = await createTill({ ...FAST_TILL_OPTIONS, ...options.till, dataDir, trainingServer: server });
  } catch (error) {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  let closed = false;
  return {
    server,
    till,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      await till.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
