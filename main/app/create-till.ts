import { join } from 'node:path';
import type { TillMode, TillStatus } from '../../common/contract';
import { createRouter, type HandlerModule, type Router } from '../ipc/router';
import { createMemberHandlers } from '../ipc/handlers/member';
import { createOrderHandlers } from '../ipc/handlers/order';
import { createOutboxHandlers } from '../ipc/handlers/outbox';
import { createPaymentHandlers } from '../ipc/handlers/payment';
import { createSettingsHandlers } from '../ipc/handlers/settings';
import { createRefundHandlers } from '../ipc/handlers/refund';
import { createTillHandlers } from '../ipc/handlers/till';
import { isSqliteDamage, JournalDamagedError, openJournal, type Journal, type JournalOptions } from '../journal';
import { createLogger, type Logger } from '../logging/logger';
import { Outbox, type RetryPolicy } from '../outbox';
import { createMemberService, type MemberService } from '../services/members';
import { createOnlineMonitor, type OnlineMonitor } from '../services/online-status';
import {
  createOrderUploadService,
  createRefundService,
  createReturnService,
  type OrderUploadService,
  type RefundService,
  type ReturnService,
  toStatusView,
} from '../services/outbox';
import type { LateCheckOptions } from '../services/late-check';
import { createPaymentService, type PaymentService } from '../services/payments';
import { createConnectionTester, type ConnectionTester } from '../settings/connection-test';
import { openPlainSettings } from '../settings/json-file-store';
import type { SettingsService } from '../settings/settings-service';
import { startTrainingServer, type TrainingServer } from '../training';
import { createVipaxClient, type VipaxClientConfig, type VipaxHttpClient } from '../vipax';
import { createEventBus, type EventBus, type TillEventListener } from './events';

// The composition root: builds the client, journal, services and router of one till, in training
// mode or against the live server. The Electron entry, the end-to-end harness and integration
// tests all start the till through `createTill`, so they run the same wiring.

/** The live server's connection, as the settings hold it. */
export type LiveConfig = Omit<VipaxClientConfig, 'logger' | 'now'>;

export interface CreateTillOptions {
  /** The app's data folder: the journal and the training server's data file live here. */
  dataDir: string;
  /** Live server settings. Without them the till runs in training mode. */
  config?: LiveConfig;
  /** Training mode against a server the caller started, instead of one in the data folder. */
  trainingServer?: TrainingServer;
  /** This till's id, the second part of every order number. Default "T01". */
  tillId?: string;
  appVersion?: string;
  /** Overrides of the client settings, e.g. short timeouts in tests. */
  client?: Partial<Pick<VipaxClientConfig, 'connectTimeoutMs' | 'timeoutMs' | 'readRetries' | 'retryBaseDelayMs'>>;
  monitor?: { intervalMs?: number; offlineIntervalMs?: number };
  /** See PaymentServiceOptions.settleDelayMs: the margin beyond the client's total timeout. */
  settleDelayMs?: number;
  /** Overrides of when a payment settled as not charged is looked up again, e.g. short ones in tests. */
  lateCheck?: LateCheckOptions;
  /** Overrides of the outbox's retry delays, e.g. short ones in tests. */
  outboxRetryPolicy?: Partial<RetryPolicy>;
  now?: () => Date;
  /**
   * The till's settings. Without `config`, a till whose settings are in live mode with a readable
   * secret connects to the live server they name. Default: the settings file in the data folder,
   * without OS encryption, because plain Node has no key store.
   */
  settings?: SettingsService;
  /** Runs "Test connection". Default: the real client against the settings under test. */
  testConnection?: ConnectionTester;
}

