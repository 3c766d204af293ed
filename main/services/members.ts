import { PHONE_PATTERN, type MemberView } from '../../common/contract';
import { normalizeTypedText } from '../../common/typed-text';
import { TillError } from '../ipc/errors';
import { createLogger, type Logger } from '../logging/logger';
import { isVipaxError } from '../vipax/errors';
import type { Member, MemberQuery, VipaxClient } from '../vipax/types';
import { toMemberView } from './member-view';
import type { OnlineMonitor } from './online-status';

// Member lookup: a scanned card number goes to customer.get as `vip_no`, and 11 digits starting
// with 1 go as `mobile`. Failures keep their own codes: `not-found` from here, and the client's
// `network`, `unknown-outcome` and `rejected` (with the server's message) as they come.

export interface MemberLookup {
  query: string;
  by: 'auto' | 'card' | 'phone';
}

export interface MemberService {
  /** Finds the members for a scan or a typed phone number. Throws TillError `not-found` when none. */
  lookup(request: MemberLookup): Promise<MemberView[]>;
  /** Reads one member again by card number, checking it is still the member with `customerId`. */
  readMember(cardNo: string, customerId: string): Promise<Member>;
}

export interface MemberServiceOptions {
  client: VipaxClient;
  /** Told about each read's outcome, so a failed read starts an immediate connection check. */
  monitor?: Pick<OnlineMonitor, 'reportSuccess' | 'reportFailure'>;
  logger?: Logger;
}

export function createMemberService(options: MemberServiceOptions): MemberService {
  const { client, monitor } = options;
  const logger = options.logger ?? createLogger('members');

  async function getMembers(query: MemberQuery): Promise<Member[]> {
    try {
      const members = await client.getMembers(query);
      monitor?.reportSuccess();
      return members;
    } catch (error) {
      if (isVipaxError(error) && (error.kind === 'network' || error.kind === 'unknown-outcome')) {
        monitor?.reportFailure(error);
      }
      throw error;
    }
  }

  async function lookup(request: MemberLookup): Promise<MemberView[]> {
    // A full-width phone number ("１３９…") must search by phone, so normalize before testing it.
    const text = normalizeTypedText(request.query);
    const byPhone = request.by === 'phone' || (request.by === 'auto' && PHONE_PATTERN.test(text));
    if (request.by === 'phone' && !PHONE_PATTERN.test(text)) {
      throw new TillError('invalid-input', 'A phone number must be 11 digits starting with 1', 'query');
    }

    const query: MemberQuery = byPhone ? { phone: text } : { cardNo: text };
    let found: Member[];
    try {
      found = await getMembers(query);
    } catch (error) {
      if (!isMemberNotFound(error)) throw error;
      found = [];
    }

    const members = uniqueByCard(found);
    if (members.length === 0) {
      logger.info('Member not found', { by: byPhone ? 'phone' : 'card', query: text });
      throw new TillError('not-found', `No member with ${byPhone ? 'phone number' : 'card number'} ${text}`);
    }

    logger.info('Member found', { by: byPhone ? 'phone' : 'card', count: members.length });
    return members.map(toMemberView);
  }

  async function readMember(cardNo: string, customerId: string): Promise<Member> {
    let members: Member[];
    try {
      members = await getMembers({ cardNo });
    } catch (error) {
      if (!isMemberNotFound(error)) throw error;
      members = [];
    }
    const member = members.find((candidate) => candidate.customerId === customerId);
    if (member === undefined) {
      throw new TillError('not-found', `No member ${customerId} with card number ${cardNo}`);
    }
    return member;
  }

  return { lookup, readMember };
}

/**
 * Tells whether a rejection means "no such member". The server replies to an unknown card either with
 * an empty result or with a rejection such as "会员不存在" (member does not exist).
 * NOTE: the manual lists no error codes, so this matches the message text; the training server's
 * wording is the only one known.
 */
function isMemberNotFound(error: unknown): boolean {
  return isVipaxError(error) && error.kind === 'rejected' && /会员.*不存在|不存在.*会员/.test(error.details.serverMessage ?? '');
}

/** Drops repeats of a card, because the server may list the same member in `result` and `resultList`. */
function uniqueByCard(members: Member[]): Member[] {
  const seen = new Set<string>();
  return members.filter((member) => {
    const key = `${member.customerId}\u0000${member.cardNo}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
