import { EventEmitter } from 'node:events';

import type { AttemptRecord, EnqueueInput, EntryEvent, EntryQuery, Journal, OutboxEntry, OutboxSummary } from '../journal';
import { createLogger, type Logger } from '../logging';
import type { VipaxClient } from '../vipax/types';
import { takeTurn, type TurnContext } from './attempt';
import type { OutboxHooks, OutboxStepContext } from './hooks';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry-policy';

export interface OutboxOptions {
  journal: Journal;
  client: VipaxClient;
  hooks?: OutboxHooks;
  retryPolicy?: Partial<RetryPolicy>;
  /**
   * The client's total timeout for one request. A refund is looked up no sooner than this plus
   * the policy's lookUpDelayMs after its last send started, because the server may apply it until
   * then. Default 0, which suits only a client that never lets a request run long.
   */
  requestTimeoutMs?: number;
  /** How long `submit` waits for the first send before it reports the entry as queued. Default 20 s. */
  submitWaitMs?: number;
  /** Milliseconds since the epoch; must agree with the journal's clock. */
  now?: () => number;
  random?: () => number;
  logger?: Logger;
}

/** The outbox indicator's figures. */
export interface OutboxStatus extends OutboxSummary {
  /** Milliseconds since the oldest pending entry was written, or null when none is pending. */
  oldestPendingAgeMs: number | null;
}

export interface OutboxEvents {
  /** After every change to any entry. */
  changed: [OutboxStatus];
  /** After an attempt on one entry was written to the journal. */
  settled: [OutboxEntry, 'send' | 'look-up'];
  /** When a run of sends ends with nothing left to do now. */
  idle: [];
}

/** Maximum sleep between checks, so a changed clock or a missed wake-up is noticed within a minute. */
const MAX_TIMER_MS = 60_000;

/**
 * The durable outbox: refunds, returns and order uploads are written to the journal, then sent in
 * the background, one at a time, oldest first, with one member's entries in order. A network
 * failure pauses sending with backoff until `wake()` or the next due time.
 */
export class Outbox extends EventEmitter<OutboxEvents> {
  private readonly journal: Journal;
  private readonly turnContext: TurnContext;
  private readonly policy: RetryPolicy;
  private readonly hooks: OutboxHooks | undefined;
  private readonly submitWaitMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly logger: Logger;

  private running = false;
  private loop: Promise<void> | null = null;
  private runAgain = false;
  private timer: NodeJS.Timeout | null = null;
  /** Sends pause until this time after a network failure; 0 when not paused. */
  private offlineUntil = 0;
  private offlineFailures = 0;

  constructor(options: OutboxOptions) {
    super();
    this.journal = options.journal;
    this.policy = { ...defaultRetryPolicy, ...options.retryPolicy };
    this.hooks = options.hooks;
    this.submitWaitMs = options.submitWaitMs ?? 20_000;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? createLogger('outbox');
    this.turnContext = {
      journal: this.journal,
      client: options.client,
      hooks: this.hooks,
      policy: this.policy,
      requestTimeoutMs: options.requestTimeoutMs ?? 0,
      random: this.random,
      now: this.now,
      logger: this.logger,
      onSettled: (entry, action) => {
        this.emit('settled', entry, action);
        this.emitChanged();
      },
    };
  }

  /**
   * Recovers entries a crash left in flight (their outcome becomes unknown) and starts sending.
   * Only one outbox may run on a journal.
   */
  start(): void {
    if (this.running) return;
    const recovered = this.journal.recoverInterrupted();
    if (recovered.entries > 0 || recovered.payments > 0) {
      this.logger.warn('recovered records left in flight by the last run', recovered);
    }
    this.running = true;
    this.logger.info('outbox started', { pending: this.journal.summarize().pendingCount });
    this.emitChanged();
    void this.kick();
  }

  /** Stops sending after the current request. Entries left pending are sent after the next start. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.clearTimer();
    await this.loop;
    this.logger.info('outbox stopped', { pending: this.journal.summarize().pendingCount });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Sends everything pending at once; for the online monitor when the server is reachable again. */
  wake(): void {
    if (!this.running) return;
    this.offlineUntil = 0;
    this.offlineFailures = 0;
    const moved = this.journal.makePendingDue(this.now());
    this.logger.info('outbox woken', { madeDue: moved });
    void this.kick();
  }

  /**
   * Writes the entry to the journal, then sends it at once unless an earlier entry of the same
   * member or a network pause keeps it waiting. Resolves with the entry after its first send. It
   * resolves with the entry still pending when it cannot be sent now or after `submitWaitMs`.
   * Throws the journal's error (e.g. `over-refund`) before anything is written.
   */
  async submit(input: EnqueueInput): Promise<OutboxEntry> {
    const described = describe(input);
    await this.step('before-journal-write', { ...described, entryId: null });
    const entry = this.journal.enqueue(input);
    this.logger.info(`${entry.kind} queued`, { orderNo: entry.orderNo, entryId: entry.id, amountFen: entry.amountFen });
    this.emitChanged();
    await this.step('after-journal-write', { ...described, entryId: entry.id });

    if (!this.running) return entry;
    const firstSend = this.waitForFirstSend(entry.id);
    void this.kick();
    await firstSend;
    return this.journal.getEntry(entry.id) ?? entry;
  }

