import { SUCCESS_MESSAGE } from './messages';
import { BUSINESS_TYPE_NAMES, type SimLogEntry, type SimMember } from './state';

// The shapes the training server sends, copied from the manual's samples rather than from its
// tables: `code` is the string "1" or "0", the text is in `message`, a member's balance is a
// string with six decimals ("9975.000000"), empty values are "" or the string "null", state and
// level are text. A client that reads these correctly reads the real server too.

export interface WireReply {
  code: '1' | '0';
  message: string;
  result: unknown;
  resultList?: unknown[];
}

export function success(result: unknown, resultList?: unknown[]): WireReply {
  return resultList === undefined
    ? { code: '1', message: SUCCESS_MESSAGE, result }
    : { code: '1', message: SUCCESS_MESSAGE, result, resultList };
}

export function failure(message: string): WireReply {
  return { code: '0', message, result: null };
}

/** Formats fen as a yuan string with six decimals, as the sample sends `point`: 997500 → "9975.000000". */
export function fenToSixDecimals(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}0000`;
}

/** Converts fen to a yuan number, as paidConsumeByPro and the log send money: 800 → 8, 1234 → 12.34. */
export function fenToYuanNumber(fen: number): number {
  // Division by 100 of an integer gives the nearest double to the two-decimal value.
  return fen / 100;
}

/** Formats a member as customer.get's `result` sample does, plus `cashPayRate`. */
export function memberToWire(member: SimMember): Record<string, unknown> {
  return {
    name: member.name,
    state: member.state === 'frozen' ? '冻结' : '正常',
    level: `${member.levelCode}--${member.levelName}`,
    levelName: member.levelName,
    username: member.name,
    employeeId: null,
    createTime: member.createTime,
    phone: member.phone ?? '',
    sex: sexToWire(member.sex),
    areaCode: member.cityCode,
    updateTime: member.updateTime,
    cardNo: member.cardNo,
    vipCardNo: member.offlineCardNo ?? '',
    point: fenToSixDecimals(member.balanceFen),
    exp: '',
    customerId: member.customerId,
    nickName: member.nickName ?? '',
    birthDate: member.birthday ?? 'null',
    storeId: member.storeId,
    openId: member.openId ?? '',
    registerChannelValue: null,
    shoutaoStatus: 'false',
    thirdPartyCode: null,
    registerChannel: null,
    registerType: null,
    parentStoreId: '',
    accrualPoint: String(member.points),
    logo: member.logo ?? '',
    remark: null,
    // Absent from the manual's table, but clients read it as the member's stored-value rate.
    // It is sent as a string, like the other numbers of this result.
    cashPayRate: String(member.discountRatePercent),
  };
}

/** Formats sex as customer.update takes `vip_sex`: "1" male, "2" female. */
function sexToWire(sex: SimMember['sex']): string | null {
  if (sex === null) return null;
  return sex === 'male' ? '1' : '2';
}

/** Formats a transaction log entry as getPaidConsumeLog's sample does, with money as yuan numbers. */
export function logEntryToWire(entry: SimLogEntry): Record<string, unknown> {
  return {
    customerId: entry.customerId,
    exchMoney: null,
    giveMoney: null,
    businessId: null,
    businessNo: entry.businessNo,
    payType: entry.payType,
    serialId: entry.serialId,
    phone: entry.phone,
    createTime: entry.createTime,
    updateTime: entry.createTime,
    changeMoney: fenToYuanNumber(entry.actualFen),
    consumeRechMoney: null,
    consumeGiveMoney: null,
    storeCurRechMoney: null,
    storeCurGiveMoney: null,
    businessType: entry.businessType,
    businessTypeValue: BUSINESS_TYPE_NAMES[entry.businessType] ?? null,
    rechLadderId: null,
    activityName: null,
    customerCurRechMoney: fenToYuanNumber(entry.balanceAfterFen),
    customerCurGiveMoney: 0,
  };
}