export interface Till {
  readonly mode: TillMode;
  readonly router: Router;
  readonly client: VipaxHttpClient;
  readonly journal: Journal;
  readonly events: EventBus;
  readonly monitor: OnlineMonitor;
  readonly members: MemberService;
  readonly payments: PaymentService;
  readonly settings: SettingsService;
  /** Sends refunds, returns and order uploads; started with the till, stopped by `close`. */
  readonly outbox: Outbox;
  readonly refunds: RefundService;
  readonly returns: ReturnService;
  readonly orderUploads: OrderUploadService;
  /** The in-process training server when this till started one itself; otherwise null. */
  readonly ownTrainingServer: TrainingServer | null;
  status(): TillStatus;
  /** Adds a listener for every main → renderer event and returns the function that removes it. */
  onEvent(listener: TillEventListener): () => void;
  /** Stops the monitor, closes the client and journal, and stops a training server it started. */
  close(): Promise<void>;
}

/** The training server's data file in the data folder; training mode keeps its members between runs. */
export const TRAINING_DATA_FILE = 'training-server.json';
export const JOURNAL_FILE = 'journal.sqlite';
/** Training records live in their own journal so they never mix with real ones. */
export const TRAINING_JOURNAL_FILE = 'journal-training.sqlite';

export async function createTill(options: CreateTillOptions): Promise<Till> {
  const logger = createLogger('till');
  const settings = options.settings ?? openPlainSettings(options.dataDir);
  const saved = liveSettingsOf(settings);
  const config = options.config ?? saved?.config;
  const mode: TillMode = config === undefined ? 'training' : 'live';
  const tillId = options.tillId ?? saved?.tillId ?? 'T01';

  const ownTrainingServer =
    mode === 'training' && options.trainingServer === undefined
      ? await startTrainingServer({ dataFile: join(options.dataDir, TRAINING_DATA_FILE), logger: trainingLogger() })
      : null;
  const connection: LiveConfig = config ?? trainingConnection(options.trainingServer ?? ownTrainingServer);

  let client: VipaxHttpClient | null = null;
  let journal: Journal | null = null;
  try {
    client = createVipaxClient({ ...connection, ...options.client, logger: createLogger('vipax'), now: options.now });
    journal = openTillJournal(join(options.dataDir, mode === 'training' ? TRAINING_JOURNAL_FILE : JOURNAL_FILE), {
      storeCode: connection.storeCode,
      tillId,
      clock: options.now,
    });

    const till = assemble({ options, mode, tillId, client, journal, connection, ownTrainingServer, settings, logger });
    logger.info('Till started', { mode, storeCode: connection.storeCode, tillId });
    return till;
  } catch (error) {
    client?.close();
    journal?.close();
    await ownTrainingServer?.close();
    throw error;
  }
}

/**
 * Opens the journal and resumes the records a crash left in flight. SQLite's "not a database" and
 * "malformed" errors, from the open or from the first reads, become a JournalDamagedError that
 * names the file. The file is left as it is, because it may hold queued refunds.
 */
function openTillJournal(path: string, options: JournalOptions): Journal {
  let journal: Journal | null = null;
  try {
    journal = openJournal(path, options);
    const recovered = journal.recoverInterrupted();
    if (recovered.payments > 0 || recovered.entries > 0) createLogger('till').warn('Recovered records left in flight', recovered);
    return journal;
  } catch (error) {
    journal?.close();
    if (isSqliteDamage(error)) throw new JournalDamagedError(path, error);
    throw error;
  }
}

interface AssembleInput {
  options: CreateTillOptions;
  mode: TillMode;
  tillId: string;
  client: VipaxHttpClient;
  journal: Journal;
  connection: LiveConfig;
  ownTrainingServer: TrainingServer | null;
  settings: SettingsService;
  logger: Logger;
}

