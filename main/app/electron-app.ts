import { app, dialog, type BrowserWindow } from 'electron';
import { eventNames } from '../../common/contract';
import en from '../../renderer/locales/en.json';
import zhCN from '../../renderer/locales/zh-CN.json';
import { registerIpc } from '../ipc/register';
import { JournalDamagedError } from '../journal';
import { createFileLogBackend, createLogger, setLogBackend } from '../logging';
import { isTrustedSender } from '../security';
import { openElectronSettings } from '../settings/electron-settings';
import { createMainWindow } from '../window';
import type { CreateTillOptions, Till } from './create-till';
import { createTillHost, type TillHost } from './till-host';

// The Electron side of the app: one instance per user, one window, the till behind it, and a
// clean stop that closes the journal and the training server before the process exits.

export interface TillAppOptions {
  /** Absolute path of the built preload. */
  preloadPath: string;
  /** The page the window shows: the built renderer as a file URL, or the dev server's URL. */
  pageUrl: string;
  /**
   * Options for createTill beyond the data folder, e.g. the live settings. Default: none, so the
   * till runs in training mode.
   */
  tillOptions?: () => Promise<Omit<CreateTillOptions, 'dataDir'>>;
}

export interface TillApp {
  /** Resolves once the window is open and the IPC handlers are registered. */
  readonly ready: Promise<void>;
  window(): BrowserWindow | null;
  till(): Till | null;
}

export function startTillApp(options: TillAppOptions): TillApp {
  const logger = createLogger('app');
  let window: BrowserWindow | null = null;
  let host: TillHost | null = null;
  let unregisterIpc: (() => void) | null = null;
  let stopForwarding: (() => void) | null = null;
  let stopped = false;
  let stopping: Promise<void> | null = null;

  if (!app.requestSingleInstanceLock()) {
    // Two tills on one journal could hand out the same order number, so the second one leaves.
    app.quit();
    return { ready: Promise.resolve(), window: () => null, till: () => null };
  }

  app.on('second-instance', () => {
    window?.show();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopping ??= stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  async function start(): Promise<void> {
    const dataDir = app.getPath('userData');
    setLogBackend(createFileLogBackend({ directory: app.getPath('logs') }));
    logger.info('App starting', { version: app.getVersion(), packaged: app.isPackaged });

    const extra = (await options.tillOptions?.()) ?? {};
    // Opened after `ready`, because safeStorage reports its Linux backend only from then on.
    const settings = openElectronSettings(dataDir);
    // The host starts the till for the saved mode and restarts it when the manager switches mode.
    const started = await createTillHost({ appVersion: app.getVersion(), ...extra, dataDir, settings });
    host = started;

    const opened = createMainWindow({ preloadPath: options.preloadPath, pageUrl: options.pageUrl, title: zhCN.app.title });
    window = opened;
    opened.on('closed', () => {
      if (window === opened) window = null;
    });

    unregisterIpc = registerIpc({
      router: started.router,
      isTrustedSender,
    });
    stopForwarding = started.onEvent((name, payload) => {
      if (window !== null && !window.isDestroyed()) window.webContents.send(name, payload);
    });
    logger.info('App started', { mode: started.current().mode, events: eventNames.length });
  }

  async function stop(): Promise<void> {
    stopForwarding?.();
    unregisterIpc?.();
    try {
      await host?.close();
      logger.info('App stopped');
    } catch (error) {
      logger.error('App stop failed', { error: String(error) });
    }
  }

  const ready = app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('App start failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      dialog.showErrorBox(zhCN.app.title, startFailureText(error));
      stopped = true;
      app.exit(1);
    });

  return { ready, window: () => window, till: () => host?.current() ?? null };
}

/**
 * Returns the start-failure dialog's text, Chinese first. The renderer, which holds the chosen
 * language, never started, so both languages show. A damaged journal gets its own text that names
 * the file and says to keep it, because it may contain refunds not yet sent.
 */
export function startFailureText(error: unknown): string {
  if (error instanceof JournalDamagedError) {
    return `${zhCN.app.journalDamaged.replace('{{path}}', error.path)}\n\n${en.app.journalDamaged.replace('{{path}}', error.path)}`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `${zhCN.errors.internal}\n${en.errors.internal}\n\n${detail}`;
}