  /** Puts an entry that needs attention back in the queue, due now. */
  retry(entryId: number, note: string | null = null): OutboxEntry {
    const entry = this.journal.retryEntry(entryId, note);
    this.logger.info('retry requested', { orderNo: entry.orderNo, entryId });
    this.emitChanged();
    void this.kick();
    return entry;
  }

  /** Cancels an entry that is not being sent; the reason is kept with it. */
  cancel(entryId: number, reason: string): OutboxEntry {
    const entry = this.journal.cancelEntry(entryId, reason);
    this.logger.warn('entry cancelled', { orderNo: entry.orderNo, entryId, reason: entry.note });
    this.emitChanged();
    void this.kick();
    return entry;
  }

  /** Records that a person found an entry under review applied on the server. */
  confirmSent(entryId: number, note: string): OutboxEntry {
    const entry = this.journal.confirmSent(entryId, note);
    this.logger.warn('entry confirmed as sent after review', { orderNo: entry.orderNo, entryId });
    this.emitChanged();
    void this.kick();
    return entry;
  }

  list(query: EntryQuery = {}): OutboxEntry[] {
    return this.journal.listEntries(query);
  }

  get(entryId: number): OutboxEntry | null {
    return this.journal.getEntry(entryId);
  }

  /** Lists every send and look-up of the entry, oldest first. */
  attempts(entryId: number): AttemptRecord[] {
    return this.journal.listAttempts(entryId);
  }

  /** Lists every change of the entry's state, with the notes people wrote. */
  history(entryId: number): EntryEvent[] {
    return this.journal.listEvents(entryId);
  }

  status(): OutboxStatus {
    const summary = this.journal.summarize();
    const oldest = summary.oldestPendingAt === null ? null : Date.parse(summary.oldestPendingAt);
    return { ...summary, oldestPendingAgeMs: oldest === null ? null : Math.max(0, this.now() - oldest) };
  }

  /** Resolves when the current run of sends has ended; starts one if entries are due. */
  async drain(): Promise<void> {
    await this.kick();
  }

  /**
   * Starts a run of passes, or requests another pass from the running one. The returned promise
   * settles when the run ends, after every pass requested before then.
   */
  private kick(): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.runAgain = true;
    this.loop ??= this.runPasses();
    return this.loop;
  }

  private async runPasses(): Promise<void> {
    this.clearTimer();
    try {
      while (this.runAgain && this.running) {
        this.runAgain = false;
        await this.runPass();
      }
    } finally {
      // No await between the loop's last check and here, so a kick cannot slip in between.
      this.loop = null;
      this.scheduleNext();
      this.emit('idle');
    }
  }

  /** Takes turns on due entries until none is due, sending pauses, or the outbox stops. */
  private async runPass(): Promise<void> {
    const taken = new Set<number>();
    while (this.running) {
      if (this.now() < this.offlineUntil) return;
      const due = this.journal.listDueEntries(this.now(), 50).filter((entry) => !taken.has(entry.id));
      if (due.length === 0) return;

      for (const entry of due) {
        if (!this.running || this.now() < this.offlineUntil) return;
        taken.add(entry.id);
        const signal = await this.takeTurnSafely(entry);
        if (signal === 'offline') {
          this.offlineFailures += 1;
          this.offlineUntil = this.now() + backoffDelay(this.offlineFailures, this.policy, this.random);
          this.logger.warn('sending paused: the server did not respond', {
            orderNo: entry.orderNo,
            retryInMs: this.offlineUntil - this.now(),
          });
          return;
        }
        if (signal === 'done') this.offlineFailures = 0;
      }
    }
  }

  private async takeTurnSafely(entry: OutboxEntry): Promise<'done' | 'offline' | 'deferred'> {
    try {
      return await takeTurn(this.turnContext, entry);
    } catch (error) {
      // A journal write failed (disk full, locked). The entry keeps its last durable state; an
      // entry left `sending` is recovered with an unknown outcome at the next start.
      this.logger.error('outbox: turn failed', { orderNo: entry.orderNo, entryId: entry.id, error: String(error) });
      return 'done';
    }
  }

  private scheduleNext(): void {
    this.clearTimer();
    if (!this.running) return;
    const nextDue = this.journal.nextDueAt();
    if (nextDue === null) return;
    const at = Math.max(nextDue, this.offlineUntil);
    const delay = Math.min(Math.max(0, at - this.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.kick();
    }, delay);
    // The outbox alone never keeps the process alive; the app or the test does.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private waitForFirstSend(entryId: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timeout);
        this.off('settled', onSettled);
        this.off('idle', finish);
        resolve();
      };
      const onSettled = (entry: OutboxEntry, action: 'send' | 'look-up'): void => {
        if (entry.id === entryId && action === 'send') finish();
      };
      const timeout = setTimeout(finish, this.submitWaitMs);
      this.on('settled', onSettled);
      this.on('idle', finish);
    });
  }

  private emitChanged(): void {
    this.emit('changed', this.status());
  }

  private async step(name: 'before-journal-write' | 'after-journal-write', context: OutboxStepContext): Promise<void> {
    await this.hooks?.at(name, context);
  }
}

function describe(input: EnqueueInput): Omit<OutboxStepContext, 'entryId'> {
  switch (input.payload.kind) {
    case 'refund':
      return { kind: 'refund', orderNo: input.payload.request.orderNo };
    case 'return':
      return { kind: 'return', orderNo: input.payload.request.returnOrderNo };
    case 'order-upload':
      return { kind: 'order-upload', orderNo: input.payload.request.orderNo };
  }
}
