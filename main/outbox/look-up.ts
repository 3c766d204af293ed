import { formatLocalDay } from '../journal';
import type { LogEntry, VipaxClient } from '../vipax/types';

// Finding out whether a stored-value refund whose response never arrived was applied. The member's
// transaction log is the only record the server keeps of it: an entry whose businessNo is the
// refund's order number.

/** The server's largest page size for getPaidConsumeLog. */
const PAGE_SIZE = 199;

/** Stops reading after this many pages (about 40,000 entries), and the look-up stays undecided. */
const MAX_PAGES = 200;

/** Refunds made at a till: store POS refund (门店POS退款). */
const POS_REFUND_TYPE = 6 as const;

export type LookUpResult =
  | { status: 'found'; entries: LogEntry[] }
  | { status: 'absent' }
  | { status: 'undecided'; reason: string };

export interface LookUpRequest {
  phone: string;
  orderNo: string;
  /** When the refund was written to the journal; no send can have happened before. */
  since: Date;
  now: Date;
}

/**
 * Searches the member's log, first among POS refunds and then among all types (in case the
 * server files the refund differently), for entries whose businessNo is the order number.
 * `absent` means every page of both searches was read and none matched. The dates run from the
 * day before `since` to the day after `now`, because the server's days are China time and the
 * till's clock may be in another zone. Throws the client's VipaxError when a page cannot be read.
 */
export async function lookUpRefund(client: VipaxClient, request: LookUpRequest): Promise<LookUpResult> {
  const dayMs = 24 * 3600 * 1000;
  const from = formatLocalDay(new Date(request.since.getTime() - dayMs));
  const to = formatLocalDay(new Date(request.now.getTime() + dayMs));

  let undecided: string | null = null;
  for (const businessType of [POS_REFUND_TYPE, undefined] as const) {
    const search = await searchLog(client, { phone: request.phone, from, to, businessType, orderNo: request.orderNo });
    if (search.status === 'found') return search;
    if (search.status === 'undecided') undecided = search.reason;
  }
  return undecided === null ? { status: 'absent' } : { status: 'undecided', reason: undecided };
}

interface Search {
  phone: string;
  from: string;
  to: string;
  businessType: typeof POS_REFUND_TYPE | undefined;
  orderNo: string;
}

async function searchLog(client: VipaxClient, search: Search): Promise<LookUpResult> {
  const matches: LogEntry[] = [];
  let read = 0;
  let totalCount = 0;

  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const page = await client.getPaidConsumeLog({
      phone: search.phone,
      from: search.from,
      to: search.to,
      businessType: search.businessType,
      pageNo,
      pageSize: PAGE_SIZE,
    });
    if (pageNo === 0) totalCount = page.totalCount;
    read += page.entries.length;
    matches.push(...page.entries.filter((entry) => entry.businessNo === search.orderNo && !isDebitEntry(entry)));

    const lastPage = page.entries.length === 0 || pageNo + 1 >= page.totalPage;
    if (lastPage) break;
  }

  if (matches.length > 0) return { status: 'found', entries: matches };
  // Fewer entries than the server counted means a page went missing: absence is not proven.
  if (read < totalCount) {
    return { status: 'undecided', reason: `read ${read} of ${totalCount} log entries` };
  }
  return { status: 'absent' };
}

/**
 * Log entry types that take from a balance: 3 mall purchase, 5 store POS purchase, 8 manual
 * deduction, 9 店客源 purchase. An entry of these types is never the refund, even with its order
 * number, because the manual does not promise order numbers unique across entry types.
 */
const DEBIT_BUSINESS_TYPES: ReadonlySet<number> = new Set([3, 5, 8, 9]);

function isDebitEntry(entry: LogEntry): boolean {
  return entry.businessType !== null && DEBIT_BUSINESS_TYPES.has(entry.businessType);
}
