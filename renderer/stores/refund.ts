import { create } from 'zustand';
import type { IpcError, MemberView, RefundablePayment, RefundCreateReply, RefundCreateRequest } from '../../common/contract';
import { parseYuanInput, type YuanInputError } from '../../common/money';
import { normalizeTypedText } from '../../common/typed-text';
import { requireTillApi, settleReply } from '../bridge';

// One stored-value refund (储值退款), from picking the payment to main's reply. The payment comes
// from this till's journal (today's list, a search, or a scanned order number), which works
// offline, or online from the member's transaction log. A refund is sent once, because `confirm`
// works only from the confirming phase and leaves it before its first await. Main writes it to the
// journal before the first send, so a lost connection queues it (待同步) instead of losing it.

/** An order number this till issues, e.g. S001-T01-20261204153012-0007: a scan of a receipt. */
export const TILL_ORDER_NO_PATTERN = /^[A-Za-z0-9]{1,16}-[A-Za-z0-9]{1,16}-\d{14}-\d{4}$/;

/** The journal list's query: one day's payments, a part of an order number, or one order. */
export type RefundListQuery = { kind: 'day' } | { kind: 'search'; text: string } | { kind: 'order'; orderNo: string };

export type RefundList =
  | { phase: 'loading'; query: RefundListQuery }
  | { phase: 'loaded'; query: RefundListQuery; day: string; payments: RefundablePayment[] }
  | { phase: 'failed'; query: RefundListQuery; error: IpcError };

/** The member's transaction log, read online to refund a payment made elsewhere or on another day. */
export type MemberLog =
  | { phase: 'idle' }
  | { phase: 'searching'; query: string }
  | { phase: 'choosing'; members: MemberView[] }
  /** `days`: how far back this log was read. */
  | { phase: 'loaded'; member: MemberView; payments: RefundablePayment[]; days: LogRangeDays }
  | { phase: 'failed'; error: IpcError };

/** How far back the member's transaction log is read, in days; the first is the default. */
export const LOG_RANGE_DAYS = [30, 90, 365] as const;
export type LogRangeDays = (typeof LOG_RANGE_DAYS)[number];

export type RefundMode = 'all' | 'part';

export type RefundFlow =
  | { phase: 'choosing' }
  | { phase: 'editing'; payment: RefundablePayment }
  | { phase: 'confirming'; payment: RefundablePayment; amountFen: number }
  | { phase: 'sending'; payment: RefundablePayment; amountFen: number }
  | { phase: 'done'; payment: RefundablePayment; amountFen: number; reply: RefundCreateReply }
  /** Main refused the refund (over-refund, offline for a log payment, rejected …): nothing was written. */
  | { phase: 'failed'; payment: RefundablePayment; amountFen: number; error: IpcError };

export type RefundAmountProblem =
  | { kind: 'nothing-left' }
  | { kind: 'amount'; error: YuanInputError }
  | { kind: 'over-refund'; amountFen: number; remainingFen: number };

export type RefundAmountCheck = { amountFen: number; problem: null } | { amountFen: number | null; problem: RefundAmountProblem };

/**
 * Checks the refund amount: the whole remaining 原价 for `all`, the typed yuan for `part`. More
 * than what is left is refused here, and main refuses it again with `over-refund`.
 */
export function checkRefundAmount(mode: RefundMode, amountText: string, remainingFen: number): RefundAmountCheck {
  if (remainingFen <= 0) return { amountFen: null, problem: { kind: 'nothing-left' } };
  if (mode === 'all') return { amountFen: remainingFen, problem: null };

  const parsed = parseYuanInput(amountText);
  if (!parsed.ok) return { amountFen: null, problem: { kind: 'amount', error: parsed.error } };
  if (parsed.fen > remainingFen) {
    return { amountFen: parsed.fen, problem: { kind: 'over-refund', amountFen: parsed.fen, remainingFen } };
  }
  return { amountFen: parsed.fen, problem: null };
}

interface RefundState {
  list: RefundList;
  memberLog: MemberLog;
  logDays: LogRangeDays;
  flow: RefundFlow;
  mode: RefundMode;
  amountText: string;
  /** True after the cashier first tried to go on, so an empty amount is reported only then. */
  attempted: boolean;

  /** Loads today's payments of this till. */
  loadToday(): Promise<void>;
  /**
   * Searches the journal: a whole order number (typed or scanned) finds that order on any day,
   * other text matches part of today's order numbers. An order found alone is opened at once.
   */
  search(text: string): Promise<void>;
  /** Reloads whatever the list shows, e.g. after a refund changed what is left. */
  reloadList(): Promise<void>;
  /** Looks the member up by card or phone and reads their till payments from the transaction log. */
  searchMemberLog(query: string): Promise<void>;
  /** Picks one card when a phone number has several and reads its log. */
  chooseLogMember(member: MemberView): Promise<void>;
  /** Sets how far back the next log search reads. */
  setLogDays(days: LogRangeDays): void;

