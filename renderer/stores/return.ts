import { create } from 'zustand';
import { PHONE_PATTERN, type IpcError, type ReturnCreateReply, type ReturnCreateRequest } from '../../common/contract';
import { parseYuanInput } from '../../common/money';
import { normalizeTypedText } from '../../common/typed-text';
import { MAX_REMARK_LENGTH, appendLine, checkCode, checkOrderNo, parseCount, replaceLineField, withoutLine, type FieldProblem } from '../lib/goods-lines';
import { requireTillApi, settleReply } from '../bridge';

// One return of goods (退货, offLineReturnUpload): the sale's order number, the member, the goods
// lines and whether to take back the points the sale earned. Main writes it to the journal before
// the first send, so it works offline and is sent by the outbox later (待同步).

/** Maximum number of goods lines in one return. */
export const MAX_RETURN_LINES = 500;

export interface ReturnLineDraft {
  /** Stable React key; never sent. */
  key: number;
  goodsCode: string;
  skuCode: string;
  countText: string;
  /** The line's total refund in yuan, as typed. */
  amountText: string;
}

export interface ReturnDraft {
  originalOrderNo: string;
  /** A card number, or an 11-digit mobile number. */
  memberText: string;
  lines: ReturnLineDraft[];
  returnPoints: boolean;
  remark: string;
}

/** A field's problem; lib/goods-lines.ts gives its text. */
export type ReturnFieldProblem = FieldProblem;

/** Problems by field: `originalOrderNo`, `member`, `remark`, `lines.<index>.<field>`. */
export type ReturnProblems = Record<string, ReturnFieldProblem>;

export type ReturnCheck =
  | { ok: true; request: ReturnCreateRequest; totalFen: number }
  | { ok: false; problems: ReturnProblems; totalFen: number };

/** Checks a draft and builds the request main gets; the total counts only lines whose amount is valid. */
export function checkReturnDraft(draft: ReturnDraft): ReturnCheck {
  const problems: ReturnProblems = {};
  const originalOrderNo = normalizeTypedText(draft.originalOrderNo);
  const memberText = normalizeTypedText(draft.memberText);
  const remark = draft.remark.trim();

  checkOrderNo(problems, 'originalOrderNo', originalOrderNo);
  checkCode(problems, 'member', memberText);
  if (remark.length > MAX_REMARK_LENGTH) problems.remark = 'remark-too-long';

  let totalFen = 0;
  const goods: ReturnCreateRequest['goods'] = [];
  draft.lines.forEach((line, index) => {
    const prefix = `lines.${index}`;
    const goodsCode = normalizeTypedText(line.goodsCode);
    const skuCode = normalizeTypedText(line.skuCode);
    checkCode(problems, `${prefix}.goodsCode`, goodsCode);
    checkCode(problems, `${prefix}.skuCode`, skuCode);

    const count = parseCount(line.countText);
    if (typeof count !== 'number') problems[`${prefix}.count`] = count;

    const amount = parseYuanInput(line.amountText);
    if (amount.ok) totalFen += amount.fen;
    else problems[`${prefix}.amount`] = { amount: amount.error };

    if (typeof count === 'number' && amount.ok) goods.push({ goodsCode, skuCode, count, amountFen: amount.fen });
  });

  if (Object.keys(problems).length > 0 || goods.length === 0) return { ok: false, problems, totalFen };

  const request: ReturnCreateRequest = { originalOrderNo, returnPoints: draft.returnPoints, goods };
  if (PHONE_PATTERN.test(memberText)) request.memberPhone = memberText;
  else request.memberCardNo = memberText;
  if (remark !== '') request.remark = remark;
  return { ok: true, request, totalFen };
}

export type ReturnFlow =
  | { phase: 'editing' }
  | { phase: 'confirming'; request: ReturnCreateRequest; totalFen: number }
  | { phase: 'sending'; request: ReturnCreateRequest; totalFen: number }
  | { phase: 'done'; request: ReturnCreateRequest; totalFen: number; reply: ReturnCreateReply }
  /** Main rejected the return before writing it, e.g. as invalid input, so nothing was written. */
  | { phase: 'failed'; request: ReturnCreateRequest; totalFen: number; error: IpcError };

