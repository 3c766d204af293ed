// Turns VIPax responses into the normalized domain values of types.ts. The server's responses differ
// from its own manual (API manual 2.2) in ways this file accepts everywhere:
// - `code` is a string ("1"), a number or a boolean, and the text is in `msg` or `message`;
// - numbers arrive as strings ("9975.000000"), and "", null and "null" all mean no value;
// - states and levels arrive as text ("正常", "X004--X会员") where integers are documented;
// - a list sits in `result` or in `resultList`.
// Stored-value money is yuan on the wire and becomes integer fen here.
import { yuanToFen } from '../../common/money';
import { VipaxError } from './errors';
import type { HttpReply } from './transport';
import type {
  LogEntry,
  LogPage,
  Member,
  MemberState,
  OrderUploadResult,
  PaymentResult,
  ReturnResult,
  StockItem,
  StockPage,
} from './types';

/** A response in the API's JSON shape that lacks a value the domain needs, or contains one of the wrong kind. */
export class UnusableResponseError extends Error {
  override readonly name = 'UnusableResponseError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The parts of a successful response that the method parsers read. */
export interface SuccessEnvelope {
  result: unknown;
  resultList: unknown;
}


/** Words in a rejection that mean the order number was used before. */
const DUPLICATE_MESSAGE = /重复|已存在|duplicate/i;

/** What the caller sends: a write's code that is neither a number nor a boolean says nothing about its outcome. */
export interface ReplyOptions {
  write?: boolean;
}

/**
 * Reads an HTTP reply as an API response. Fails with `unknown-outcome` for a 5xx status or a body
 * that is not the API's JSON, and with `rejected` (message verbatim) for a code other than 1.
 * For a write, a code that is neither a number nor a boolean ("SUCCESS") also fails with
 * `unknown-outcome`, because a rejection would tell the caller the change was certainly not applied.
 */
export function readReply(reply: HttpReply, operation: string, options: ReplyOptions = {}): SuccessEnvelope {
  if (reply.status >= 500) {
    throw new VipaxError('unknown-outcome', `${operation}: the server failed with HTTP ${reply.status}`, {
      httpStatus: reply.status,
    });
  }

  let body: unknown;
  try {
    // A byte order mark is legal before UTF-8 text but not before JSON.
    body = parseJsonKeepingIntegers(reply.body.startsWith('\uFEFF') ? reply.body.slice(1) : reply.body);
  } catch {
    const contentType = reply.headers['content-type'] ?? 'no content type';
    const message = `${operation}: the response is not JSON (HTTP ${reply.status}, ${contentType}, ${reply.body.length} characters)`;
    throw new VipaxError('unknown-outcome', message, { httpStatus: reply.status });
  }

  const envelope = isRecord(body) ? body : {};
  const code = envelope.code;
  if (typeof code !== 'string' && typeof code !== 'number' && typeof code !== 'boolean') {
    throw new VipaxError('unknown-outcome', `${operation}: the response has no valid "code" (HTTP ${reply.status})`, {
      httpStatus: reply.status,
    });
  }

  const kind = classifyCode(code);
  if (kind === 'success') return { result: envelope.result, resultList: envelope.resultList };

  if (kind === 'word' && options.write === true) {
    const message = `${operation}: the response's "code" ${JSON.stringify(code)} is neither a number nor a boolean (HTTP ${reply.status})`;
    throw new VipaxError('unknown-outcome', message, { httpStatus: reply.status, serverCode: String(code) });
  }

  const serverCode = String(code);
  const serverMessage = firstText(envelope.msg, envelope.message);
  const message = serverMessage ?? `${operation}: rejected with code ${serverCode} and no message`;
  throw new VipaxError('rejected', message, {
    serverCode,
    ...(serverMessage === null ? {} : { serverMessage }),
    duplicate: serverMessage !== null && DUPLICATE_MESSAGE.test(serverMessage),
    httpStatus: reply.status,
  });
}

/**
 * Classifies a response code: `success` for 1 in any numeric spelling ("1", "1.0", "01") and true,
 * `failure` for any other number and false, `word` for other text ("SUCCESS", "").
 */
function classifyCode(code: string | number | boolean): 'success' | 'failure' | 'word' {
  if (typeof code === 'boolean') return code ? 'success' : 'failure';
  if (typeof code === 'number') return code === 1 ? 'success' : 'failure';

  const text = code.trim();
  if (DECIMAL.test(text)) return Number(text) === 1 ? 'success' : 'failure';
  if (text.toLowerCase() === 'true') return 'success';
  if (text.toLowerCase() === 'false') return 'failure';
  return 'word';
}

/** The third argument V8 passes to a JSON.parse reviver (Node 22 and later): the value's source text. */
interface ReviverContext {
  source?: string;
}

const INTEGER_SOURCE = /^-?\d+$/;

/**
 * A number token of 16 or more digits (the shortest that can exceed Number.MAX_SAFE_INTEGER) after
 * a colon, comma or bracket. Digits inside strings, as in a card number, rarely follow those.
 */
const LONG_NUMBER_TOKEN = /[:,[]\s*-?\d{16}/;

/**
 * Parses JSON, keeping an integer beyond Number.MAX_SAFE_INTEGER as its digits in a string, because
 * ids such as `12345678901234567890` would otherwise turn into a different number.
 */
function parseJsonKeepingIntegers(text: string): unknown {
  // A reviver makes JSON.parse several times slower, and only a body with a long number token can
  // hold an unsafe integer, so most bodies take the plain path.
  if (!LONG_NUMBER_TOKEN.test(text)) return JSON.parse(text);

  const reviver = (_key: string, value: unknown, context?: ReviverContext): unknown => {
    if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
    const source = context?.source;
    return source !== undefined && INTEGER_SOURCE.test(source) ? source : value;
  };
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
}

function firstText(...values: unknown[]): string | null {
  for (const value of values) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Field values

type RawRecord = Record<string, unknown>;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

function isNoValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return text === '' || text === 'null';
}

function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for null, an absent value and an object whose every field has no value (`{}`). */
function isEmptyResult(value: unknown): boolean {
  if (isNoValue(value)) return true;
  return isRecord(value) && Object.values(value).every(isNoValue);
}

/** Reads the fields of one raw object, naming `path` in every error. */
class FieldReader {
  constructor(
    private readonly raw: RawRecord,
    private readonly path: string,
  ) {}

  static of(value: unknown, path: string): FieldReader {
    if (!isRecord(value)) throw new UnusableResponseError(path, `${path} is not an object`);
    return new FieldReader(value, path);
  }

  private fail(name: string, problem: string): never {
    throw new UnusableResponseError(`${this.path}.${name}`, `${this.path}.${name} ${problem}`);
  }

  has(name: string): boolean {
    return !isNoValue(this.raw[name]);
  }

  text(name: string): string | null {
    const value = this.raw[name];
    if (isNoValue(value)) return null;
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return null;
  }

  requiredText(name: string): string {
    const value = this.raw[name];
    if (isNoValue(value)) this.fail(name, 'is missing');
    return this.text(name) ?? this.fail(name, `is not text (${typeof value})`);
  }

  /** Reads a number sent as a number or as decimal text. Anything else counts as no value. */
  number(name: string): number | null {
    const value = this.raw[name];
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
    return null;
  }

  requiredNumber(name: string): number {
    if (!this.has(name)) this.fail(name, 'is missing');
    return this.number(name) ?? this.fail(name, `is not a number (${JSON.stringify(this.raw[name])})`);
  }

  integer(name: string): number | null {
    const value = this.number(name);
    return value !== null && Number.isSafeInteger(value) ? value : null;
  }

  /** Reads a yuan amount as fen. Anything that is not a decimal counts as no value. */
  fen(name: string): number | null {
    const value = this.raw[name];
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    if (isNoValue(value)) return null;
    return yuanToFen(value);
  }

  requiredFen(name: string): number {
    if (!this.has(name)) this.fail(name, 'is missing');
    return this.fen(name) ?? this.fail(name, `is not a yuan amount (${JSON.stringify(this.raw[name])})`);
  }
}

// ---------------------------------------------------------------------------------------------
// customer.get

const ACTIVE_STATES = new Set(['正常', '0', 'active', 'normal']);

/**
 * Maps the member state. The manual documents 0 normal and 1 frozen; the server sends "正常" and
 * "冻结". Any other state (an unknown word such as "注销") counts as frozen, so that a card whose
 * state is not plainly normal cannot pay.
 */
function readMemberState(fields: FieldReader): MemberState {
  const state = fields.requiredText('state');
  return ACTIVE_STATES.has(state.toLowerCase()) ? 'active' : 'frozen';
}

/** Extracts the level name from the level, which is documented as 1..6 but sent as "X004--X会员". */
function levelNameFromLevel(level: string | null): string | null {
  if (level === null) return null;
  const separator = level.indexOf('--');
  if (separator >= 0) return level.slice(separator + 2).trim() || null;
  return /^\d+$/.test(level) ? null : level;
}

/**
 * Reads `cashPayRate`, the percentage the member pays (80 = 8折). Values outside 1..100 count as
 * unknown: a fraction such as 0.8 may mean 80 or 0.8, and showing either could be wrong.
 */
function readDiscountRate(fields: FieldReader, name: string): number | null {
  const rate = fields.number(name);
  return rate !== null && rate >= 1 && rate <= 100 ? rate : null;
}

export function parseMember(raw: unknown, path: string): Member {
  const fields = FieldReader.of(raw, path);
  return {
    customerId: fields.requiredText('customerId'),
    cardNo: fields.requiredText('cardNo'),
    offlineCardNo: fields.text('vipCardNo'),
    // The manual marks `username` as always present and `name` as optional.
    name: fields.text('name') ?? fields.text('username') ?? '',
    nickName: fields.text('nickName'),
    phone: fields.text('phone'),
    levelName: fields.text('levelName') ?? levelNameFromLevel(fields.text('level')),
    balanceFen: fields.requiredFen('point'),
    accruedPoints: fields.number('accrualPoint'),
    discountRatePercent: readDiscountRate(fields, 'cashPayRate'),
    state: readMemberState(fields),
    storeId: fields.text('storeId'),
    openId: fields.text('openId'),
  };
}

/**
 * Returns every member of a customer.get response: `resultList` contains all cards of one phone and
 * `result` one of them (usually also in the list). An empty response means no member matched.
 */
export function parseMembers(envelope: SuccessEnvelope): Member[] {
  const { result, resultList } = envelope;
  if (!Array.isArray(resultList) && !isNoValue(resultList)) {
    throw new UnusableResponseError('resultList', 'resultList is not a list');
  }
  const listed = Array.isArray(resultList) ? resultList.map((raw, index) => parseMember(raw, `resultList[${index}]`)) : [];
  const sameMember = (a: Member, b: Member): boolean => a.customerId === b.customerId && a.cardNo === b.cardNo;

  // The members of `result` come first: they are the ones the server chose.
  let chosen: Member[];
  if (Array.isArray(result)) {
    chosen = result.map((raw, index) => parseMember(raw, `result[${index}]`));
  } else if (isEmptyResult(result)) {
    chosen = [];
  } else {
    chosen = [parseMember(result, 'result')];
  }

  const members: Member[] = [];
  for (const member of [...chosen, ...listed]) {
    if (!members.some((known) => sameMember(known, member))) members.push(member);
  }
  return members;
}

// ---------------------------------------------------------------------------------------------
// customer.paidConsumeByPro

/**
 * Reads the server's figures of a payment or refund. The order number and price are taken from the
 * request. A result naming a member other than `memberNo`, by member number (`code`) and by card
 * number, is unusable: the server may have charged someone else.
 */
export function parsePaymentResult(envelope: SuccessEnvelope, request: { memberNo: string; orderNo: string; priceFen: number }): PaymentResult {
  const fields = FieldReader.of(envelope.result, 'result');
  // The manual names the member number `code` in this result.
  const customerId = fields.requiredText('code');
  const cardNo = fields.requiredText('cardNo');
  if (customerId !== request.memberNo && cardNo !== request.memberNo) {
    throw new UnusableResponseError('result.code', `result.code names member ${customerId} (card ${cardNo}), not ${request.memberNo} as sent`);
  }

  return {
    orderNo: request.orderNo,
    customerId,
    cardNo,
    priceFen: request.priceFen,
    discountRatePercent: readDiscountRate(fields, 'cashPayRate'),
    discountFen: fields.requiredFen('payRateAmount'),
    actualPaymentFen: fields.requiredFen('actualPayment'),
  };
}

// ---------------------------------------------------------------------------------------------
// customer.getPaidConsumeLog

function parseLogEntry(raw: unknown, path: string): LogEntry {
  const fields = FieldReader.of(raw, path);
  return {
    serialId: fields.requiredText('serialId'),
    customerId: fields.text('customerId'),
    phone: fields.text('phone'),
    changeFen: fields.fen('changeMoney'),
    businessNo: fields.text('businessNo'),
    businessType: fields.integer('businessType'),
    businessTypeValue: fields.text('businessTypeValue'),
    createTime: fields.text('createTime'),
    payType: fields.integer('payType'),
    customerCurrentRechargeFen: fields.fen('customerCurRechMoney'),
    customerCurrentGiftFen: fields.fen('customerCurGiveMoney'),
  };
}

/** Finds the entry list: `result.data` as documented, else a list in `result` or `resultList`. */
function findLogEntries(envelope: SuccessEnvelope): { list: unknown[]; path: string } {
  if (isRecord(envelope.result) && Array.isArray(envelope.result.data)) return { list: envelope.result.data, path: 'result.data' };
  if (Array.isArray(envelope.result)) return { list: envelope.result, path: 'result' };
  if (Array.isArray(envelope.resultList)) return { list: envelope.resultList, path: 'resultList' };
  if (isEmptyResult(envelope.result) || (isRecord(envelope.result) && isNoValue(envelope.result.data))) {
    return { list: [], path: 'result.data' };
  }
  throw new UnusableResponseError('result.data', 'result.data is not a list');
}

/** Reads a log page. `requested` fills in the paging figures when the server leaves them out. */
export function parseLogPage(envelope: SuccessEnvelope, requested: { pageNo: number; pageSize: number }): LogPage {
  const { list, path } = findLogEntries(envelope);
  const entries = list.map((raw, index) => parseLogEntry(raw, `${path}[${index}]`));

  const paging = isRecord(envelope.result) ? FieldReader.of(envelope.result, 'result') : null;
  const pageSize = paging?.integer('pageSize') ?? requested.pageSize;
  const sentCount = paging?.integer('totalCount') ?? null;
  const totalCount = sentCount ?? entries.length;
  const pageNo = paging?.integer('pageNo') ?? requested.pageNo;
  return {
    entries,
    totalCount,
    pageNo,
    pageSize,
    totalPage: paging?.integer('totalPage') ?? derivedTotalPage(sentCount, entries.length, pageNo, pageSize),
  };
}

/**
 * Derives the page count when the server sent none. Without a total count, a full page may be
 * followed by more, so it counts one page beyond this one, and a caller that pages reads on
 * instead of taking a missing entry as absent.
 */
function derivedTotalPage(sentCount: number | null, entryCount: number, pageNo: number, pageSize: number): number {
  if (sentCount !== null) return Math.ceil(sentCount / pageSize);
  return entryCount >= pageSize ? pageNo + 2 : Math.ceil(entryCount / pageSize);
}

// ---------------------------------------------------------------------------------------------
// order.offlineUpload and order.offLineReturnUpload

function resultFields(envelope: SuccessEnvelope): FieldReader {
  return FieldReader.of(isNoValue(envelope.result) ? {} : envelope.result, 'result');
}

export function parseOrderUploadResult(envelope: SuccessEnvelope): OrderUploadResult {
  const fields = resultFields(envelope);
  return {
    platformOrderNo: fields.text('orderNo'),
    orderPoints: fields.number('orderPoint'),
    memberPoints: fields.number('customerPoint'),
  };
}

export function parseReturnResult(envelope: SuccessEnvelope): ReturnResult {
  const fields = resultFields(envelope);
  // NOTE: the manual documents no result for a return. These names follow the order upload's
  // result and the request's field names, so a server that uses other names yields nulls here.
  return {
    returnOrderNo: fields.text('returnOrderNo') ?? fields.text('return_order_no'),
    returnedPoints: fields.number('returnPoint') ?? fields.number('orderPoint'),
    memberPoints: fields.number('customerPoint'),
  };
}

// ---------------------------------------------------------------------------------------------
// goods.stockRealtime

function parseStockItem(raw: unknown, path: string): StockItem {
  const fields = FieldReader.of(raw, path);
  return {
    goodsCode: fields.requiredText('goods_code'),
    goodsName: fields.text('goods_name'),
    storeCode: fields.text('store_code'),
    storeName: fields.text('store_name'),
    stock: fields.requiredNumber('stock'),
    unitCode: fields.text('unit_code'),
    unitName: fields.text('unit_name'),
  };
}

/** Reads a stock page, whose list is in `result` (as in the manual's sample) or in `resultList`. */
export function parseStockPage(envelope: SuccessEnvelope, requested: { pageNo: number; pageSize: number }): StockPage {
  let list: unknown[];
  let path: string;
  if (Array.isArray(envelope.result)) {
    list = envelope.result;
    path = 'result';
  } else if (Array.isArray(envelope.resultList)) {
    list = envelope.resultList;
    path = 'resultList';
  } else if (isEmptyResult(envelope.result)) {
    list = [];
    path = 'result';
  } else {
    throw new UnusableResponseError('result', 'result is not a list of stock items');
  }

  return {
    items: list.map((raw, index) => parseStockItem(raw, `${path}[${index}]`)),
    pageNo: requested.pageNo,
    pageSize: requested.pageSize,
  };
}
