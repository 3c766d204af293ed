import { create } from 'zustand';
import { MAX_ORDER_LINES, PHONE_PATTERN, type IpcError, type MemberView, type OrderUploadReply, type OrderUploadRequest } from '../../common/contract';
import { normalizeTypedText } from '../../common/typed-text';
import { appendLine, replaceLineField, withoutLine } from '../lib/goods-lines';
import { requireTillApi, settleReply } from '../bridge';
import {
  checkSaleDraft,
  type PayType,
  type SaleDraft,
  type SaleLineDraft,
  type SaleMember,
  type SaleMemberLookup,
  type SaleMemberSummary,
  type SalePayment,
} from './sale-check';

export * from './sale-check';

// One sale uploaded for points (销售上传, offlineUpload), from the form to main's reply. Main writes
// it to the journal before the first send, so an upload works offline and the outbox sends it later
// (待同步). `confirm` works only from the confirming phase and leaves it before its first await, so
// one press sends one upload, and main rejects a second upload of the same order number anyway.

export type SaleFlow =
  | { phase: 'editing' }
  /** A payment's sale is opening: main is asked whether its order number was uploaded already. */
  | { phase: 'checking'; orderNo: string }
  | { phase: 'confirming'; request: OrderUploadRequest; member: SaleMemberSummary }
  | { phase: 'sending'; request: OrderUploadRequest; member: SaleMemberSummary }
  | { phase: 'done'; request: OrderUploadRequest; member: SaleMemberSummary; reply: OrderUploadReply }
  /** The payment's order number was uploaded before: its upload is shown instead of the form. */
  | { phase: 'uploaded'; orderNo: string; reply: OrderUploadReply }
  /** Main rejected the upload before writing it (e.g. already uploaded), so nothing was written. */
  | { phase: 'failed'; request: OrderUploadRequest; member: SaleMemberSummary; error: IpcError };

/** The request for a new order number, for a sale without a payment. */
export type OrderNoLoad = { phase: 'idle' } | { phase: 'loading' } | { phase: 'failed'; error: IpcError };

interface SaleState {
  draft: SaleDraft;
  lookup: SaleMemberLookup;
  orderNoLoad: OrderNoLoad;
  /** True after the cashier first tried to go on, so empty fields are reported only then. */
  attempted: boolean;
  flow: SaleFlow;
  /**
   * Opens the sale of a stored-value payment, replacing any draft. Shows the payment's earlier
   * upload instead when main has one.
   */
  startFromPayment(payment: SalePayment): Promise<void>;
  /** Asks main for a new order number when the draft has none and no payment. */
  ensureOrderNo(): Promise<void>;
  setField(field: 'memberText' | 'paidText' | 'remark', value: string): void;
  setPayType(payType: PayType | null): void;
  setLine(index: number, field: Exclude<keyof SaleLineDraft, 'key'>, value: string): void;
  /** Adds an empty line; returns its index, or null at the maximum. */
  addLine(): number | null;
  /** Removes a line; the last line is emptied instead. */
  removeLine(index: number): void;
  /** Looks up the card in the member field, unless it is a phone number or was looked up already. */
  lookUpMember(): Promise<void>;
  /** Checks the draft and, if it passes, opens the confirmation. Returns whether it did. */
  requestConfirmation(): boolean;
  /** Sends the upload to main. Does nothing unless the cashier is looking at the confirmation. */
  confirm(): Promise<void>;
  /** Esc: back from the confirmation or a failure to the form; after a result, a new sale. */
  back(): void;
  /** Starts an empty sale with a new order number after a result. */
  startOver(): void;
  /** Reads the shown upload again, e.g. after the outbox sent a queued one. */
  refreshResult(): Promise<void>;
}

let nextLineKey = 1;
// Each look-up and each order-number request gets a number, and a reply is applied only if no
// newer one started meanwhile.
let latestLookupId = 0;
let latestOrderNoId = 0;

function emptyLine(): SaleLineDraft {
  return { key: nextLineKey++, goodsCode: '', skuCode: '', priceText: '', discountedText: '', countText: '1' };
}

function emptyDraft(payment: SalePayment | null = null): SaleDraft {
  return {
    orderNo: payment?.orderNo ?? null,
    payment,
    memberText: '',
    lines: [emptyLine()],
    paidText: '',
    payType: null,
    remark: '',
  };
}

/** Describes a member from `member:lookup` or the checkout's member panel for the sale screen. */
export function toSaleMember(member: MemberView): SaleMember {
  return {
    customerId: member.customerId,
    cardNo: member.cardNo,
    name: member.name,
    phoneMasked: member.phoneMasked,
    frozen: member.state === 'frozen',
  };
}

