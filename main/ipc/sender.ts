import { BrowserWindow, type IpcMainInvokeEvent } from 'electron';

// A stand-in sender check until `main/security/` provides `isTrustedSender`: a call is trusted only
// from the main frame of a window this app created, while that frame shows the app's own page.

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Creates a check that accepts calls only from the main frame of a window in `windows()` whose URL
 * is accepted by `isAppUrl`.
 */
export function createSenderCheck(windows: () => readonly BrowserWindow[], isAppUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return false;

    const window = BrowserWindow.fromWebContents(event.sender);
    if (window === null || !windows().includes(window)) return false;
    if (frame !== event.sender.mainFrame) return false;

    return isAppUrl(frame.url);
  };
}

/**
 * Accepts the built renderer page (a file URL equal to `pageUrl`, ignoring the hash) or, in
 * development, any page of the dev server's origin.
 */
export function createAppUrlCheck(pageUrl: string): (url: string) => boolean {
  const expected = new URL(pageUrl);
  return (url) => {
    let actual: URL;
    try {
      actual = new URL(url);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname;
    return actual.origin === expected.origin;
  };
}
