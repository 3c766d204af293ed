import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { applyWindowGuards, secureWebPreferences } from './security';

// The till's one window. The renderer is a plain web page: no Node, an isolated preload that
// exposes `window.till` only, and no content from anywhere but the app itself.

export interface MainWindowOptions {
  /** Absolute path of the built preload, `out/preload/index.cjs`. */
  preloadPath: string;
  /** The page to show: the built `out/renderer/index.html` as a file URL, or the dev server's URL. */
  pageUrl: string;
  title: string;
  /** Default `app.isPackaged`; a packaged app has no devtools. */
  isPackaged?: boolean;
}

/** Builds the BrowserWindow options, with the web preferences of the Electron security checklist. */
export function mainWindowOptions(
  options: Pick<MainWindowOptions, 'preloadPath' | 'title' | 'isPackaged'>,
): BrowserWindowConstructorOptions {
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
      ...secureWebPreferences(options.isPackaged ?? app.isPackaged),
      preload: options.preloadPath,
      spellcheck: false,
    },
  };
}

/**
 * Creates the window, applies the security guards (which also trust it for IPC at `pageUrl`),
 * loads the page and shows the window once it is drawn.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  applyWindowGuards(window, { pageUrl: options.pageUrl, isPackaged: options.isPackaged });

  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.pageUrl);
  return window;
}
