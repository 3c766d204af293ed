import type { OutboxEntryView, RefundablePayment } from '../../../common/contract';

// Formatting shared by the refund, return and outbox screens.

/**
 * Formats a time for the till's screens in local time: "2026-12-04 15:30" (with seconds when
 * asked). Text that is not ISO 8601, such as the transaction log's "2026-12-04 15:30:12.137", is
 * already local and is shown up to its seconds.
 */
export function formatLocalTime(text: string, withSeconds = false): string {
  if (!text.includes('T')) return text.slice(0, withSeconds ? 19 : 16);

  const time = new Date(text);
  if (Number.isNaN(time.getTime())) return text;
  const day = `${time.getFullYear()}-${pad2(time.getMonth() + 1)}-${pad2(time.getDate())}`;
  const clock = `${pad2(time.getHours())}:${pad2(time.getMinutes())}`;
  return `${day} ${clock}${withSeconds ? `:${pad2(time.getSeconds())}` : ''}`;
}

/** Formats only the local time of day, "15:30:12", for lists that show one day. */
export function formatClockTime(text: string): string {
  return formatLocalTime(text, true).slice(11);
}

/** Returns how the screens name an entry's or a payment's member: masked phone, else card, else 会员号. */
export function memberLabel(member: Pick<OutboxEntryView | RefundablePayment, 'phoneMasked' | 'cardNo' | 'customerId'>): string | null {
  const parts = [member.phoneMasked, member.cardNo].filter((part): part is string => part !== null && part !== '');
  if (parts.length > 0) return parts.join(' · ');
  return member.customerId;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
