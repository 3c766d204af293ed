import type { TillStatus } from '../../common/contract';
import type { LiveStartFailure, LiveStartFailureReason } from '../../common/contract/settings';
import type { Router } from '../ipc/router';
import { JournalDamagedError } from '../journal';
import { createLogger } from '../logging/logger';
import { openPlainSettings } from '../settings/json-file-store';
import type { SettingsService } from '../settings/settings-service';
import { createTill, type CreateTillOptions, type Till } from './create-till';
import { createEventBus, type TillEventListener } from './events';

// Keeps one till running for the settings in force. Switching between training and live mode,
// or changing the live connection, needs another client and another journal file, so the host
// closes the running till and starts a new one. Its router and events stay the same object
// throughout, so the IPC registration and the renderer never notice the swap.

export interface TillHost {
  /** Sends each call to the till running now; a call made during a restart waits for it. */
  readonly router: Router;
  readonly settings: SettingsService;
  /** The till running now. */
  current(): Till;
  status(): TillStatus;
  /** Adds a listener for the events of every till this host runs. Returns the function that removes it. */
  onEvent(listener: TillEventListener): () => void;
  /** Resolves once a restart caused by a settings change has finished, at once when none is running. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** createTill's options; `settings` defaults, as there, to the plain settings file in the data folder. */
export type TillHostOptions = CreateTillOptions;

export async function createTillHost(options: TillHostOptions): Promise<TillHost> {
  const logger = createLogger('till-host');
  const settings = options.settings ?? openPlainSettings(options.dataDir);
  const tillOptions: CreateTillOptions = { ...options, settings };
  const events = createEventBus();

  let runningFor = connectionKey(settings);

  /**
   * Starts the till for the saved mode. When live mode cannot start (incomplete settings, a damaged
   * journal, a disk error), it records the failure in the settings, which switches the saved mode
   * to training, and starts training mode, so the manager can correct the settings.
   * A till started with an explicit `config` is not replaced, so its error is thrown.
   */
  const startTill = async (): Promise<Till> => {
    if (settings.getMode() !== 'live' || options.config !== undefined) return createTill(tillOptions);

    let failure: LiveStartFailure;
    if (settings.getConnectionSettings() === null) {
      failure = liveStartFailure('settings-incomplete', null, describeIncompleteSettings(settings));
    } else {
      try {
        const started = await createTill(tillOptions);
        settings.reportLiveStartFailure(null);
        return started;
      } catch (error) {
        failure =
          error instanceof JournalDamagedError
            ? liveStartFailure('journal-damaged', error.path, error.message)
            : liveStartFailure('start-failed', null, error instanceof Error ? error.message : String(error));
      }
    }

    logger.error('live mode failed to start; starting training mode', { ...failure });
    // Set first, so the mode change below does not schedule another restart.
    runningFor = 'training';
    settings.reportLiveStartFailure(failure);
    return createTill(tillOptions);
  };

  let till = await startTill();
  runningFor = connectionKey(settings);
  let stopForwarding = till.onEvent((name, payload) => events.emit(name, payload));
  let restarting: Promise<void> = Promise.resolve();
  let closed = false;

  const restart = async (): Promise<void> => {
    const previous = till;
    stopForwarding();
    await previous.close();
    // NOTE: when even training mode fails to start here, `till` stays the closed till, so every
    // later call fails until the app restarts.
    till = await startTill();
    stopForwarding = till.onEvent((name, payload) => events.emit(name, payload));
    logger.info('till restarted for new settings', { mode: till.mode });
    events.emit('till:status-changed', till.status());
  };

  settings.onChange(() => {
    const key = connectionKey(settings);
    if (closed || key === runningFor) return;
    runningFor = key;
    // Started after the settings call has returned its reply through the router of the old till.
    restarting = restarting
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(restart)
      .catch((error: unknown) => logger.error('till restart failed', { error }));
  });

  const handle: Router['handle'] = async (channel, request) => {
    await restarting;
    const reply = await till.router.handle(channel, request);
    if (channel !== 'settings:set-mode' || !isOkReply(reply) || reply.value.mode !== 'live') return reply;

    // The switch to live restarts the till after this reply. Only a live till confirms the switch.
    await restarting;
    if (till.mode === 'live') return reply;
    const failure = settings.getView().liveStartFailure;
    return {
      ok: false,
      error: {
        code: failure?.reason === 'settings-incomplete' ? 'not-configured' : 'internal',
        message: `Live mode failed to start, so the till runs in training mode: ${failure?.message ?? 'unknown error'}`,
        field: 'mode',
      },
    };
  };
  const router: Router = {
    channelNames: till.router.channelNames,
    handle,
    call: (channel, request) => handle(channel, request) as ReturnType<Router['call']>,
  };

  return {
    router,
    settings,
    current: () => till,
    status: () => till.status(),
    onEvent: (listener) => events.subscribe(listener),
    settled: () => restarting,
    async close() {
      closed = true;
      await restarting;
      stopForwarding();
      await till.close();
    },
  };
}

/** Identifies what the running till depends on: the mode and, in live mode, the whole connection. */
function connectionKey(settings: SettingsService): string {
  if (settings.getMode() === 'training') return 'training';
  return JSON.stringify(settings.getConnectionSettings());
}

function liveStartFailure(reason: LiveStartFailureReason, journalPath: string | null, message: string): LiveStartFailure {
  return { reason, journalPath, message, failedAt: new Date().toISOString() };
}

function describeIncompleteSettings(settings: SettingsService): string {
  const view = settings.getView();
  if (view.fields === null) return 'No connection settings are saved';
  if (view.secretState === 'unreadable') return `The saved secret cannot be decrypted (${view.secretUnreadableReason ?? 'unknown reason'})`;
  return 'No secret is saved';
}

function isOkReply(reply: unknown): reply is { ok: true; value: { mode?: unknown } } {
  if (typeof reply !== 'object' || reply === null) return false;
  const candidate = reply as { ok?: unknown; value?: unknown };
  return candidate.ok === true && typeof candidate.value === 'object' && candidate.value !== null;
}
