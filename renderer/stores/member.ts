import { create } from 'zustand';
import { PHONE_PATTERN, type IpcError, type MemberView } from '../../common/contract';
import { normalizeTypedText } from '../../common/typed-text';
import { requireTillApi, settleReply } from '../bridge';
import { onTillStatusChange } from './till-status';

// The member being served: the lookup in flight, the chooser when one phone number has several
// cards, the member found, or why the lookup failed.

/** The kind of number searched for. A scan is always a card number, typed text may be a phone number. */
export type LookupKind = 'card' | 'phone';

export type MemberLookup =
  | { phase: 'idle' }
  | { phase: 'searching'; query: string; kind: LookupKind }
  | { phase: 'choosing'; members: MemberView[]; highlighted: number }
  | { phase: 'found'; member: MemberView }
  | { phase: 'failed'; query: string; kind: LookupKind; error: IpcError };

interface MemberState {
  lookup: MemberLookup;
  /** The text in the search box. A scan empties it, so the box never shows an older query. */
  searchText: string;
  setSearchText(text: string): void;
  /** Looks a member up by scanned or typed text. `scan` forces a card-number search. */
  search(query: string, source: 'scan' | 'typed'): Promise<void>;
  /** Moves the chooser's highlight by `delta` rows, wrapping around. */
  moveHighlight(delta: number): void;
  /** Takes the chooser's row `index` (the highlighted row when omitted) as the member. */
  choose(index?: number): void;
  /** Replaces the member's balance after a payment, when the server's new balance is known. */
  updateBalance(customerId: string, balanceFen: number): void;
  /**
   * Reads the shown member again by card number without clearing the panel, so it shows the
   * server's balance and state. Changes nothing when the read fails or another member is shown.
   */
  reread(customerId: string, cardNo: string): Promise<void>;
  clear(): void;
}

/** Errors after which the same lookup is run again once the server is reachable. */
const RETRY_WHEN_ONLINE: ReadonlySet<IpcError['code']> = new Set(['network', 'offline']);

// Each lookup gets a number, and a reply is applied only if no newer lookup started meanwhile,
// so a slow reply for the previous customer never replaces the current one.
let latestLookupId = 0;

export function lookupKindOf(query: string, source: 'scan' | 'typed'): LookupKind {
  if (source === 'scan') return 'card';
  return PHONE_PATTERN.test(normalizeTypedText(query)) ? 'phone' : 'card';
}

export const useMemberStore = create<MemberState>()((set, get) => ({
  lookup: { phase: 'idle' },
  searchText: '',

  setSearchText(searchText) {
    set({ searchText });
  },

  async search(rawQuery, source) {
    const query = normalizeTypedText(rawQuery);
    if (query === '') return;
    if (source === 'scan') set({ searchText: '' });

    const kind = lookupKindOf(query, source);
    const lookupId = ++latestLookupId;
    set({ lookup: { phase: 'searching', query, kind } });

    const by = source === 'scan' ? 'card' : 'auto';
    const reply = await settleReply(() => requireTillApi().member.lookup({ query, by }));
    if (lookupId !== latestLookupId) return;

    if (!reply.ok) {
      set({ lookup: { phase: 'failed', query, kind, error: reply.error } });
      return;
    }

    const members = reply.value.members;
    const [onlyMember] = members;
    if (members.length === 1 && onlyMember) {
      set({ lookup: { phase: 'found', member: onlyMember } });
    } else {
      set({ lookup: { phase: 'choosing', members, highlighted: 0 } });
    }
  },

  moveHighlight(delta) {
    const { lookup } = get();
    if (lookup.phase !== 'choosing') return;

    const count = lookup.members.length;
    const highlighted = (((lookup.highlighted + delta) % count) + count) % count;
    set({ lookup: { ...lookup, highlighted } });
  },

  choose(index) {
    const { lookup } = get();
    if (lookup.phase !== 'choosing') return;

    const member = lookup.members[index ?? lookup.highlighted];
    if (member) set({ lookup: { phase: 'found', member } });
  },

  updateBalance(customerId, balanceFen) {
    const { lookup } = get();
    if (lookup.phase !== 'found' || lookup.member.customerId !== customerId) return;
    set({ lookup: { phase: 'found', member: { ...lookup.member, balanceFen } } });
  },

  async reread(customerId, cardNo) {
    const lookupId = latestLookupId;
    const reply = await settleReply(() => requireTillApi().member.lookup({ query: cardNo, by: 'card' }));
    if (!reply.ok || lookupId !== latestLookupId) return;

    const { lookup } = get();
    const fresh = reply.value.members.find((member) => member.customerId === customerId);
    if (fresh === undefined || lookup.phase !== 'found' || lookup.member.customerId !== customerId) return;
    set({ lookup: { phase: 'found', member: fresh } });
  },

  clear() {
    latestLookupId++;
    set({ lookup: { phase: 'idle' } });
  },
}));

// A lookup that failed because the server was unreachable runs again by itself when it is back.
onTillStatusChange((status) => {
  const { lookup, search } = useMemberStore.getState();
  if (status.connection !== 'online' || lookup.phase !== 'failed') return;
  if (!RETRY_WHEN_ONLINE.has(lookup.error.code)) return;

  void search(lookup.query, lookup.kind === 'card' ? 'scan' : 'typed');
});
