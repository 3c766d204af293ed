import type { SimGoods, SimLevel, SimLogEntry, SimMember, SimOrder, SimState } from './state';

// The training server's starting data: fictional members, goods and history, the same on every
// start (no randomness), so tests can assert exact values. Phone numbers are 1390000xxxx, which
// are obviously fictional. Card numbers follow the manual's shapes: cardNo "CARD" + 12 digits,
// customerId "MEMB" + 14 digits.

export const DEFAULT_APPID = 'training-appid';
export const DEFAULT_SECRET = 'training-secret';
export const DEFAULT_STORE_CODE = 'S001';
export const STORE_NAME = '培训门店';

const LEVELS = {
  standard: { code: 'V001', name: '普通会员', discountRatePercent: 100 },
  silver: { code: 'V002', name: '银卡会员', discountRatePercent: 95 },
  gold: { code: 'V003', name: '金卡会员', discountRatePercent: 88 },
  diamond: { code: 'V004', name: '钻石会员', discountRatePercent: 80 },
} as const satisfies Record<string, SimLevel>;

type LevelKey = keyof typeof LEVELS;

interface MemberFixture {
  customerId: string;
  cardNo: string;
  offlineCardNo: string | null;
  name: string;
  phone: string;
  openId: string | null;
  otherId: string | null;
  levelName: string;
  discountRatePercent: number;
  balanceFen: number;
  points: number;
  state: 'active' | 'frozen';
}

function fixture(
  serial: string,
  name: string,
  phone: string,
  level: LevelKey,
  balanceFen: number,
  points: number,
  extra: Partial<Pick<MemberFixture, 'offlineCardNo' | 'openId' | 'otherId' | 'state'>> = {},
): MemberFixture {
  return {
    customerId: `MEMB20160901${serial.padStart(6, '0')}`,
    cardNo: `CARD20160901${serial.padStart(4, '0')}`,
    offlineCardNo: extra.offlineCardNo ?? null,
    name,
    phone,
    openId: extra.openId ?? null,
    otherId: extra.otherId ?? null,
    levelName: LEVELS[level].name,
    discountRatePercent: LEVELS[level].discountRatePercent,
    balanceFen,
    points,
    state: extra.state ?? 'active',
  };
}

/**
 * Named members for tests. Each value here is what a fresh training server contains.
 * - gold: active, rate 88, balance 1,234.56 yuan, has a physical card, openid, other id and history.
 * - diamond: rate 80, balance 5,000.00. silver: rate 95. standard: rate 100.
 * - frozen: 会员卡已冻结, with a balance, so only the state stops a payment.
 * - zeroBalance: active, balance 0.
 * - lowBalance: rate 80, balance 10.00, so 12.50 is the largest payment it can cover.
 * - sharedPhoneFirst / sharedPhoneSecond: two cards on one phone (13900000007).
 */
const memberFixtures = {
  gold: fixture('101', '王建国', '13900000001', 'gold', 123_456, 3_560, {
    offlineCardNo: 'VC2016000101',
    openId: 'oTRAIN0000000000000000101',
    otherId: 'ERP-000101',
  }),
  diamond: fixture('102', '李秀英', '13900000002', 'diamond', 500_000, 12_800, { otherId: 'ERP-000102' }),
  silver: fixture('103', '张伟', '13900000003', 'silver', 30_000, 420),
  standard: fixture('104', '刘洋', '13900000004', 'standard', 8_880, 0),
  frozen: fixture('105', '陈静', '13900000005', 'gold', 50_000, 900, { state: 'frozen' }),
  zeroBalance: fixture('106', '杨磊', '13900000006', 'standard', 0, 15),
  sharedPhoneFirst: fixture('107', '赵敏', '13900000007', 'silver', 20_000, 300),
  sharedPhoneSecond: fixture('108', '赵敏', '13900000007', 'gold', 5_000, 60),
  lowBalance: fixture('109', '黄丽', '13900000009', 'diamond', 1_000, 75),
} as const;

/** Members with no role in tests, so that lists and lookups are not trivially small. */
const otherMembers: MemberFixture[] = [
  fixture('110', '周杰', '13900000010', 'standard', 2_500, 40),
  fixture('111', '吴芳', '13900000011', 'silver', 66_600, 1_200),
  fixture('112', '徐强', '13900000012', 'gold', 150_000, 2_345),
  fixture('113', '孙丽娟', '13900000013', 'diamond', 888_800, 20_100),
  fixture('114', '马超', '13900000014', 'standard', 1_999, 5),
  fixture('115', '朱红', '13900000015', 'silver', 45_050, 610),
  fixture('116', '胡军', '13900000016', 'gold', 9_900, 150),
  fixture('117', '郭敏', '13900000017', 'standard', 12_345, 88),
  fixture('118', '何平', '13900000018', 'diamond', 320_000, 7_700),
  fixture('119', '高翔', '13900000019', 'silver', 700, 10),
  fixture('120', '林静', '13900000020', 'gold', 256_000, 4_096),
  fixture('121', '罗刚', '13900000021', 'standard', 100, 1),
  fixture('122', '梁燕', '13900000022', 'silver', 73_300, 980),
];