function assemble(input: AssembleInput): Till {
  const { options, mode, tillId, client, journal, connection, ownTrainingServer, settings, logger } = input;
  const monitor = createOnlineMonitor({
    ping: () => client.ping(),
    intervalMs: options.monitor?.intervalMs,
    offlineIntervalMs: options.monitor?.offlineIntervalMs,
    now: options.now,
  });
  const members = createMemberService({ client, monitor });
  const events = createEventBus();
  const payments = createPaymentService({
    client,
    journal,
    members,
    monitor,
    requestTimeoutMs: client.timeoutMs,
    settleDelayMs: options.settleDelayMs,
    lateCheck: options.lateCheck,
    onAppliedLate: (payment) => events.emit('payment:charged-late', payment),
    now: options.now,
  });

  const status = (): TillStatus => ({
    mode,
    ...monitor.current(),
    storeCode: connection.storeCode,
    tillId,
    appVersion: options.appVersion ?? '0.0.0',
  });

  const clock = options.now;
  const outbox = new Outbox({
    journal,
    client,
    retryPolicy: options.outboxRetryPolicy,
    requestTimeoutMs: client.timeoutMs,
    now: clock === undefined ? undefined : () => clock().getTime(),
  });
  const refunds = createRefundService({
    journal,
    outbox,
    client,
    members,
    monitor,
    ...(connection.timeZone === undefined ? {} : { timeZone: connection.timeZone }),
    now: options.now,
  });
  const returns = createReturnService({ journal, outbox, now: options.now });
  const orderUploads = createOrderUploadService({ journal, outbox, members, now: options.now });

  const handlerModules: HandlerModule[] = [
    createTillHandlers({ status }),
    createMemberHandlers({ members }),
    createPaymentHandlers({ payments }),
    createRefundHandlers({ refunds, returns }),
    createOutboxHandlers({ outbox }),
    createOrderHandlers({ orderUploads }),
    createSettingsHandlers({ settings, testConnection: options.testConnection ?? createConnectionTester() }),
  ];
  const router = createRouter(handlerModules);

  monitor.onChange(() => events.emit('till:status-changed', status()));
  // The outbox sends what waited as soon as the server answers again.
  monitor.onChange((connection) => {
    if (connection.connection === 'online') outbox.wake();
  });
  outbox.on('changed', (outboxStatus) => events.emit('outbox:changed', toStatusView(outboxStatus)));
  monitor.start();
  outbox.start();
  payments.checkRecentOnStart();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      monitor.stop();
      // A payment or refund cut off here might be charged with no record of its outcome, so
      // closing waits for sends in flight, each bounded by the client's timeout.
      await Promise.all([payments.settle(client.timeoutMs + 1000), payments.stopLateChecks(), outbox.stop()]);
      client.close();
      journal.close();
      await ownTrainingServer?.close();
      logger.info('Till stopped', { mode });
    })();
    return closing;
  };

  return {
    mode,
    router,
    client,
    journal,
    events,
    monitor,
    members,
    payments,
    settings,
    outbox,
    refunds,
    returns,
    orderUploads,
    ownTrainingServer,
    status,
    onEvent: (listener) => events.subscribe(listener),
    close,
  };
}

function trainingConnection(server: TrainingServer | null): LiveConfig {
  if (server === null) throw new Error('Training mode needs a training server');
  return { url: server.url, appid: server.appid, secret: server.secret, storeCode: server.storeCode };
}

function trainingLogger() {
  const logger = createLogger('training-server');
  return {
    info: (message: string) => logger.info(message),
    warn: (message: string) => logger.warn(message),
    error: (message: string, error?: unknown) => logger.error(message, { error: String(error) }),
  };
}

/** Returns the live connection the settings name, or null in training mode or while they are incomplete. */
function liveSettingsOf(settings: SettingsService): { config: LiveConfig; tillId: string } | null {
  if (settings.getMode() !== 'live') return null;
  const saved = settings.getConnectionSettings();
  if (saved === null) return null;

  const config: LiveConfig = {
    url: saved.serverUrl,
    appid: saved.appid,
    secret: saved.secret,
    storeCode: saved.storeCode,
    timeZone: saved.timeZone,
    connectTimeoutMs: saved.connectTimeoutMs,
    timeoutMs: saved.totalTimeoutMs,
    ...(saved.brandId === null ? {} : { brandId: saved.brandId }),
  };
  return { config, tillId: saved.tillId };
}
