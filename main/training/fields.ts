import { trainingMessages as text } from './messages';

// Readers for the fields of `msg`. VIPax clients send numbers as numbers or as strings
// ("total_fee":"200" in the manual's own return sample), so every reader accepts both.
// A bad field throws RejectedCall, which the server sends as `code: "0"` with the message.

/** A request the server rejects with `code: "0"` and this Chinese message. */
export class RejectedCall extends Error {
  override readonly name = 'RejectedCall';
}

export type Msg = Record<string, unknown>;

/** Returns the field as text, or null when it is absent, null or empty. */
export function optionalString(msg: Msg, field: string, maxLength?: number): string | null {
  const value = msg[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw new RejectedCall(text.invalidField(field));

  const result = String(value).trim();
  if (result === '') return null;
  if (maxLength !== undefined && result.length > maxLength) throw new RejectedCall(text.fieldTooLong(field, maxLength));
  return result;
}

export function requiredString(msg: Msg, field: string, maxLength?: number): string {
  const result = optionalString(msg, field, maxLength);
  if (result === null) throw new RejectedCall(text.missingField(field));
  return result;
}

const INTEGER_TEXT = /^-?\d+$/;

/** Reads an integer given as a number or as digits. Returns null when it is absent or empty. */
export function optionalInteger(msg: Msg, field: string, range: { min?: number; max?: number } = {}): number | null {
  const value = msg[field];
  if (value === undefined || value === null || value === '') return null;

  let result: number;
  if (typeof value === 'number') {
    result = value;
  } else if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) {
    result = Number(value.trim());
  } else {
    throw new RejectedCall(text.invalidField(field));
  }

  if (!Number.isSafeInteger(result)) throw new RejectedCall(text.invalidField(field));
  if (range.min !== undefined && result < range.min) throw new RejectedCall(text.invalidField(field));
  if (range.max !== undefined && result > range.max) throw new RejectedCall(text.invalidField(field));
  return result;
}

export function requiredInteger(msg: Msg, field: string, range: { min?: number; max?: number } = {}): number {
  const result = optionalInteger(msg, field, range);
  if (result === null) throw new RejectedCall(text.missingField(field));
  return result;
}

const YUAN_TEXT = /^(-)?(\d{1,9})(?:\.(\d{1,2}))?$/;

/**
 * Reads a yuan amount (`price`) as integer fen. Accepts a number or a decimal string with at most
 * two decimals and at most 999,999,999.99 yuan. More decimals are rejected rather than rounded,
 * because a till that sends 12.345 has a bug that rounding would hide.
 */
export function requiredYuanAsFen(msg: Msg, field: string): number {
  const value = msg[field];
  if (value === undefined || value === null || value === '') throw new RejectedCall(text.missingField(field));
  if (typeof value !== 'string' && typeof value !== 'number') throw new RejectedCall(text.invalidField(field));
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RejectedCall(text.invalidField(field));

  // String(12.34) is "12.34", and String(0.1 + 0.2) is "0.30000000000000004", which is rejected.
  const match = YUAN_TEXT.exec(String(value).trim());
  if (!match) throw new RejectedCall(text.invalidField(field));

  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -fen : fen;
}

const PHONE = /^1\d{10}$/;

/** Reads an 11-digit mainland mobile number. */
export function optionalPhone(msg: Msg, field: string): string | null {
  const result = optionalString(msg, field);
  if (result !== null && !PHONE.test(result)) throw new RejectedCall(text.invalidField(field));
  return result;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Reads a real calendar date in yyyy-MM-dd. */
export function optionalDate(msg: Msg, field: string): string | null {
  const result = optionalString(msg, field);
  if (result === null) return null;

  const match = DATE.exec(result);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RejectedCall(text.invalidField(field));
  }
  return result;
}

/** Reads a real date and time in yyyy-MM-dd HH:mm:ss. */
export function requiredDateTime(msg: Msg, field: string): string {
  const result = requiredString(msg, field);
  const match = DATE_TIME.exec(result);
  const valid =
    match !== null &&
    isRealDate(Number(match[1]), Number(match[2]), Number(match[3])) &&
    Number(match[4]) <= 23 &&
    Number(match[5]) <= 59 &&
    Number(match[6]) <= 59;
  if (!valid) throw new RejectedCall(text.invalidField(field));
  return result;
}

/** Reads a list of objects, such as `goods`. An empty or missing list is rejected. */
export function requiredObjectList(msg: Msg, field: string): Msg[] {
  const value = msg[field];
  if (value === undefined || value === null) throw new RejectedCall(text.missingField(field));
  if (!Array.isArray(value)) throw new RejectedCall(text.invalidField(field));
  if (value.length === 0) throw new RejectedCall(text.emptyGoods);
  if (!value.every(isMsg)) throw new RejectedCall(text.invalidField(field));
  return value;
}

export function isMsg(value: unknown): value is Msg {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads page_no and page_size: page_no from 0 (default 0), page_size 1..199 (default 50). */
export function readPaging(msg: Msg): { pageNo: number; pageSize: number } {
  const pageNo = readOrReject(() => optionalInteger(msg, 'page_no'), text.invalidPageNo) ?? 0;
  const pageSize = readOrReject(() => optionalInteger(msg, 'page_size'), text.invalidPageSize) ?? 50;
  if (pageNo < 0) throw new RejectedCall(text.invalidPageNo);
  if (pageSize < 1 || pageSize > 199) throw new RejectedCall(text.invalidPageSize);
  return { pageNo, pageSize };
}

function readOrReject<T>(read: () => T, message: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RejectedCall) throw new RejectedCall(message);
    throw error;
  }
}