  /** Opens a payment for refunding. */
  select(payment: RefundablePayment): void;
  setMode(mode: RefundMode): void;
  setAmountText(text: string): void;
  /** Checks the amount and, if it passes, opens the confirmation. Returns whether it did. */
  requestConfirmation(): boolean;
  /** Sends the refund to main. Does nothing unless the cashier is looking at the confirmation. */
  confirm(): Promise<void>;
  /** Esc: from the confirmation or a failure back to the amount, from the amount back to the list. */
  back(): void;
  /**
   * Goes back to the list from the amount, a failure or a result, and reloads it so what is left
   * is current. Does nothing while a refund is being confirmed or sent.
   */
  returnToList(): void;
}

let latestListId = 0;
let latestLogId = 0;

export const useRefundStore = create<RefundState>()((set, get) => ({
  list: { phase: 'loading', query: { kind: 'day' } },
  memberLog: { phase: 'idle' },
  logDays: LOG_RANGE_DAYS[0],
  flow: { phase: 'choosing' },
  mode: 'all',
  amountText: '',
  attempted: false,

  async loadToday() {
    await loadList({ kind: 'day' });
  },

  async search(rawText) {
    const text = normalizeTypedText(rawText);
    if (text === '') return get().loadToday();

    const query: RefundListQuery = TILL_ORDER_NO_PATTERN.test(text) ? { kind: 'order', orderNo: text } : { kind: 'search', text };
    const payments = await loadList(query);
    const [only] = payments ?? [];
    if (query.kind === 'order' && payments?.length === 1 && only && get().flow.phase === 'choosing') get().select(only);
  },

  async reloadList() {
    await loadList(get().list.query);
  },

  async searchMemberLog(rawQuery) {
    const query = normalizeTypedText(rawQuery);
    if (query === '') return;

    const logId = ++latestLogId;
    set({ memberLog: { phase: 'searching', query } });
    const reply = await settleReply(() => requireTillApi().member.lookup({ query, by: 'auto' }));
    if (logId !== latestLogId) return;

    if (!reply.ok) {
      set({ memberLog: { phase: 'failed', error: reply.error } });
      return;
    }
    const { members } = reply.value;
    const [only] = members;
    if (members.length === 1 && only) await readMemberLog(only, logId);
    else set({ memberLog: { phase: 'choosing', members } });
  },

  async chooseLogMember(member) {
    const logId = ++latestLogId;
    set({ memberLog: { phase: 'searching', query: member.cardNo } });
    await readMemberLog(member, logId);
  },

  setLogDays(logDays) {
    set({ logDays });
  },

  select(payment) {
    const { flow } = get();
    if (flow.phase !== 'choosing' && flow.phase !== 'editing') return;
    set({ flow: { phase: 'editing', payment }, mode: 'all', amountText: '', attempted: false });
  },

  setMode(mode) {
    if (get().flow.phase !== 'editing') return;
    set({ mode });
  },

  setAmountText(amountText) {
    if (get().flow.phase !== 'editing') return;
    set({ amountText });
  },

  requestConfirmation() {
    const { flow, mode, amountText } = get();
    if (flow.phase !== 'editing') return false;

    set({ attempted: true });
    const check = checkRefundAmount(mode, amountText, flow.payment.remainingFen);
    if (check.problem !== null) return false;

    set({ flow: { phase: 'confirming', payment: flow.payment, amountFen: check.amountFen } });
    return true;
  },

  async confirm() {
    const { flow } = get();
    if (flow.phase !== 'confirming') return;

    // Leaving `confirming` synchronously is the guard against a second press while in flight.
    const { payment, amountFen } = flow;
    set({ flow: { phase: 'sending', payment, amountFen } });

    const reply = await settleReply(() => requireTillApi().refund.create(createRequest(payment, amountFen)));
    if (reply.ok) {
      set({ flow: { phase: 'done', payment, amountFen, reply: reply.value } });
      void get().reloadList();
      refreshLogPayment(payment);
    } else {
      set({ flow: { phase: 'failed', payment, amountFen, error: reply.error } });
      // What is left may have changed since the list was read: an over-refund means another
      // refund was written meanwhile.
      void refreshSelected(payment);
    }
  },

  back() {
    const { flow } = get();
    switch (flow.phase) {
      case 'confirming':
      case 'failed':
        set({ flow: { phase: 'editing', payment: flow.payment } });
        return;
      case 'editing':
      case 'done':
        get().returnToList();
        return;
      default:
        return;
    }
  },

  returnToList() {
    const { phase } = get().flow;
    if (phase !== 'editing' && phase !== 'failed' && phase !== 'done') return;
    set({ flow: { phase: 'choosing' }, mode: 'all', amountText: '', attempted: false });
    void get().reloadList();
  },
}));

