import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

// The till's one window. The renderer is a plain web page: no Node, an isolated preload that
// exposes `window.till` only, and no content from anywhere but the app itself.

export interface MainWindowOptions {
  /** Absolute path of the built preload, `out/preload/index.cjs`. */
  preloadPath: string;
  /** The page to show: the built `out/renderer/index.html` as a file URL, or the dev server's URL. */
  pageUrl: string;
  title: string;
}

/** Builds the BrowserWindow options: every web preference of the Electron security checklist, set explicitly. */
export function mainWindowOptions(options: Pick<MainWindowOptions, 'preloadPath' | 'title'>): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: options.title,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** Creates the window, applies the guards, loads the page and shows the window once it is drawn. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  applyWindowGuards(window);

  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.pageUrl);
  return window;
}

/**
 * Refuses every new window and every navigation away from the page the window was loaded with.
 * NOTE: a minimal set until `main/security/` provides CSP, permission handlers and fuses; it
 * should then replace this function.
 */
export function applyWindowGuards(window: BrowserWindow): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event: Electron.Event) => event.preventDefault());
  contents.on('will-redirect', (event: Electron.Event) => event.preventDefault());
  contents.on('will-attach-webview', (event: Electron.Event) => event.preventDefault());
}
