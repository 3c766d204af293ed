import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, type BrowserWindow, type WebPreferences } from 'electron';
import { createLogger } from '../logging/logger';
import { CONTENT_SECURITY_POLICY_HEADER, developmentContentSecurityPolicy } from './csp';
import { distrustWebContents, trustWebContents } from './trusted-pages';

// The Electron security checklist for the till's window, applied after the window is created
// and before its page loads: a Content-Security-Policy header, no navigation, no new windows,
// no permissions, no devtools in a packaged app. The window is then trusted for IPC.

const logger = createLogger('security');

export interface WindowGuardOptions {
  /**
   * The page the window shows. Default: electron-vite's dev server (ELECTRON_RENDERER_URL) in an
   * unpackaged app, else the built `out/renderer/index.html` inside the app.
   */
  pageUrl?: string;
  /** Default `app.isPackaged`. */
  isPackaged?: boolean;
}

/** Returns the page the till's window shows when no caller says otherwise. */
export function defaultPageUrl(isPackaged: boolean = app.isPackaged): string {
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devServerUrl) return devServerUrl;
  return pathToFileURL(join(app.getAppPath(), 'out', 'renderer', 'index.html')).href;
}

/** Returns the web preferences the checklist requires. Devtools are available only when unpackaged. */
export function secureWebPreferences(isPackaged: boolean = app.isPackaged): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    devTools: !isPackaged,
  };
}

/** Applies every guard to `window` and trusts it for IPC while it shows the app's page. */
export function applyWindowGuards(window: BrowserWindow, options: WindowGuardOptions = {}): void {
  const isPackaged = options.isPackaged ?? app.isPackaged;
  const pageUrl = options.pageUrl ?? defaultPageUrl(isPackaged);
  const contents = window.webContents;

  installContentSecurityPolicy(contents.session, contentSecurityPolicyFor(pageUrl, isPackaged));

  const blockNavigation = (kind: string) => (event: Electron.Event, url?: string) => {
    event.preventDefault();
    logger.warn('navigation blocked', { kind, url: url ?? urlOf(event) });
  };
  contents.on('will-navigate', blockNavigation('will-navigate'));
  contents.on('will-frame-navigate', blockNavigation('will-frame-navigate'));
  contents.on('will-redirect', blockNavigation('will-redirect'));
  contents.on('will-attach-webview', (event: Electron.Event) => {
    event.preventDefault();
    logger.warn('webview blocked');
  });

  contents.setWindowOpenHandler((details) => {
    logger.warn('window.open denied', { url: details.url });
    return { action: 'deny' };
  });

  contents.session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    logger.warn('permission request denied', { permission, url: details?.requestingUrl ?? null });
    callback(false);
  });
  contents.session.setPermissionCheckHandler(() => false);

  if (isPackaged) {
    // devTools: false in the web preferences already disables them; this closes them should a
    // window be created without it.
    contents.on('devtools-opened', () => contents.closeDevTools());
  }

  trustWebContents(contents, pageUrl);
  window.once('closed', () => distrustWebContents(contents));
}

function contentSecurityPolicyFor(pageUrl: string, isPackaged: boolean): string {
  const page = new URL(pageUrl);
  const fromDevServer = page.protocol === 'http:' || page.protocol === 'https:';
  return fromDevServer && !isPackaged ? developmentContentSecurityPolicy(page.origin) : CONTENT_SECURITY_POLICY_HEADER;
}

type HeadersListener = Parameters<Electron.WebRequest['onHeadersReceived']>[0];

/** Sets `policy` as the only Content-Security-Policy header of every response in `session`. */
function installContentSecurityPolicy(session: Electron.Session, policy: string): void {
  const listener: HeadersListener = (details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  };
  session.webRequest.onHeadersReceived(listener);
}

function urlOf(event: Electron.Event): string | null {
  const url = (event as { url?: unknown }).url;
  return typeof url === 'string' ? url : null;
}
