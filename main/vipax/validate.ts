// Input checks that run before anything is sent. Each failure is a VipaxError `invalid-input`
// naming the field, the rule it broke and the rule's bound, so that callers can word their own
// message (the command line and the renderer speak Chinese) from `details` alone.
import { MAX_INPUT_FEN } from '../../common/money';
import { VipaxError, type InputRule } from './errors';

/** Mainland mobile numbers: 11 digits starting with 1. */
const PHONE = /^1\d{10}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function invalid(field: string, rule: InputRule, message: string, limit?: number | string): VipaxError {
  return new VipaxError('invalid-input', message, limit === undefined ? { field, rule } : { field, rule, limit });
}

/** Checks a required string: present, not blank, and at most `maxLength` UTF-16 units (the server is Java). */
export function requireText(field: string, value: unknown, maxLength?: number): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, 'required', `${field} is required`);
  }
  checkLength(field, value, maxLength);
  return value;
}

/** Checks an optional string: absent, or not blank and at most `maxLength` long. */
export function optionalText(field: string, value: unknown, maxLength?: number): string | undefined {
  if (value === undefined) return undefined;
  return requireText(field, value, maxLength);
}

function checkLength(field: string, value: string, maxLength: number | undefined): void {
  if (maxLength !== undefined && value.length > maxLength) {
    throw invalid(field, 'too-long', `${field} must be at most ${maxLength} characters (got ${value.length})`, maxLength);
  }
}

export function requirePhone(field: string, value: unknown): string {
  const phone = requireText(field, value);
  // The number itself stays out of the message: it is personal data and messages get logged.
  if (!PHONE.test(phone)) {
    throw invalid(field, 'phone', `${field} must be 11 digits starting with 1 (got ${phone.length} characters)`);
  }
  return phone;
}

export function optionalPhone(field: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requirePhone(field, value);
}

/** Checks a whole number within [min, max]. */
export function requireInteger(field: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalid(field, 'integer', `${field} must be a whole number (got ${String(value)})`);
  }
  if (value < min) throw invalid(field, 'too-small', `${field} must be at least ${min} (got ${value})`, min);
  if (value > max) throw invalid(field, 'too-large', `${field} must be at most ${max} (got ${value})`, max);
  return value;
}

export function optionalInteger(field: string, value: unknown, min: number, max?: number): number | undefined {
  return value === undefined ? undefined : requireInteger(field, value, min, max);
}

/** Checks an amount in fen: a whole number from `minFen` up to the till's maximum of 1,000,000 yuan. */
export function requireFen(field: string, value: unknown, minFen: number): number {
  return requireInteger(field, value, minFen, MAX_INPUT_FEN);
}

/** Checks a signed stored-value amount: whole fen, not zero, at most 1,000,000 yuan either way. */
export function requireSignedFen(field: string, value: unknown): number {
  const fen = requireInteger(field, value, -MAX_INPUT_FEN, MAX_INPUT_FEN);
  if (fen === 0) throw invalid(field, 'non-zero', `${field} must not be zero`);
  return fen;
}

/** Checks a calendar date written yyyy-MM-dd that exists (2026-02-30 does not). */
export function requireDate(field: string, value: unknown): string {
  const text = requireText(field, value);
  const match = ISO_DATE.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  const exists = match !== null && probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  if (!exists) throw invalid(field, 'date', `${field} must be a real date written yyyy-MM-dd (got "${text}")`);
  return text;
}

export function optionalDate(field: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireDate(field, value);
}

/** Checks a Date object that is a real instant, not an invalid Date. */
export function requireInstant(field: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalid(field, 'date', `${field} must be a valid Date`);
  }
  return value;
}

/** Checks that `value` is one of `allowed`. */
export function requireChoice<T extends string | number>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    const list = allowed.join(', ');
    throw invalid(field, 'choice', `${field} must be one of ${list} (got ${String(value)})`, list);
  }
  return value as T;
}

export function optionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalid(field, 'choice', `${field} must be true or false (got ${String(value)})`, 'true, false');
}

/** Checks a non-empty array and returns it. */
export function requireList(field: string, value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(field, 'required', `${field} must list at least one item`);
  }
  return value;
}

/** Checks a plain object (the argument of a client method) so that field checks can read it. */
export function requireRecord(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, 'required', `${field} must be an object`);
  }
  return value as Record<string, unknown>;
}