interface ReturnState {
  draft: ReturnDraft;
  /** True after the cashier first tried to go on, so empty fields are reported only then. */
  attempted: boolean;
  flow: ReturnFlow;
  setField(field: 'originalOrderNo' | 'memberText' | 'remark', value: string): void;
  setReturnPoints(returnPoints: boolean): void;
  setLine(index: number, field: 'goodsCode' | 'skuCode' | 'countText' | 'amountText', value: string): void;
  /** Adds an empty line; returns its index, or null at the maximum. */
  addLine(): number | null;
  /** Removes a line; the last line is emptied instead. */
  removeLine(index: number): void;
  /** Checks the draft and, if it passes, opens the confirmation. Returns whether it did. */
  requestConfirmation(): boolean;
  /** Sends the return to main. Does nothing unless the cashier is looking at the confirmation. */
  confirm(): Promise<void>;
  /** Esc: back from the confirmation or a failure to the form, keeping what was typed. */
  back(): void;
  /** Starts an empty return after a result. */
  startOver(): void;
}

let nextLineKey = 1;

function emptyLine(): ReturnLineDraft {
  return { key: nextLineKey++, goodsCode: '', skuCode: '', countText: '1', amountText: '' };
}

function emptyDraft(): ReturnDraft {
  // Taking the sale's points back is the usual case for a return, so it starts ticked.
  return { originalOrderNo: '', memberText: '', lines: [emptyLine()], returnPoints: true, remark: '' };
}

export const useReturnStore = create<ReturnState>()((set, get) => ({
  draft: emptyDraft(),
  attempted: false,
  flow: { phase: 'editing' },

  setField(field, value) {
    if (get().flow.phase !== 'editing') return;
    set({ draft: { ...get().draft, [field]: value } });
  },

  setReturnPoints(returnPoints) {
    if (get().flow.phase !== 'editing') return;
    set({ draft: { ...get().draft, returnPoints } });
  },

  setLine(index, field, value) {
    const { draft, flow } = get();
    if (flow.phase !== 'editing') return;
    set({ draft: { ...draft, lines: replaceLineField(draft.lines, index, field, value) } });
  },

  addLine() {
    const { draft, flow } = get();
    if (flow.phase !== 'editing') return null;
    const lines = appendLine(draft.lines, MAX_RETURN_LINES, emptyLine);
    if (lines === null) return null;
    set({ draft: { ...draft, lines } });
    return draft.lines.length;
  },

  removeLine(index) {
    const { draft, flow } = get();
    if (flow.phase !== 'editing') return;
    set({ draft: { ...draft, lines: withoutLine(draft.lines, index, emptyLine) } });
  },

  requestConfirmation() {
    const { flow, draft } = get();
    if (flow.phase !== 'editing') return false;

    set({ attempted: true });
    const check = checkReturnDraft(draft);
    if (!check.ok) return false;

    set({ flow: { phase: 'confirming', request: check.request, totalFen: check.totalFen } });
    return true;
  },

  async confirm() {
    const { flow } = get();
    if (flow.phase !== 'confirming') return;

    // Leaving `confirming` synchronously is the guard against a second press while in flight.
    const { request, totalFen } = flow;
    set({ flow: { phase: 'sending', request, totalFen } });

    const reply = await settleReply(() => requireTillApi().return.create(request));
    if (reply.ok) set({ flow: { phase: 'done', request, totalFen, reply: reply.value } });
    else set({ flow: { phase: 'failed', request, totalFen, error: reply.error } });
  },

  back() {
    const { phase } = get().flow;
    if (phase === 'confirming' || phase === 'failed') set({ flow: { phase: 'editing' } });
    else if (phase === 'done') get().startOver();
  },

  startOver() {
    if (get().flow.phase !== 'done') return;
    set({ draft: emptyDraft(), attempted: false, flow: { phase: 'editing' } });
  },
}));
