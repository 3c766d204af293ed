// The windows whose IPC calls the till accepts, and the page each must show. applyWindowGuards
// registers a window here; isTrustedSender consults it. Keys are webContents objects, held weakly
// so a closed window's entry goes away with it.

const trustedPages = new WeakMap<object, URL>();

/** Records that `contents` belongs to the app and must show `pageUrl` to be trusted. */
export function trustWebContents(contents: object, pageUrl: string): void {
  trustedPages.set(contents, new URL(pageUrl));
}

/** Forgets `contents`; its calls are refused from now on. */
export function distrustWebContents(contents: object): void {
  trustedPages.delete(contents);
}

/** Returns the page `contents` must show, or undefined when it is not one of the app's windows. */
export function trustedPageOf(contents: object): URL | undefined {
  return trustedPages.get(contents);
}

/**
 * Returns whether `url` is the app's page `page`. A file page must match by path, but the hash and
 * query may differ. A dev-server page must match by origin, because Vite serves every route there.
 */
export function isAppPageUrl(url: string, page: URL): boolean {
  let actual: URL;
  try {
    actual = new URL(url);
  } catch {
    return false;
  }

  if (page.protocol === 'file:') return actual.protocol === 'file:' && actual.host === page.host && actual.pathname === page.pathname;
  if (page.protocol === 'http:' || page.protocol === 'https:') return actual.origin === page.origin;
  return false;
}