/** An earlier uploaded order of the gold member, for return tests. It earned 100 points. */
const earlierOrder = {
  orderNo: 'S001-T01-20251128160500-0003',
  platformOrderNo: 'VPO00000001',
  memberPhone: memberFixtures.gold.phone,
  memberCardNo: memberFixtures.gold.cardNo,
  totalFen: 10_000,
  paidFen: 10_000,
  orderPoints: 100,
} as const;

/**
 * An earlier stored-value payment of the gold member: price 100.00 at rate 88, so 88.00 was
 * taken, and 50.00 of the price was refunded since (44.00 given back). 50.00 is left to refund.
 */
const earlierPayment = {
  orderNo: 'S001-T01-20251128153012-0001',
  customerId: memberFixtures.gold.customerId,
  priceFen: 10_000,
  actualFen: 8_800,
  refundOrderNo: 'S001-T01-20251129091240-0002',
  refundedPriceFen: 5_000,
  refundedActualFen: 4_400,
  leftToRefundFen: 5_000,
} as const;

const goodsRows: SimGoods[] = [
  { goodsCode: '8', goodsName: '可乐', stock: -0.04, unitCode: '1029', unitName: '份' },
  { goodsCode: '1105001', goodsName: '咖啡豆 500g/包', stock: -1.782, unitCode: '1004', unitName: 'g' },
  { goodsCode: '1105003', goodsName: '黑布朗万寿菊 1000g/罐', stock: -5.346, unitCode: '1004', unitName: 'g' },
  { goodsCode: 'G0001', goodsName: '矿泉水 550ml', stock: 120, unitCode: '1001', unitName: '瓶' },
  { goodsCode: 'G0002', goodsName: '牛肉面', stock: 35.5, unitCode: '1029', unitName: '份' },
  { goodsCode: 'G0003', goodsName: '全麦面包', stock: 0, unitCode: '1002', unitName: '个' },
  { goodsCode: 'G0004', goodsName: '纯牛奶 1L', stock: 48, unitCode: '1003', unitName: '盒' },
  { goodsCode: 'G0005', goodsName: '红富士苹果', stock: 12.75, unitCode: '1005', unitName: 'kg' },
  { goodsCode: 'G0006', goodsName: '鸡蛋', stock: 360, unitCode: '1002', unitName: '个' },
  { goodsCode: 'G0007', goodsName: '东北大米 5kg/袋', stock: 20, unitCode: '1006', unitName: '袋' },
  { goodsCode: 'G0008', goodsName: '原味酸奶', stock: -2, unitCode: '1007', unitName: '杯' },
  { goodsCode: 'G0009', goodsName: '绿茶 500ml', stock: 64, unitCode: '1001', unitName: '瓶' },
];

/**
 * Everything a test may assert about a fresh training server with default options.
 * The server's seed is built from these same values, so they cannot drift apart.
 */
