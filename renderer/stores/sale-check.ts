import { PHONE_PATTERN, maskPhone, type IpcError, type OrderUploadRequest } from '../../common/contract';
import { normalizeTypedText } from '../../common/typed-text';
import { MAX_REMARK_LENGTH, checkCode, parseCount, parseYuanOrZero, type FieldProblem } from '../lib/goods-lines';

// The sale form's draft and the checks it passes before anything reaches main (销售上传). A sale
// opened from a stored-value payment takes its order number, member, total (原价) and paid amount
// (实付) from that payment. Any other sale has a new order number from main and a member given by
// phone or by a card the cashier looked up.

export type PayType = 1 | 2 | 3;

/** offlineUpload's pay type for stored value: 3, other. */
export const STORED_VALUE_PAY_TYPE: PayType = 3;

/** The member a sale is for, as the screen shows it; the phone number is masked. */
export interface SaleMember {
  customerId: string;
  cardNo: string;
  name: string | null;
  phoneMasked: string | null;
  frozen: boolean;
}

/** The stored-value payment a sale belongs to, when the sale was opened from the payment result. */
export interface SalePayment {
  orderNo: string;
  member: SaleMember;
  /** 原价: the sale's total. */
  priceFen: number;
  /** 实付: what the payment took, the sale's paid amount; null when the server did not report it. */
  actualPaymentFen: number | null;
}

export interface SaleLineDraft {
  /** Stable React key; never sent. */
  key: number;
  goodsCode: string;
  skuCode: string;
  /** Unit price in yuan, as typed. */
  priceText: string;
  /** The line's amount after discount in yuan, as typed; empty takes the line's share of 实付. */
  discountedText: string;
  countText: string;
}

export interface SaleDraft {
  /** This till's order number; null while main hands out a new one, or when that failed. */
  orderNo: string | null;
  /** The payment this sale belongs to; null for a sale paid otherwise. */
  payment: SalePayment | null;
  /** An 11-digit mobile number or a card number, for a sale without a payment. */
  memberText: string;
  lines: SaleLineDraft[];
  /** 实付 in yuan as typed, used unless the payment reports it. */
  paidText: string;
  payType: PayType | null;
  remark: string;
}

/** The look-up of a card typed or scanned into the member field. */
export type SaleMemberLookup =
  | { phase: 'idle' }
  | { phase: 'searching'; query: string }
  | { phase: 'found'; query: string; member: SaleMember }
  | { phase: 'failed'; query: string; error: IpcError };

/** A field's problem: a shared one, or one only the sale form has (locale keys under `sale.problem`). */
export type SaleFieldProblem =
  | FieldProblem
  | 'order-no-missing'
  | 'member-not-looked-up'
  | 'member-lookup-failed'
  | 'member-frozen'
  | 'discount-above-line'
  | 'paid-above-total'
  | 'pay-type-required'
  | 'total-zero'
  | 'total-mismatch'
  | 'discounted-not-paid';

/**
 * Problems by field: `orderNo`, `member`, `paid`, `payType`, `remark`, `total`, `discounted`
 * (the lines' amounts after discount as a whole) and
 * `lines.<index>.<goodsCode|skuCode|price|discounted|count>`.
 */
export type SaleProblems = Record<string, SaleFieldProblem>;

export interface SaleFigures {
  /** Σ unit price × count over the lines whose price and count are valid. */
  totalFen: number;
  /** 实付, or null while it is not valid. */
  paidFen: number | null;
  /** total − paid, or null while either is not known. */
  couponFen: number | null;
  /** The amount an empty discounted-amount cell stands for, per line; null for a typed or invalid line. */
  autoDiscountedFen: (number | null)[];
  /** Σ the typed amounts after discount, or null while any line's cell is empty or invalid. */
  typedDiscountedFen: number | null;
}

/** The member a sale is for, as the confirmation shows it. */
export interface SaleMemberSummary {
  name: string | null;
  phoneMasked: string | null;
  cardNo: string | null;
}

export type SaleCheck =
  | { ok: true; request: OrderUploadRequest; figures: SaleFigures; member: SaleMemberSummary }
  | { ok: false; problems: SaleProblems; figures: SaleFigures };

interface CheckedLine {
  goodsCode: string;
  skuCode: string;
  priceFen: number | null;
  count: number | null;
  /** Null when the cell is empty, so the line takes its share of 实付. */
  typedDiscountedFen: number | null;
}