/** Loads the journal list for `query`; returns the payments, or null when the call failed or was overtaken. */
async function loadList(query: RefundListQuery): Promise<RefundablePayment[] | null> {
  const listId = ++latestListId;
  useRefundStore.setState({ list: { phase: 'loading', query } });

  const request = query.kind === 'order' ? { orderNo: query.orderNo } : query.kind === 'search' ? { search: query.text } : undefined;
  const reply = await settleReply(() => requireTillApi().refund.payments(request));
  if (listId !== latestListId) return null;

  if (!reply.ok && reply.error.code === 'not-found' && query.kind === 'order') {
    // An order number this till never paid is an empty result, not a failure.
    useRefundStore.setState({ list: { phase: 'loaded', query, day: '', payments: [] } });
    return [];
  }
  if (!reply.ok) {
    useRefundStore.setState({ list: { phase: 'failed', query, error: reply.error } });
    return null;
  }
  const payments = newestFirst(reply.value.payments);
  useRefundStore.setState({ list: { phase: 'loaded', query, day: reply.value.day, payments } });
  syncSelected(payments);
  return payments;
}

async function readMemberLog(member: MemberView, logId: number): Promise<void> {
  const days = useRefundStore.getState().logDays;
  const reply = await settleReply(() =>
    // Main ends the range on today's date in the server's time zone, which this window may not share.
    requireTillApi().refund.memberPayments({ customerId: member.customerId, cardNo: member.cardNo, days }),
  );
  if (logId !== latestLogId) return;

  if (!reply.ok) {
    useRefundStore.setState({ memberLog: { phase: 'failed', error: reply.error } });
    return;
  }
  const payments = newestFirst(reply.value.payments);
  useRefundStore.setState({ memberLog: { phase: 'loaded', member, payments, days } });
  syncSelected(payments);
}

function createRequest(payment: RefundablePayment, amountFen: number): RefundCreateRequest {
  const request: RefundCreateRequest = { originalOrderNo: payment.orderNo, amountFen };
  // A payment from the log is not in this till's journal, so main needs the member to check it.
  if (payment.source === 'log' && payment.customerId !== null && payment.cardNo !== null) {
    request.customerId = payment.customerId;
    request.cardNo = payment.cardNo;
  }
  return request;
}

/** Reads the failed refund's payment again so the amount form shows what is left now. */
async function refreshSelected(payment: RefundablePayment): Promise<void> {
  if (payment.source === 'log') {
    refreshLogPayment(payment);
    return;
  }
  const reply = await settleReply(() => requireTillApi().refund.payments({ orderNo: payment.orderNo }));
  if (reply.ok) syncSelected(reply.value.payments);
}

/** Reads the member's log again after a refund of one of its payments. */
function refreshLogPayment(payment: RefundablePayment): void {
  const { memberLog } = useRefundStore.getState();
  if (memberLog.phase !== 'loaded' || !memberLog.payments.some((candidate) => candidate.orderNo === payment.orderNo)) return;
  const logId = ++latestLogId;
  void readMemberLog(memberLog.member, logId);
}

/** Replaces the payment the amount form or a failure shows with its fresh copy from `payments`. */
function syncSelected(payments: readonly RefundablePayment[]): void {
  const { flow } = useRefundStore.getState();
  if (flow.phase !== 'editing' && flow.phase !== 'failed') return;

  const fresh = payments.find((candidate) => candidate.orderNo === flow.payment.orderNo && candidate.source === flow.payment.source);
  if (fresh) useRefundStore.setState({ flow: { ...flow, payment: fresh } });
}

function newestFirst(payments: readonly RefundablePayment[]): RefundablePayment[] {
  return [...payments].sort((a, b) => timeOf(b.paidAt) - timeOf(a.paidAt));
}

function timeOf(text: string): number {
  // The journal's ISO text carries its offset. The log's "2026-12-04 15:30:12" has none and is
  // read as local time once its space becomes a "T".
  const time = Date.parse(text.includes('T') ? text : text.replace(' ', 'T'));
  return Number.isNaN(time) ? 0 : time;
}