export const seedFixtures = deepFreeze({
  appid: DEFAULT_APPID,
  secret: DEFAULT_SECRET,
  storeCode: DEFAULT_STORE_CODE,
  storeName: STORE_NAME,
  levels: LEVELS,
  members: memberFixtures,
  /** The phone number with two cards: sharedPhoneFirst (returned first) and sharedPhoneSecond. */
  sharedPhone: '13900000007',
  /** A card number and a phone number that no member has. */
  unknownCardNo: 'CARD209901019999',
  unknownPhone: '13900009999',
  memberCount: Object.keys(memberFixtures).length + otherMembers.length,
  earlierPayment,
  earlierOrder,
  goods: {
    /** Negative fractional stock, as in the manual's sample. */
    cola: goodsRows[0]!,
    fractional: goodsRows[2]!,
    water: goodsRows[3]!,
    count: goodsRows.length,
  },
  /** Number of log entries in the seed. They belong to the gold, diamond and sharedPhoneFirst members. */
  logEntryCount: 6,
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

const MEMBER_CREATED = '2016-09-01 14:08:51.137';

function toSimMember(row: MemberFixture, index: number): SimMember {
  const level = Object.values(LEVELS).find((candidate) => candidate.name === row.levelName)!;
  return {
    customerId: row.customerId,
    cardNo: row.cardNo,
    offlineCardNo: row.offlineCardNo,
    name: row.name,
    nickName: null,
    phone: row.phone,
    openId: row.openId,
    otherId: row.otherId,
    unionId: null,
    levelCode: level.code,
    levelName: level.name,
    discountRatePercent: level.discountRatePercent,
    balanceFen: row.balanceFen,
    points: row.points,
    state: row.state,
    storeId: 'C625',
    sex: index % 2 === 0 ? 'male' : 'female',
    birthday: index % 3 === 0 ? null : `19${70 + index}-0${(index % 9) + 1}-1${index % 10}`,
    cityCode: '320200',
    address: null,
    logo: null,
    passwordMd5: null,
    props: {},
    createTime: MEMBER_CREATED,
    updateTime: MEMBER_CREATED,
  };
}

function seedLog(storeCode: string): SimLogEntry[] {
  const gold = memberFixtures.gold;
  const base = { storeCode, remark: null, payType: 3, originalOrderNo: null };
  const entry = (serial: number, fields: Omit<SimLogEntry, 'serialId' | 'storeCode' | 'remark' | 'payType' | 'originalOrderNo'> & Partial<SimLogEntry>): SimLogEntry => ({
    ...base,
    serialId: serialIdFor(serial),
    ...fields,
  });

  // The gold member's history ends at its current balance: 0 + 2000.00 − 88.00 + 44.00 − 721.44 = 1234.56.
  return [
    entry(1, { customerId: gold.customerId, phone: gold.phone, businessType: 7, businessNo: 'TOPUP-20251120-0001', priceFen: 200_000, actualFen: 200_000, discountRatePercent: 100, balanceAfterFen: 200_000, createTime: '2025-11-20 10:00:00.000' }),
    entry(2, { customerId: gold.customerId, phone: gold.phone, businessType: 5, businessNo: earlierPayment.orderNo, priceFen: 10_000, actualFen: 8_800, discountRatePercent: 88, balanceAfterFen: 191_200, createTime: '2025-11-28 15:30:12.345' }),
    entry(3, { customerId: gold.customerId, phone: gold.phone, businessType: 6, businessNo: earlierPayment.refundOrderNo, originalOrderNo: earlierPayment.orderNo, priceFen: -5_000, actualFen: -4_400, discountRatePercent: 88, balanceAfterFen: 195_600, createTime: '2025-11-29 09:12:40.120' }),
    entry(4, { customerId: gold.customerId, phone: gold.phone, businessType: 3, businessNo: 'MALL-20251201-7781', priceFen: 81_982, actualFen: 72_144, discountRatePercent: 88, balanceAfterFen: 123_456, createTime: '2025-12-01 18:45:00.500' }),
    entry(5, { customerId: memberFixtures.diamond.customerId, phone: memberFixtures.diamond.phone, businessType: 7, businessNo: 'TOPUP-20251121-0002', priceFen: 500_000, actualFen: 500_000, discountRatePercent: 100, balanceAfterFen: 500_000, createTime: '2025-11-21 11:20:30.000' }),
    entry(6, { customerId: memberFixtures.sharedPhoneFirst.customerId, phone: memberFixtures.sharedPhoneFirst.phone, businessType: 7, businessNo: 'TOPUP-20251122-0003', priceFen: 20_000, actualFen: 20_000, discountRatePercent: 100, balanceAfterFen: 20_000, createTime: '2025-11-22 16:05:00.000' }),
  ];
}

function seedOrders(storeCode: string): SimOrder[] {
  return [
    {
      orderNo: earlierOrder.orderNo,
      platformOrderNo: earlierOrder.platformOrderNo,
      customerId: memberFixtures.gold.customerId,
      storeCode,
      totalFen: earlierOrder.totalFen,
      paidFen: earlierOrder.paidFen,
      couponFen: 0,
      pointsUsed: 0,
      orderPoints: earlierOrder.orderPoints,
      payType: 3,
      createTime: '2025-11-28 15:30:00',
      payTime: '2025-11-28 15:30:12',
      tradeNo: null,
      remark: null,
      goods: [{ goodsCode: 'G0002', skuCode: 'G0002-1', priceFen: 2_500, discountedPriceFen: 10_000, count: 4 }],
      returnedFen: 0,
      pointReturnedFen: 0,
      pointsTakenBack: 0,
      uploadTime: '2025-11-28 15:31:00.000',
    },
  ];
}

/** Formats a deterministic, UUID-shaped serial id, like the manual's "06C90023-B374-…". */
export function serialIdFor(sequence: number): string {
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
}

/** Builds a fresh copy of the seed for a server whose store has `storeCode`. */
export function createSeedState(storeCode: string): SimState {
  const rows = [...Object.values(memberFixtures), ...otherMembers];
  return {
    version: 1,
    store: { code: storeCode, name: STORE_NAME },
    levels: Object.values(LEVELS).map((level) => ({ ...level })),
    members: rows.map(toSimMember),
    log: seedLog(storeCode),
    orders: seedOrders(storeCode),
    returns: [],
    goods: goodsRows.map((row) => ({ ...row })),
    sequences: { serial: seedFixtures.logEntryCount, order: 1, return: 0 },
  };
}
