import { create } from 'zustand';
import type { IpcError, TillStatus } from '../../common/contract';
import { getTillApi, settleReply } from '../bridge';

// The till's mode, ids and connection as main reports them: read once at start, then kept current
// by the `till:status-changed` event.

interface TillStatusState {
  /** Null until the first reply arrives. */
  status: TillStatus | null;
  /** The error of the first read, when it failed; cleared by the next status event. */
  loadError: IpcError | null;
  /** Reads the status and subscribes to changes; returns the function that unsubscribes. */
  start(): () => void;
  /** Applies a status that main pushed. */
  applyStatus(status: TillStatus): void;
}

type StatusListener = (status: TillStatus) => void;
const listeners = new Set<StatusListener>();

/**
 * Calls `listener` on every status change after the first one known; other stores use it to come
 * back by themselves when the connection returns. Returns the function that removes it.
 */
export function onTillStatusChange(listener: StatusListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const useTillStatusStore = create<TillStatusState>()((set, get) => ({
  status: null,
  loadError: null,

  start() {
    const api = getTillApi();
    if (!api) return () => undefined;

    const unsubscribe = api.events.onTillStatusChanged((status) => get().applyStatus(status));
    void settleReply(() => api.till.status()).then((reply) => {
      if (reply.ok) {
        // An event may have arrived while the read was in flight; it is the newer of the two.
        if (get().status === null) get().applyStatus(reply.value);
      } else {
        set({ loadError: reply.error });
      }
    });
    return unsubscribe;
  },

  applyStatus(status) {
    const previous = get().status;
    set({ status, loadError: null });
    if (previous !== null) {
      for (const listener of listeners) listener(status);
    }
  },
}));

/** The connection state, `checking` until main has reported one. */
export function currentConnection(): TillStatus['connection'] {
  return useTillStatusStore.getState().status?.connection ?? 'checking';
}
