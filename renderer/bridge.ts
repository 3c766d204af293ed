import type { IpcReply, TillApi } from '../common/contract';

// The renderer's only way out of its sandbox: the functions the preload exposes as `window.till`.
// Nothing here may reach Node or Electron directly.

declare global {
  interface Window {
    readonly till?: TillApi;
  }
}

/** Returns `window.till`, or null when the page runs without the preload (e.g. opened as a file). */
export function getTillApi(): TillApi | null {
  const scope = globalThis as { till?: TillApi };
  return scope.till ?? null;
}

/** Returns `window.till`, throwing when it is missing; stores use it once the shell has checked. */
export function requireTillApi(): TillApi {
  const api = getTillApi();
  if (!api) throw new Error('window.till is missing: the preload did not run');
  return api;
}

/**
 * Awaits an IPC call, turning a thrown error into an `internal` error reply. The preload's calls
 * are not meant to throw, but a store left waiting for ever would freeze the screen.
 */
export async function settleReply<T>(call: () => Promise<IpcReply<T>>): Promise<IpcReply<T>> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}
