import { z } from 'zod';
import { MAX_CODE_LENGTH } from '../limits';
import { defineChannel } from './base';

// Member lookup by what the cashier scanned or typed. The renderer sends the raw text and main
// chooses the search. Eleven digits starting with 1 are a mobile phone number, and anything else is
// a card number (会员卡号, or a physical card's number).

/** Maximum length of a scanned or typed lookup text: a card number, or a phone's 11 digits. */
export const MAX_LOOKUP_TEXT_LENGTH = MAX_CODE_LENGTH;

/** A mainland China mobile number: 11 digits starting with 1. */
export const PHONE_PATTERN = /^1\d{10}$/;

export const memberLookupRequestSchema = z.strictObject({
  /** The scanned or typed text, e.g. "CARD201609016048" or "13912348173". */
  query: z.string().trim().min(1).max(MAX_LOOKUP_TEXT_LENGTH),
  /** `auto` (the default) searches by phone for 11 digits starting with 1, else by card. */
  by: z.enum(['auto', 'card', 'phone']).default('auto'),
});
export type MemberLookupRequest = z.input<typeof memberLookupRequestSchema>;

export const memberStateSchema = z.enum(['active', 'frozen']);

/** A member as the screen shows it. The phone number is masked; main keeps the full number. */
export const memberViewSchema = z.object({
  /** 会员号, e.g. "MEMB20160901006045": the number a payment is made against. */
  customerId: z.string(),
  /** 会员卡号, e.g. "CARD201609016048". */
  cardNo: z.string(),
  /** 线下实卡: the physical card's number, when one is linked. */
  offlineCardNo: z.string().nullable(),
  name: z.string(),
  nickName: z.string().nullable(),
  /** Masked as Chinese receipts do, e.g. "139****8173". */
  phoneMasked: z.string().nullable(),
  levelName: z.string().nullable(),
  balanceFen: z.int(),
  accruedPoints: z.number().nullable(),
  /** 80 means the member pays 80% (8折); null when the server does not send the rate. */
  discountRatePercent: z.number().nullable(),
  state: memberStateSchema,
});
export type MemberView = z.infer<typeof memberViewSchema>;

/** One member, or several when one phone number has several cards (the screen shows a chooser). */
export const memberLookupReplySchema = z.object({
  members: z.array(memberViewSchema).min(1),
});
export type MemberLookupReply = z.infer<typeof memberLookupReplySchema>;

export const memberChannels = {
  'member:lookup': defineChannel(memberLookupRequestSchema, memberLookupReplySchema),
};

/** Masks a mobile number as Chinese receipts do: "13912348173" → "139****8173". */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
