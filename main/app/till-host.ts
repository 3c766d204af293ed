import type { TillStatus } from '../../common/contract';
import type { Router } from '../ipc/router';
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

  let till = await createTill(tillOptions);
  let stopForwarding = till.onEvent((name, payload) => events.emit(name, payload));
  let runningFor = connectionKey(settings);
  let restarting: Promise<void> = Promise.resolve();
  let closed = false;

  const restart = async (): Promise<void> => {
    const previous = till;
    stopForwarding();
    await previous.close();
    try {
      till = await createTill(tillOptions);
    } catch (error) {
      // The settings were validated when saved, so this is a fault of the machine (disk, port).
      // The previous mode's till is started again so the app stays usable.
      logger.error('till restart failed; starting training mode', { error });
      till = await createTill({ ...tillOptions, settings: trainingOnly(settings) });
    }
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
    return till.router.handle(channel, request);
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

/** Returns a view of `settings` that reports training mode, for the fallback after a failed restart. */
function trainingOnly(settings: SettingsService): SettingsService {
  return { ...settings, getMode: () => 'training', getConnectionSettings: () => null };
}
