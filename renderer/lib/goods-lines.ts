import type { TFunction } from 'i18next';
import { MAX_CODE_LENGTH, MAX_ORDER_NO_LENGTH } from '../../common/limits';
import { MAX_INPUT_FEN, formatYuan, parseYuanInput, type YuanInputError } from '../../common/money';
import { normalizeTypedText } from '../../common/typed-text';

// Checks the return and sale forms share: codes (order number, card, goods code, SKU), counts,
// remarks and yuan amounts as typed, and the locale text of each problem. Problems are keyed by
// field, e.g. `member` or `lines.<index>.<field>`, so a form can mark the field that failed.

export { MAX_CODE_LENGTH, MAX_ORDER_NO_LENGTH };
/** Maximum count on one goods line. */
export const MAX_LINE_COUNT = 100_000;
export const MAX_REMARK_LENGTH = 200;

/** A field's problem: a locale key under `form.problem`, or an amount's error under `payment.amountError`. */
export type FieldProblem =
  | 'required'
  | 'too-long'
  | 'order-no-too-long'
  | 'remark-too-long'
  | 'count-invalid'
  | 'count-too-large'
  | { amount: YuanInputError };

/**
 * Records a problem under `field` unless `value` is a card number, goods code or SKU of 1 to
 * MAX_CODE_LENGTH characters.
 */
export function checkCode<P>(problems: Record<string, P | FieldProblem>, field: string, value: string): void {
  if (value === '') problems[field] = 'required';
  else if (value.length > MAX_CODE_LENGTH) problems[field] = 'too-long';
}

/** Records a problem under `field` unless `value` is an order number of 1 to MAX_ORDER_NO_LENGTH characters. */
export function checkOrderNo<P>(problems: Record<string, P | FieldProblem>, field: string, value: string): void {
  if (value === '') problems[field] = 'required';
  else if (value.length > MAX_ORDER_NO_LENGTH) problems[field] = 'order-no-too-long';
}

/** Parses a typed count: a whole number from 1 to MAX_LINE_COUNT, or the problem with it. */
export function parseCount(text: string): number | 'required' | 'count-invalid' | 'count-too-large' {
  const trimmed = normalizeTypedText(text);
  if (trimmed === '') return 'required';
  if (!/^\d+$/.test(trimmed) || Number(trimmed) === 0) return 'count-invalid';
  const count = Number(trimmed);
  return count > MAX_LINE_COUNT ? 'count-too-large' : count;
}

/**
 * Parses typed yuan that may be zero, such as the unit price of a free gift. Everything else is
 * checked as parseYuanInput checks a payment amount.
 */
export function parseYuanOrZero(text: string): { ok: true; fen: number } | { ok: false; error: YuanInputError } {
  const parsed = parseYuanInput(text);
  if (!parsed.ok && parsed.error === 'not-positive') return { ok: true, fen: 0 };
  return parsed;
}

/** Returns the locale text of a shared problem, with the limit it names. */
export function fieldProblemText(t: TFunction, problem: FieldProblem): string {
  if (typeof problem === 'object') return t(`payment.amountError.${problem.amount}`, { max: formatYuan(MAX_INPUT_FEN) });
  return t(`form.problem.${problem}`, { max: limitOf(problem) });
}

function limitOf(problem: Exclude<FieldProblem, object>): number {
  if (problem === 'remark-too-long') return MAX_REMARK_LENGTH;
  if (problem === 'count-too-large') return MAX_LINE_COUNT;
  if (problem === 'order-no-too-long') return MAX_ORDER_NO_LENGTH;
  return MAX_CODE_LENGTH;
}

// Line arithmetic for the return and sale drafts. Each function returns a new array and leaves
// `lines` unchanged, so a store can set the result as its next state.

/** Returns a copy of `lines` with `field` of the line at `index` set to `value`. An index past the end changes nothing. */
export function replaceLineField<Line, Field extends keyof Line>(lines: readonly Line[], index: number, field: Field, value: Line[Field]): Line[] {
  return lines.map((line, lineIndex) => (lineIndex === index ? { ...line, [field]: value } : line));
}

/** Returns `lines` with `makeLine()` appended, or null when `lines` already has `max` lines or more. */
export function appendLine<Line>(lines: readonly Line[], max: number, makeLine: () => Line): Line[] | null {
  if (lines.length >= max) return null;
  return [...lines, makeLine()];
}

/** Returns `lines` without the line at `index`. Removing the only line leaves one `makeLine()` line in its place. */
export function withoutLine<Line>(lines: readonly Line[], index: number, makeLine: () => Line): Line[] {
  const remaining = lines.filter((_line, lineIndex) => lineIndex !== index);
  return remaining.length > 0 ? remaining : [makeLine()];
}
