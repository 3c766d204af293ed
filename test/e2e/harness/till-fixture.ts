import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateTillOptions, Till } from '../../../main/app/create-till';
import { createTillHost, type TillHost } from '../../../main/app/till-host';
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
  /** The till running now; another one after a mode switch. */
  readonly till: Till;
  /** Runs the till and restarts it when its settings change mode, as the app does. */
  readonly host: TillHost;
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
  let host: TillHost;
  try {
    // Through the till host, as in the app, so a mode switch on the settings screen restarts the till.
    host = await createTillHost({ ...FAST_TILL_OPTIONS, ...options.till, dataDir, trainingServer: server });
  } catch (error) {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  let closed = false;
  return {
    server,
    get till() {
      return host.current();
    },
    host,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      await host.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
