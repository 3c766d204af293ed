import { create } from 'zustand';
import type { IpcError, IpcReply, OutboxEntryView, OutboxKindView, OutboxStateView, OutboxStatusView } from '../../common/contract';
import { getTillApi, requireTillApi, settleReply } from '../bridge';

// What the header's outbox indicator shows: how many refunds, returns and uploads wait to be sent,
// and since when. `start` fills it from `outbox:status` and keeps it current with the
// `outbox:changed` event. The outbox screen's list and actions live here too, so the list can
// reload itself on the same event.

export interface OutboxSummary {
  pendingCount: number;
  /** ISO 8601 time the oldest pending entry was created, or null when none is pending. */
  oldestCreatedAt: string | null;
  /** Entries the server rejected, waiting for a person to retry or cancel them. */
  needsAttentionCount: number;
  /** Entries whose outcome a person must check in VIPax. */
  needsReviewCount: number;
}

/** The outbox list's filter; null in a field matches any value. */
export interface OutboxFilter {
  states: readonly OutboxStateView[] | null;
  kind: OutboxKindView | null;
  /** An exact order number: the entry's own or the original one. */
  orderNo: string | null;
}

export type OutboxListLoad = { phase: 'idle' } | { phase: 'loading' } | { phase: 'loaded' } | { phase: 'failed'; error: IpcError };

/** Maximum number of entries one listing shows; the contract allows up to 1000. */
export const OUTBOX_LIST_LIMIT = 200;

interface OutboxState {
  /** Null until an outbox summary has been received. */
  summary: OutboxSummary | null;
  setSummary(summary: OutboxSummary): void;
  /** Number of `outbox:changed` events received so far; the outbox screen reloads when it grows. */
  changeCount: number;
  /** Reads the summary and subscribes to `outbox:changed`; returns the function that unsubscribes. */
  start(): () => void;
  /** Applies a status that main pushed. */
  applyStatus(status: OutboxStatusView): void;

  entries: OutboxEntryView[];
  filter: OutboxFilter;
  listLoad: OutboxListLoad;
  /** Changes the filter and reloads the list. */
  setFilter(filter: Partial<OutboxFilter>): void;
  /** Reads the entries that match the filter. Calls made while one is in flight run once after it. */
  loadEntries(): Promise<void>;
  /** Sends a needs-attention entry again. Returns the error, or null when main accepted it. */
  retry(entryId: number): Promise<IpcError | null>;
  /** Cancels an entry with the cashier's written reason; the entry stays listed as cancelled. */
  cancel(entryId: number, reason: string): Promise<IpcError | null>;
  /** Marks a needs-review entry as sent after a person found it applied in VIPax. */
  confirmSent(entryId: number, note: string): Promise<IpcError | null>;
}

let loadInFlight = false;
let loadAgain = false;

export const useOutboxStore = create<OutboxState>()((set, get) => ({
  summary: null,
  setSummary(summary) {
    set({ summary });
  },
  changeCount: 0,

  start() {
    const api = getTillApi();
    if (!api) return () => undefined;

    const unsubscribe = api.events.onOutboxChanged((status) => get().applyStatus(status));
    void settleReply(() => api.outbox.status()).then((reply) => {
      // An event may have arrived while the read was in flight; it is the newer of the two.
      if (reply.ok && get().summary === null) set({ summary: summaryOf(reply.value) });
    });
    return unsubscribe;
  },

  applyStatus(status) {
    set({ summary: summaryOf(status), changeCount: get().changeCount + 1 });
  },

  entries: [],
  filter: { states: null, kind: null, orderNo: null },
  listLoad: { phase: 'idle' },

  setFilter(filter) {
    set({ filter: { ...get().filter, ...filter } });
    void get().loadEntries();
  },

  async loadEntries() {
    if (loadInFlight) {
      loadAgain = true;
      return;
    }

    loadInFlight = true;
    try {
      do {
        loadAgain = false;
        if (get().listLoad.phase !== 'loaded') set({ listLoad: { phase: 'loading' } });
        const { filter } = get();
        const reply = await settleReply(() =>
          requireTillApi().outbox.list({
            states: filter.states === null ? undefined : [...filter.states],
            kind: filter.kind ?? undefined,
            orderNo: filter.orderNo ?? undefined,
            limit: OUTBOX_LIST_LIMIT,
          }),
        );
        if (reply.ok) set({ entries: reply.value.entries, listLoad: { phase: 'loaded' } });
        else set({ listLoad: { phase: 'failed', error: reply.error } });
      } while (loadAgain);
    } finally {
      loadInFlight = false;
    }
  },

  retry(entryId) {
    return runAction(() => requireTillApi().outbox.retry({ entryId }));
  },

  cancel(entryId, reason) {
    return runAction(() => requireTillApi().outbox.cancel({ entryId, reason }));
  },

  confirmSent(entryId, note) {
    return runAction(() => requireTillApi().outbox.confirmSent({ entryId, note }));
  },
}));

/** Runs one entry action and reloads the list, so the entry shows its new state at once. */
async function runAction(call: () => Promise<IpcReply<unknown>>): Promise<IpcError | null> {
  const reply = await settleReply(call);
  void useOutboxStore.getState().loadEntries();
  return reply.ok ? null : reply.error;
}

function summaryOf(status: OutboxStatusView): OutboxSummary {
  return {
    pendingCount: status.pendingCount,
    // Main measured the age on its own clock. Counting back from this window's clock keeps the age
    // right even when the journal's clock differs from the renderer's, as a test clock does.
    oldestCreatedAt: status.oldestPendingAgeMs === null ? null : new Date(Date.now() - status.oldestPendingAgeMs).toISOString(),
    needsAttentionCount: status.needsAttentionCount,
    needsReviewCount: status.needsReviewCount,
  };
}
