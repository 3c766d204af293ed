import { create } from 'zustand';

// What the header's outbox indicator shows: how many refunds, returns and uploads wait to be sent,
// and since when. The outbox screen's code fills this store from the `outbox:changed` event; until
// then the indicator shows no count.

export interface OutboxSummary {
  pendingCount: number;
  /** ISO 8601 time the oldest pending entry was created, or null when none is pending. */
  oldestCreatedAt: string | null;
}

interface OutboxState {
  /** Null until an outbox summary has been received. */
  summary: OutboxSummary | null;
  setSummary(summary: OutboxSummary): void;
}

export const useOutboxStore = create<OutboxState>()((set) => ({
  summary: null,
  setSummary(summary) {
    set({ summary });
  },
}));
