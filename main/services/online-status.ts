import type { ConnectionState } from '../../common/contract';
import { createLogger, type Logger } from '../logging/logger';
import { isVipaxError } from '../vipax/errors';
import type { PingResult } from '../vipax/types';

// Watches whether the VIPax server is reachable. It pings every `intervalMs` while online and
// every `offlineIntervalMs` while offline, and at once when a service reports a failed call, so
// payment is refused soon after the network drops and comes back by itself when it returns.

export interface ConnectionStatus {
  connection: ConnectionState;
  /** ISO 8601 time of the last finished ping. */
  checkedAt: string | null;
  latencyMs: number | null;
  clockOffsetMs: number | null;
}

export interface OnlineMonitor {
  current(): ConnectionStatus;
  /** Starts the periodic pings; the first runs at once. */
  start(): void;
  stop(): void;
  /** Pings now (or joins the ping in progress) and returns the status after it. */
  check(): Promise<ConnectionStatus>;
  /** Records that a call reached the server, so the till is online without waiting for a ping. */
  reportSuccess(): void;
  /** Records that a call failed to reach the server and starts a ping to confirm it. */
  reportFailure(error: unknown): void;
  /** Adds a listener for status changes and returns the function that removes it. */
  onChange(listener: (status: ConnectionStatus) => void): () => void;
}

export interface OnlineMonitorOptions {
  ping: () => Promise<PingResult>;
  /** Time between pings while online. Default 5000 ms. */
  intervalMs?: number;
  /** Time between pings while offline or checking. Default 2000 ms. */
  offlineIntervalMs?: number;
  now?: () => Date;
  logger?: Logger;
}

export function createOnlineMonitor(options: OnlineMonitorOptions): OnlineMonitor {
  const intervalMs = options.intervalMs ?? 5000;
  const offlineIntervalMs = options.offlineIntervalMs ?? 2000;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger('online-status');
  const listeners = new Set<(status: ConnectionStatus) => void>();

  let status: ConnectionStatus = { connection: 'checking', checkedAt: null, latencyMs: null, clockOffsetMs: null };
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<ConnectionStatus> | null = null;

  function update(next: ConnectionStatus): void {
    // Listeners hear about a new connection state or a clock offset that moved by a second or
    // more, not about every ping, so the renderer is not redrawn every few seconds.
    const changed =
      next.connection !== status.connection || clockOffsetMoved(status.clockOffsetMs, next.clockOffsetMs);
    if (next.connection !== status.connection) {
      logger.info('Connection state changed', { from: status.connection, to: next.connection });
    }
    status = next;
    if (!changed) return;

    for (const listener of listeners) {
      try {
        listener(status);
      } catch (error) {
        logger.error('Connection status listener failed', { error: String(error) });
      }
    }
  }

  function schedule(): void {
    if (!running) return;
    if (timer !== null) clearTimeout(timer);
    const delay = status.connection === 'online' ? intervalMs : offlineIntervalMs;
    timer = setTimeout(() => void check(), delay);
    timer.unref();
  }

  async function ping(): Promise<ConnectionStatus> {
    try {
      const result = await options.ping();
      update({
        connection: 'online',
        checkedAt: now().toISOString(),
        latencyMs: result.latencyMs,
        clockOffsetMs: result.clockOffsetMs,
      });
    } catch (error) {
      // A rejection (e.g. a bad signature) still proves the server is reachable.
      const reachable = isVipaxError(error) && (error.kind === 'rejected' || error.kind === 'invalid-input');
      if (!reachable && status.connection !== 'offline') {
        logger.warn('Ping failed', { error: error instanceof Error ? error.message : String(error) });
      }
      update({
        connection: reachable ? 'online' : 'offline',
        checkedAt: now().toISOString(),
        latencyMs: null,
        clockOffsetMs: status.clockOffsetMs,
      });
    }
    return status;
  }

  function check(): Promise<ConnectionStatus> {
    if (inFlight === null) {
      inFlight = ping().finally(() => {
        inFlight = null;
        schedule();
      });
    }
    return inFlight;
  }

  return {
    current: () => status,
    start() {
      if (running) return;
      running = true;
      void check();
    },
    stop() {
      running = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    check,
    reportSuccess() {
      if (status.connection !== 'online') void check();
    },
    reportFailure(error) {
      logger.debug('A call failed to reach the server; checking the connection', {
        error: error instanceof Error ? error.message : String(error),
      });
      void check();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function clockOffsetMoved(before: number | null, after: number | null): boolean {
  if (before === null || after === null) return before !== after;
  return Math.abs(after - before) >= 1000;
}
