// The API takes times as wall-clock text with no zone. The client formats them in one configured
// IANA zone (Asia/Shanghai by default, where VIPax servers run) whatever the machine's own zone is.

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // hourCycle h23 keeps midnight as "00"; the default for en-US can print it as "24".
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockParts(instant: Date, timeZone: string): Record<Part, string> {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Cannot format an invalid Date');

  const parts: Record<Part, string> = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in parts) parts[part.type as Part] = part.value;
  }
  parts.year = parts.year.padStart(4, '0');
  return parts;
}

/** Returns true when `timeZone` is an IANA zone name this runtime supports, such as "Asia/Shanghai". */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The last `ts` formatted per zone: a till sends many requests within one second. */
const lastTimestamps = new Map<string, { second: number; text: string }>();

/** Formats the request timestamp `ts`: yyyyMMddHHmmss in `timeZone`. */
export function formatRequestTimestamp(instant: Date, timeZone: string): string {
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastTimestamps.get(timeZone);
  if (last !== undefined && last.second === second) return last.text;

  const p = wallClockParts(instant, timeZone);
  const text = `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
  lastTimestamps.set(timeZone, { second, text });
  return text;
}

/** Formats a time field of a request body (create_time, pay_time): yyyy-MM-dd HH:mm:ss in `timeZone`. */
export function formatWireDateTime(instant: Date, timeZone: string): string {
  const p = wallClockParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Formats the date of an instant in `timeZone` as yyyy-MM-dd, e.g. for getPaidConsumeLog's range. */
export function formatWireDate(instant: Date, timeZone: string): string {
  const p = wallClockParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}
