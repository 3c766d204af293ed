import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogBackend, setLogBackend, type MemoryLogBackend } from '../../../main/logging/logger';
import { CONTENT_SECURITY_POLICY_HEADER, parseCsp } from '../../../main/security/csp';
import { isTrustedSender } from '../../../main/security/trusted-sender';
import { applyWindowGuards, secureWebPreferences } from '../../../main/security/window-guards';
import { BrowserWindow, resetElectronMock } from '../../mocks/electron';

const PAGE_URL = 'file:///app/out/renderer/index.html';

type HeadersHandler = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;

function cancellableEvent(url?: string) {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

function guardedWindow(options: { isPackaged?: boolean; pageUrl?: string } = {}): BrowserWindow {
  const window = new BrowserWindow();
  applyWindowGuards(window as never, { pageUrl: options.pageUrl ?? PAGE_URL, isPackaged: options.isPackaged ?? true });
  return window;
}

function headersAfterGuard(window: BrowserWindow, responseHeaders: Record<string, string[]>): Record<string, string[]> {
  const handler = window.webContents.session.webRequest.headersHandler as HeadersHandler;
  let result: Record<string, string[]> | undefined;
  handler({ url: PAGE_URL, responseHeaders }, (response) => {
    result = response.responseHeaders;
  });
  if (result === undefined) throw new Error('the headers handler did not call back');
  return result;
}

let logs: MemoryLogBackend;
let restoreLogs: () => void;

beforeEach(() => {
  resetElectronMock();
  logs = createMemoryLogBackend();
  restoreLogs = setLogBackend(logs);
});

afterEach(() => restoreLogs());

describe('applyWindowGuards, navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('prevents %s', (eventName) => {
    const window = guardedWindow();
    const event = cancellableEvent('https://example.com/phish');

    window.webContents.emit(eventName, event, 'https://example.com/phish');

    expect(event.defaultPrevented).toBe(true);
    expect(logs.lines()).toEqual([expect.stringContaining(`navigation blocked kind=${eventName} url=https://example.com/phish`)]);
  });

  it('prevents attaching a webview', () => {
    const window = guardedWindow();
    const event = cancellableEvent();

    window.webContents.emit('will-attach-webview', event, {}, {});

    expect(event.defaultPrevented).toBe(true);
  });

  it('denies window.open', () => {
    const window = guardedWindow();
    const handler = window.webContents.windowOpenHandler;

    expect(handler).not.toBeNull();
    expect(handler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: PAGE_URL })).toEqual({ action: 'deny' });
  });
});

describe('applyWindowGuards, permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])('denies a %s request', (permission) => {
    const window = guardedWindow();
    const handler = window.webContents.session.permissionRequestHandler as PermissionRequestHandler;
    const answers: boolean[] = [];

    handler(window.webContents, permission, (granted) => answers.push(granted), { requestingUrl: PAGE_URL });

    expect(answers).toEqual([false]);
  });

  it('answers every permission check with false', () => {
    const window = guardedWindow();
    const handler = window.webContents.session.permissionCheckHandler as PermissionCheckHandler;

    expect(handler(window.webContents, 'media')).toBe(false);
    expect(handler(window.webContents, 'clipboard-sanitized-write')).toBe(false);
  });
});

describe('applyWindowGuards, Content-Security-Policy header', () => {
  it('adds the policy to a response', () => {
    const headers = headersAfterGuard(guardedWindow(), { 'Content-Type': ['text/html'] });

    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY_HEADER]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('replaces a policy the response brought', () => {
    const headers = headersAfterGuard(guardedWindow(), { 'content-security-policy': ["default-src *"] });

    expect(Object.keys(headers)).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY_HEADER]);
  });

  it('allows no network in the packaged policy', () => {
    const policy = parseCsp(CONTENT_SECURITY_POLICY_HEADER);

    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('relaxes only for an unpackaged dev server', () => {
    const window = guardedWindow({ isPackaged: false, pageUrl: 'http://localhost:5173/' });
    const policy = parseCsp(headersAfterGuard(window, {})['Content-Security-Policy']?.[0] ?? '');

    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('keeps the strict policy for a dev URL in a packaged app', () => {
    const window = guardedWindow({ isPackaged: true, pageUrl: 'http://localhost:5173/' });
    expect(headersAfterGuard(window, {})['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY_HEADER]);
  });
});

describe('applyWindowGuards, devtools', () => {
  it('closes devtools in a packaged app', () => {
    const window = guardedWindow({ isPackaged: true });
    window.webContents.openDevTools();

    window.webContents.emit('devtools-opened');

    expect(window.webContents.devToolsOpened).toBe(false);
  });

  it('leaves devtools open when unpackaged', () => {
    const window = guardedWindow({ isPackaged: false });
    window.webContents.openDevTools();

    window.webContents.emit('devtools-opened');

    expect(window.webContents.devToolsOpened).toBe(true);
  });

  it('turns devtools off in packaged web preferences', () => {
    expect(secureWebPreferences(true).devTools).toBe(false);
    expect(secureWebPreferences(false).devTools).toBe(true);
  });

  it('sets the isolation preferences', () => {
    const preferences = secureWebPreferences(true);

    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.webviewTag).toBe(false);
  });
});

describe('applyWindowGuards, trust', () => {
  it('trusts the guarded window until it closes', () => {
    const window = guardedWindow();
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };

    expect(isTrustedSender(event as never)).toBe(true);

    window.close();
    expect(isTrustedSender(event as never)).toBe(false);
  });
});