/** Checks a draft and builds the upload request; figures count only the valid lines. */
export function checkSaleDraft(draft: SaleDraft, lookup: SaleMemberLookup): SaleCheck {
  const problems: SaleProblems = {};
  if (draft.orderNo === null) problems.orderNo = 'order-no-missing';

  const lines = draft.lines.map((line, index) => checkLine(problems, `lines.${index}`, line));
  const totalFen = lines.reduce((sum, line) => sum + (line.priceFen ?? 0) * (line.count ?? 0), 0);
  // The total is compared with anything only once every line has a valid price and count,
  // because until then it is partial.
  const totalKnown = lines.every((line) => line.priceFen !== null && line.count !== null);
  const paidFen = checkPaid(problems, draft, totalKnown ? totalFen : null);
  if (totalKnown) checkTotal(problems, draft, totalFen);

  const autoDiscountedFen = fillDiscounts(lines, paidFen);
  const typedDiscountedFen = sumTypedDiscounts(lines);
  // Main rejects an upload whose lines after discount do not add up to 实付. Lines left empty are
  // filled to make up the difference, so only a form with every line typed is checked here.
  // NOTE: empty lines cannot make up the difference when the typed lines exceed 实付 or the rest
  // exceeds the empty lines' price × count. Such a form passes here and main still rejects it.
  if (typedDiscountedFen !== null && paidFen !== null && typedDiscountedFen !== paidFen) problems.discounted = 'discounted-not-paid';
  const figures: SaleFigures = {
    totalFen,
    paidFen,
    couponFen: paidFen === null || !totalKnown ? null : totalFen - paidFen,
    autoDiscountedFen,
    typedDiscountedFen,
  };

  const payType = draft.payment === null ? draft.payType : STORED_VALUE_PAY_TYPE;
  if (payType === null) problems.payType = 'pay-type-required';
  const remark = draft.remark.trim();
  if (remark.length > MAX_REMARK_LENGTH) problems.remark = 'remark-too-long';
  const member = checkMember(problems, draft, lookup);

  if (Object.keys(problems).length > 0 || draft.orderNo === null || paidFen === null || payType === null || member === null) {
    return { ok: false, problems, figures };
  }

  const goods: OrderUploadRequest['goods'] = lines.map((line, index) => ({
    goodsCode: line.goodsCode,
    skuCode: line.skuCode,
    priceFen: line.priceFen ?? 0,
    discountedPriceFen: line.typedDiscountedFen ?? autoDiscountedFen[index] ?? 0,
    count: line.count ?? 0,
  }));
  const request: OrderUploadRequest = {
    orderNo: draft.orderNo,
    ...member.identity,
    totalFen,
    paidFen,
    couponFen: totalFen - paidFen,
    payType,
    goods,
  };
  if (remark !== '') request.remark = remark;
  return { ok: true, request, figures, member: member.summary };
}

function checkLine(problems: SaleProblems, prefix: string, line: SaleLineDraft): CheckedLine {
  const goodsCode = normalizeTypedText(line.goodsCode);
  const skuCode = normalizeTypedText(line.skuCode);
  checkCode(problems, `${prefix}.goodsCode`, goodsCode);
  checkCode(problems, `${prefix}.skuCode`, skuCode);

  const count = parseCount(line.countText);
  if (typeof count !== 'number') problems[`${prefix}.count`] = count;

  const price = parseYuanOrZero(line.priceText);
  if (!price.ok) problems[`${prefix}.price`] = { amount: price.error };

  let typedDiscountedFen: number | null = null;
  if (line.discountedText.trim() !== '') {
    const discounted = parseYuanOrZero(line.discountedText);
    if (!discounted.ok) {
      problems[`${prefix}.discounted`] = { amount: discounted.error };
    } else {
      typedDiscountedFen = discounted.fen;
      const lineFen = price.ok && typeof count === 'number' ? price.fen * count : null;
      if (lineFen !== null && discounted.fen > lineFen) problems[`${prefix}.discounted`] = 'discount-above-line';
    }
  }

  return {
    goodsCode,
    skuCode,
    priceFen: price.ok ? price.fen : null,
    count: typeof count === 'number' ? count : null,
    typedDiscountedFen,
  };
}

