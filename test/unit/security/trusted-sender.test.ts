import { beforeEach, describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/security/trusted-sender';
import { applyWindowGuards } from '../../../main/security/window-guards';
import { BrowserWindow, resetElectronMock } from '../../mocks/electron';

const PAGE_URL = 'file:///app/out/renderer/index.html';

function guardedWindow(pageUrl = PAGE_URL): BrowserWindow {
  const window = new BrowserWindow();
  applyWindowGuards(window as never, { pageUrl, isPackaged: pageUrl.startsWith('file:') });
  return window;
}

function mainFrameEvent(window: BrowserWindow) {
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame };
}

function check(event: unknown): boolean {
  return isTrustedSender(event as Parameters<typeof isTrustedSender>[0]);
}

beforeEach(() => resetElectronMock());

describe('isTrustedSender', () => {
  it('accepts the main frame at the app page', () => {
    expect(check(mainFrameEvent(guardedWindow()))).toBe(true);
  });

  it('accepts the app page with a hash route', () => {
    const window = guardedWindow();
    window.webContents.mainFrame.url = `${PAGE_URL}#/settings`;

    expect(check(mainFrameEvent(window))).toBe(true);
  });

  it('refuses a window that was never guarded', () => {
    expect(check(mainFrameEvent(new BrowserWindow()))).toBe(false);
  });

  it('refuses an event without a frame', () => {
    const window = guardedWindow();
    expect(check({ sender: window.webContents, senderFrame: null })).toBe(false);
  });

  it('refuses a subframe', () => {
    const window = guardedWindow();
    const iframe = { url: PAGE_URL, routingId: 7, processId: 1, parent: window.webContents.mainFrame };

    expect(check({ sender: window.webContents, senderFrame: iframe })).toBe(false);
  });

  it('refuses a frame that claims the main routing id but has a parent', () => {
    const window = guardedWindow();
    const frame = { url: PAGE_URL, routingId: window.webContents.mainFrame.routingId, parent: {} };

    expect(check({ sender: window.webContents, senderFrame: frame })).toBe(false);
  });

  it.each([
    ['a remote page', 'https://example.com/out/renderer/index.html'],
    ['another local file', 'file:///tmp/evil/index.html'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['an unparsable URL', 'not a url'],
  ])('refuses %s in the main frame', (_name, url) => {
    const window = guardedWindow();
    window.webContents.mainFrame.url = url;

    expect(check(mainFrameEvent(window))).toBe(false);
  });

  it('refuses a destroyed webContents', () => {
    const window = guardedWindow();
    window.webContents.isDestroyed = () => true;

    expect(check(mainFrameEvent(window))).toBe(false);
  });

  it('accepts any route of the dev server origin', () => {
    const window = guardedWindow('http://localhost:5173/');
    window.webContents.mainFrame.url = 'http://localhost:5173/index.html?x=1';

    expect(check(mainFrameEvent(window))).toBe(true);
  });

  it('refuses another port on the dev host', () => {
    const window = guardedWindow('http://localhost:5173/');
    window.webContents.mainFrame.url = 'http://localhost:5174/';

    expect(check(mainFrameEvent(window))).toBe(false);
  });

  it('refuses a sender of one window claiming another window frame', () => {
    const first = guardedWindow();
    const second = new BrowserWindow();

    expect(check({ sender: second.webContents, senderFrame: first.webContents.mainFrame })).toBe(false);
  });
});
