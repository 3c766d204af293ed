import { formatServerTime } from '../clock';
import { isMsg, optionalDate, optionalInteger, optionalPhone, optionalString, RejectedCall, requiredString, type Msg } from '../fields';
import { trainingMessages as text } from '../messages';
import { findMemberByCode, findMembersByPhone, type SimMember, type SimState } from '../state';
import { memberToWire, success } from '../wire';
import type { CallContext, MethodOutcome } from './context';

/** Rejects a call for another store than the server's: a till works for exactly one store. */
export function checkStoreCode(state: SimState, storeCode: string): void {
  if (storeCode !== state.store.code) throw new RejectedCall(text.storeNotFound(storeCode));
}

/**
 * customer.get: finds members by the first key given, in this order: vip_no (card number,
 * physical card number or customerId, since a scanned code may be any of them), mobile, openid,
 * user_id (customerId), other_id. `result` is the first match and `resultList` all of them;
 * only mobile can match several, in the order the cards were created.
 */
export function getCustomer(msg: Msg, { state }: CallContext): MethodOutcome {
  checkStoreCode(state, requiredString(msg, 'store_code'));

  const vipNo = optionalString(msg, 'vip_no');
  const mobile = optionalString(msg, 'mobile');
  const openId = optionalString(msg, 'openid');
  const userId = optionalString(msg, 'user_id');
  const otherId = optionalString(msg, 'other_id');

  let members: SimMember[];
  if (vipNo !== null) {
    members = listOf(findMemberByCode(state.members, vipNo));
  } else if (mobile !== null) {
    members = findMembersByPhone(state.members, mobile);
  } else if (openId !== null) {
    members = state.members.filter((member) => member.openId === openId);
  } else if (userId !== null) {
    members = state.members.filter((member) => member.customerId === userId);
  } else if (otherId !== null) {
    members = state.members.filter((member) => member.otherId === otherId);
  } else {
    throw new RejectedCall(text.memberKeyRequired);
  }

  const [first] = members;
  if (!first) throw new RejectedCall(text.memberNotFound);
  return { reply: success(memberToWire(first), members.map(memberToWire)), changed: false };
}

function listOf<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/**
 * customer.update: finds the member by user_id (wins), other_id, openid or mobile, in that order,
 * and changes the other fields given. A mobile number with several cards is rejected as a
 * key, because the server cannot tell which card is meant. `result` is empty (null).
 */
export function updateCustomer(msg: Msg, { state, now, timeZone }: CallContext): MethodOutcome {
  const userId = optionalString(msg, 'user_id');
  const otherId = optionalString(msg, 'other_id');
  const openId = optionalString(msg, 'openid');
  const mobile = optionalPhone(msg, 'mobile');
  const member = findMemberToUpdate(state, { userId, otherId, openId, mobile });

  // Read and check every field first, so a rejected update changes nothing.
  const changes: Partial<SimMember> = {};
  const cardNo = optionalString(msg, 'vip_no', 32);
  if (cardNo !== null) changes.cardNo = cardNo;
  const levelName = optionalString(msg, 'level_name');
  if (levelName !== null) {
    const level = state.levels.find((candidate) => candidate.name === levelName);
    if (!level) throw new RejectedCall(text.levelNotFound(levelName));
    changes.levelCode = level.code;
    changes.levelName = level.name;
    changes.discountRatePercent = level.discountRatePercent;
  }
  const unionId = optionalString(msg, 'union_id', 32);
  if (unionId !== null) changes.unionId = unionId;
  const birthday = optionalDate(msg, 'birthday');
  if (birthday !== null) changes.birthday = birthday;
  const logo = optionalString(msg, 'logo', 256);
  if (logo !== null) changes.logo = logo;
  const nickName = optionalString(msg, 'nick_name', 32);
  if (nickName !== null) changes.nickName = nickName;
  const offlineCardNo = optionalString(msg, 'vip_offline_no', 20);
  if (offlineCardNo !== null) changes.offlineCardNo = offlineCardNo;
  const name = optionalString(msg, 'vip_name', 32);
  if (name !== null) changes.name = name;
  const sex = optionalInteger(msg, 'vip_sex', { min: 1, max: 2 });
  if (sex !== null) changes.sex = sex === 1 ? 'male' : 'female';
  const cityCode = optionalString(msg, 'city_code', 6);
  if (cityCode !== null) changes.cityCode = cityCode;
  const address = optionalString(msg, 'detail_add', 50);
  if (address !== null) changes.address = address;
  const passwordMd5 = optionalString(msg, 'password', 32);
  if (passwordMd5 !== null) changes.passwordMd5 = passwordMd5;
  const storeCode = optionalString(msg, 'store_code');
  if (storeCode !== null) checkStoreCode(state, storeCode);
  const props = readProps(msg);

  // The keys not used to find the member are updated too (user_id is the customerId and stays).
  if (userId !== null && otherId !== null) changes.otherId = otherId;
  if (openId !== null && (userId !== null || otherId !== null)) changes.openId = openId;
  if (mobile !== null && (userId !== null || otherId !== null || openId !== null)) changes.phone = mobile;

  Object.assign(member, changes);
  Object.assign(member.props, props);
  member.updateTime = formatServerTime(now, timeZone);
  return { reply: success(null), changed: true };
}

function findMemberToUpdate(
  state: SimState,
  keys: { userId: string | null; otherId: string | null; openId: string | null; mobile: string | null },
): SimMember {
  let matches: SimMember[];
  if (keys.userId !== null) {
    matches = state.members.filter((member) => member.customerId === keys.userId);
  } else if (keys.otherId !== null) {
    matches = state.members.filter((member) => member.otherId === keys.otherId);
  } else if (keys.openId !== null) {
    matches = state.members.filter((member) => member.openId === keys.openId);
  } else if (keys.mobile !== null) {
    matches = findMembersByPhone(state.members, keys.mobile);
    if (matches.length > 1) throw new RejectedCall(text.phoneHasSeveralCards);
  } else {
    throw new RejectedCall(text.updateKeyRequired);
  }

  const [member] = matches;
  if (!member) throw new RejectedCall(text.memberNotFound);
  return member;
}

function readProps(msg: Msg): Record<string, string> {
  const value = msg.props;
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw new RejectedCall(text.invalidField('props'));

  const props: Record<string, string> = {};
  for (const prop of value) {
    if (!isMsg(prop)) throw new RejectedCall(text.invalidField('props'));
    const id = requiredString(prop, 'storePropId', 32);
    props[id] = optionalString(prop, 'value', 32) ?? '';
  }
  return props;
}
