// Money inside the program is an integer number of fen (1 yuan = 100 fen). The VIPax API speaks
// yuan decimals in some fields and fen integers in others; conversion happens only at the wire, in
// the client, through the functions below. No float arithmetic touches an amount.

import { normalizeTypedText } from './typed-text';

const YUAN_TEXT = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Converts a yuan decimal as the server sends it ("9975.000000", "8", 8, -0.5) to integer fen.
 * Digits past the second decimal are rounded half away from zero, because a balance the server
 * computed to more places must still show as a whole number of fen.
 * Returns null for anything that is not a plain decimal number.
 */
export function yuanToFen(value: string | number): number | null {
  const text = typeof value === 'number' ? numberToPlainText(value) : value.trim();
  if (text === null) return null;

  const match = YUAN_TEXT.exec(text);
  if (!match) return null;

  const negative = match[1] === '-';
  const whole = match[2] ?? '0';
  const fraction = (match[3] ?? '').padEnd(3, '0');
  let fen = Number(whole) * 100 + Number(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) fen += 1;
  if (!Number.isSafeInteger(fen)) return null;

  return negative && fen !== 0 ? -fen : fen;
}

function numberToPlainText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  // toFixed(6) avoids exponent notation and keeps enough places for the rounding above.
  return value.toFixed(6);
}

/** Formats fen as the yuan decimal the API expects in `price`: 1234 → "12.34", -500 → "-5.00". */
export function fenToYuanText(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  const yuan = Math.floor(absolute / 100);
  const cents = String(absolute % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** Throws unless `fen` is a safe integer: a fractional fen is always a programming error. */
export function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) {
    throw new TypeError(`Amount must be a whole number of fen, got ${String(fen)}`);
  }
}

export type YuanInputError = 'empty' | 'not-a-number' | 'too-many-decimals' | 'not-positive' | 'too-large';

/** The largest amount a cashier may type: 1,000,000 yuan. A till never takes more in one payment. */
export const MAX_INPUT_FEN = 100_000_000;

const INPUT_TEXT = /^(\d+)(?:\.(\d{0,2}))?$/;

/**
 * Parses what a cashier typed ("12", "12.3", "12.34", full-width "１２。５") into positive fen.
 * Rejects signs, exponents, thousands separators and more than two decimals.
 */
export function parseYuanInput(text: string): { ok: true; fen: number } | { ok: false; error: YuanInputError } {
  const trimmed = normalizeTypedText(text);
  if (trimmed === '') return { ok: false, error: 'empty' };

  const match = INPUT_TEXT.exec(trimmed);
  if (!match) {
    if (/^\d+\.\d{3,}$/.test(trimmed)) return { ok: false, error: 'too-many-decimals' };
    return { ok: false, error: 'not-a-number' };
  }

  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_INPUT_FEN) return { ok: false, error: 'too-large' };
  if (fen <= 0) return { ok: false, error: 'not-positive' };

  return { ok: true, fen };
}

/** Formats fen for display with two decimals and thousands separators: 123456 → "1,234.56". */
export function formatYuan(fen: number): string {
  const text = fenToYuanText(fen);
  const [whole = '0', cents = '00'] = text.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${grouped}.${cents}`;
}