/** Returns 实付: the payment's, or the typed amount when it is valid and at most the total (if known). */
function checkPaid(problems: SaleProblems, draft: SaleDraft, totalFen: number | null): number | null {
  const fromPayment = draft.payment?.actualPaymentFen ?? null;
  if (fromPayment !== null) return fromPayment;

  const paid = parseYuanOrZero(draft.paidText);
  if (!paid.ok) {
    problems.paid = { amount: paid.error };
    return null;
  }
  if (totalFen !== null && paid.fen > totalFen) {
    problems.paid = 'paid-above-total';
    return null;
  }
  return paid.fen;
}

/** A payment's sale must total its 原价, and every sale must total more than zero. */
function checkTotal(problems: SaleProblems, draft: SaleDraft, totalFen: number): void {
  if (draft.payment !== null && totalFen !== draft.payment.priceFen) problems.total = 'total-mismatch';
  else if (totalFen === 0) problems.total = 'total-zero';
}

function sumTypedDiscounts(lines: readonly CheckedLine[]): number | null {
  let sumFen = 0;
  for (const line of lines) {
    if (line.typedDiscountedFen === null) return null;
    sumFen += line.typedDiscountedFen;
  }
  return sumFen;
}

/**
 * Works out the discounted amount of each line whose cell is empty: 实付 minus the typed amounts,
 * split over those lines in proportion to unit price × count. Largest remainders get the odd fen,
 * so the lines add up to 实付 whenever the typed amounts leave room for it.
 */
function fillDiscounts(lines: readonly CheckedLine[], paidFen: number | null): (number | null)[] {
  const lineFen = lines.map((line) => (line.priceFen === null || line.count === null ? null : line.priceFen * line.count));
  const autoIndexes = lines.flatMap((line, index) => (line.typedDiscountedFen === null && lineFen[index] !== null ? [index] : []));
  const result: (number | null)[] = lines.map(() => null);
  if (paidFen === null || autoIndexes.length === 0) return result;

  const typedFen = lines.reduce((sum, line) => sum + (line.typedDiscountedFen ?? 0), 0);
  const weights = autoIndexes.map((index) => lineFen[index] ?? 0);
  const weightFen = weights.reduce((sum, weight) => sum + weight, 0);
  const shareFen = Math.min(Math.max(paidFen - typedFen, 0), weightFen);
  splitInProportion(shareFen, weights).forEach((part, position) => {
    const index = autoIndexes[position];
    if (index !== undefined) result[index] = part;
  });
  return result;
}

/** Splits whole fen over `weights` in proportion, by largest remainder, so the parts add up exactly. */
export function splitInProportion(amountFen: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum === 0) return weights.map(() => 0);

  const exact = weights.map((weight) => (amountFen * weight) / weightSum);
  const parts = exact.map((value) => Math.floor(value));
  let left = amountFen - parts.reduce((sum, part) => sum + part, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

type CheckedMember = {
  identity: Pick<OrderUploadRequest, 'memberPhone' | 'customerId' | 'cardNo'>;
  summary: SaleMemberSummary;
};

/** Returns who the sale is for: the payment's member, a typed phone, or a card that was looked up. */
function checkMember(problems: SaleProblems, draft: SaleDraft, lookup: SaleMemberLookup): CheckedMember | null {
  if (draft.payment !== null) {
    const { member } = draft.payment;
    // Main takes the full phone number from the payment, because the renderer never receives it.
    return {
      identity: { customerId: member.customerId, cardNo: member.cardNo },
      summary: { name: member.name, phoneMasked: member.phoneMasked, cardNo: member.cardNo },
    };
  }

  const text = normalizeTypedText(draft.memberText);
  checkCode(problems, 'member', text);
  if (problems.member !== undefined) return null;
  if (PHONE_PATTERN.test(text)) {
    return { identity: { memberPhone: text }, summary: { name: null, phoneMasked: maskPhone(text), cardNo: null } };
  }

  if (lookup.phase === 'found' && lookup.query === text) {
    const { member } = lookup;
    if (member.frozen) {
      problems.member = 'member-frozen';
      return null;
    }
    return {
      identity: { customerId: member.customerId, cardNo: member.cardNo },
      summary: { name: member.name, phoneMasked: member.phoneMasked, cardNo: member.cardNo },
    };
  }
  problems.member = lookup.phase === 'failed' && lookup.query === text ? 'member-lookup-failed' : 'member-not-looked-up';
  return null;
}
