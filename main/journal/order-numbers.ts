import { checkTillCodes } from '../../common/till-codes';

// Order numbers: `${storeCode}-${tillId}-${yyyyMMddHHmmss local}-${seq}`, e.g.
// `S001-T01-20261204153012-0007`. The sequence is a running count from 0001 to 9999 that wraps
// to 0001. Each number handed out is strictly greater than the one before (the parts have fixed
// widths, so text order is issue order), which makes every number new even when the clock goes
// backwards:
// - when the clock reads a later second than the last number's, that second is used;
// - otherwise (same second, or the clock went back) the last number's second is kept, and when
//   the sequence wrapped, that second plus one. The time part then runs ahead of the clock until
//   the clock catches up.

export interface SequenceState {
  /** yyyyMMddHHmmss of the last number handed out. */
  stamp: string;
  /** 1..9999 */
  seq: number;
}

export const maxSequence = 9999;

/** Computes the parts of the next order number after `last` for a clock reading of `nowStamp`. */
export function nextSequence(last: SequenceState | null, nowStamp: string): SequenceState {
  if (last === null) return { stamp: nowStamp, seq: 1 };

  const seq = (last.seq % maxSequence) + 1;
  if (nowStamp > last.stamp) return { stamp: nowStamp, seq };
  if (seq > last.seq) return { stamp: last.stamp, seq };
  return { stamp: addOneSecond(last.stamp), seq };
}

export function formatOrderNo(storeCode: string, tillId: string, state: SequenceState): string {
  return `${storeCode}-${tillId}-${state.stamp}-${String(state.seq).padStart(4, '0')}`;
}

/**
 * Throws a TypeError unless the store code and till id follow the rule the settings also check
 * (common/till-codes.ts), so every order number built from them is at most 64 characters.
 */
export function validateOrderNoParts(storeCode: string, tillId: string): void {
  const problem = checkTillCodes(storeCode, tillId);
  if (problem !== null) throw new TypeError(`${problem.field}: ${problem.message}`);
}

/** Formats a time as local yyyyMMddHHmmss. */
export function formatLocalStamp(time: Date): string {
  return (
    String(time.getFullYear()).padStart(4, '0') +
    pad2(time.getMonth() + 1) +
    pad2(time.getDate()) +
    pad2(time.getHours()) +
    pad2(time.getMinutes()) +
    pad2(time.getSeconds())
  );
}

/** Formats a time as the local date yyyy-MM-dd, the journal's business day. */
export function formatLocalDay(time: Date): string {
  return `${String(time.getFullYear()).padStart(4, '0')}-${pad2(time.getMonth() + 1)}-${pad2(time.getDate())}`;
}

function addOneSecond(stamp: string): string {
  const time = new Date(
    Number(stamp.slice(0, 4)),
    Number(stamp.slice(4, 6)) - 1,
    Number(stamp.slice(6, 8)),
    Number(stamp.slice(8, 10)),
    Number(stamp.slice(10, 12)),
    Number(stamp.slice(12, 14)),
  );
  const next = formatLocalStamp(new Date(time.getTime() + 1000));
  // A local clock that repeats an hour (daylight saving ends) could map +1 s onto an earlier
  // stamp. So step on in whole seconds until the text is greater.
  if (next > stamp) return next;
  return addSecondsUntilGreater(stamp, time.getTime());
}

function addSecondsUntilGreater(stamp: string, fromMs: number): string {
  for (let seconds = 2; seconds <= 2 * 3600; seconds++) {
    const next = formatLocalStamp(new Date(fromMs + seconds * 1000));
    if (next > stamp) return next;
  }
  throw new Error(`Cannot find a time stamp after ${stamp}`);
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
