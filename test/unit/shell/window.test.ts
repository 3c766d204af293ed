import { beforeEach, describe, expect, it } from 'vitest';
import { createMainWindow, mainWindowOptions } from '../../../main/window';
import { BrowserWindow as MockWindow, resetElectronMock } from '../../mocks/electron';

describe('main window', () => {
  beforeEach(() => resetElectronMock());

  it('sets every security-relevant web preference', () => {
    const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', title: 'VIPax 收银台' });

    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the page it is given', () => {
    const window = createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      pageUrl: 'file:///app/out/renderer/index.html',
      title: 'VIPax 收银台',
    }) as unknown as MockWindow;

    expect(MockWindow.created).toHaveLength(1);
    expect(window.loadedUrl).toBe('file:///app/out/renderer/index.html');
    expect(window.options.title).toBe('VIPax 收银台');
    expect((window.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
  });

  it('applies the security guards', () => {
    const window = createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      pageUrl: 'file:///app/out/renderer/index.html',
      title: 'VIPax 收银台',
    }) as unknown as MockWindow;

    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(window.webContents.session.webRequest.headersHandler).not.toBeNull();
    expect(window.webContents.listenerCount('will-navigate')).toBeGreaterThan(0);
  });

  it('turns devtools off in a packaged app', () => {
    const options = mainWindowOptions({ preloadPath: '/p.cjs', title: 'VIPax 收银台', isPackaged: true });

    expect(options.webPreferences?.devTools).toBe(false);
  });
});