export const useSaleStore = create<SaleState>()((set, get) => ({
  draft: emptyDraft(),
  lookup: { phase: 'idle' },
  orderNoLoad: { phase: 'idle' },
  attempted: false,
  flow: { phase: 'editing' },

  async startFromPayment(payment) {
    const { phase } = get().flow;
    if (phase === 'sending') return;

    latestOrderNoId++;
    latestLookupId++;
    set({
      draft: emptyDraft(payment),
      lookup: { phase: 'idle' },
      orderNoLoad: { phase: 'idle' },
      attempted: false,
      flow: { phase: 'checking', orderNo: payment.orderNo },
    });

    const reply = await settleReply(() => requireTillApi().order.find({ orderNo: payment.orderNo }));
    const { flow } = get();
    if (flow.phase !== 'checking' || flow.orderNo !== payment.orderNo) return;
    // A failed check still opens the form: main rejects a repeated upload when it is sent.
    if (reply.ok && reply.value.upload !== null) set({ flow: { phase: 'uploaded', orderNo: payment.orderNo, reply: reply.value.upload } });
    else set({ flow: { phase: 'editing' } });
  },

  async ensureOrderNo() {
    const { draft, orderNoLoad } = get();
    if (draft.orderNo !== null || draft.payment !== null || orderNoLoad.phase === 'loading') return;

    const requestId = ++latestOrderNoId;
    set({ orderNoLoad: { phase: 'loading' } });
    const reply = await settleReply(() => requireTillApi().order.newNumber());
    if (requestId !== latestOrderNoId) return;

    if (reply.ok) set({ draft: { ...get().draft, orderNo: reply.value.orderNo }, orderNoLoad: { phase: 'idle' } });
    else set({ orderNoLoad: { phase: 'failed', error: reply.error } });
  },

  setField(field, value) {
    if (get().flow.phase !== 'editing') return;
    set({ draft: { ...get().draft, [field]: value } });
  },

  setPayType(payType) {
    if (get().flow.phase !== 'editing') return;
    set({ draft: { ...get().draft, payType } });
  },

  setLine(index, field, value) {
    const { draft, flow } = get();
    if (flow.phase !== 'editing') return;
    set({ draft: { ...draft, lines: replaceLineField(draft.lines, index, field, value) } });
  },

  addLine() {
    const { draft, flow } = get();
    if (flow.phase !== 'editing') return null;
    const lines = appendLine(draft.lines, MAX_ORDER_LINES, emptyLine);
    if (lines === null) return null;
    set({ draft: { ...draft, lines } });
    return draft.lines.length;
  },

  removeLine(index) {
    const { draft, flow } = get();
    if (flow.phase !== 'editing') return;
    set({ draft: { ...draft, lines: withoutLine(draft.lines, index, emptyLine) } });
  },

  async lookUpMember() {
    const { draft, lookup } = get();
    const query = normalizeTypedText(draft.memberText);
    if (draft.payment !== null || query === '' || PHONE_PATTERN.test(query)) return;
    if ((lookup.phase === 'searching' || lookup.phase === 'found') && lookup.query === query) return;

    const lookupId = ++latestLookupId;
    set({ lookup: { phase: 'searching', query } });
    const reply = await settleReply(() => requireTillApi().member.lookup({ query, by: 'card' }));
    if (lookupId !== latestLookupId) return;

    if (!reply.ok) {
      set({ lookup: { phase: 'failed', query, error: reply.error } });
      return;
    }
    // A card search finds one card. Should the server list more, the one with this number wins.
    const { members } = reply.value;
    const member = members.find((candidate) => candidate.cardNo === query || candidate.offlineCardNo === query) ?? members[0];
    if (member) set({ lookup: { phase: 'found', query, member: toSaleMember(member) } });
  },

  requestConfirmation() {
    const { flow, draft, lookup } = get();
    if (flow.phase !== 'editing') return false;

    set({ attempted: true });
    const check = checkSaleDraft(draft, lookup);
    if (!check.ok) {
      // Enter in the last field also looks up a card the cashier has not looked up yet.
      if (check.problems.member === 'member-not-looked-up') void get().lookUpMember();
      return false;
    }

    set({ flow: { phase: 'confirming', request: check.request, member: check.member } });
    return true;
  },

  async confirm() {
    const { flow } = get();
    if (flow.phase !== 'confirming') return;

    // Leaving `confirming` synchronously is the guard against a second press while in flight.
    const { request, member } = flow;
    set({ flow: { phase: 'sending', request, member } });

    const reply = await settleReply(() => requireTillApi().order.upload(request));
    if (reply.ok) set({ flow: { phase: 'done', request, member, reply: reply.value } });
    else set({ flow: { phase: 'failed', request, member, error: reply.error } });
  },

  back() {
    const { phase } = get().flow;
    if (phase === 'confirming' || phase === 'failed') set({ flow: { phase: 'editing' } });
    else if (phase === 'done' || phase === 'uploaded') get().startOver();
  },

  startOver() {
    const { phase } = get().flow;
    if (phase !== 'done' && phase !== 'uploaded' && phase !== 'failed') return;

    latestLookupId++;
    set({ draft: emptyDraft(), lookup: { phase: 'idle' }, attempted: false, flow: { phase: 'editing' } });
    void get().ensureOrderNo();
  },

  async refreshResult() {
    const { flow } = get();
    if (flow.phase !== 'done' && flow.phase !== 'uploaded') return;

    const orderNo = flow.reply.entry.orderNo;
    const reply = await settleReply(() => requireTillApi().order.find({ orderNo }));
    if (!reply.ok || reply.value.upload === null) return;

    const upload = reply.value.upload;
    const current = get().flow;
    if ((current.phase === 'done' || current.phase === 'uploaded') && current.reply.entry.orderNo === orderNo) {
      set({ flow: { ...current, reply: upload } });
    }
  },
}));
