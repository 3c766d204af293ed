// Every sentence the `vipax` command prints on stderr or for --help, in Simplified Chinese and
// English. The command picks the language from the POSIX locale variables.

export type Locale = 'zh' | 'en';

/**
 * Picks Chinese when the effective message locale is Chinese. The first non-empty variable of
 * LC_ALL, LC_MESSAGES and LANG decides, in the order POSIX gives them precedence.
 */
export function detectLocale(env: NodeJS.ProcessEnv): Locale {
  const effective = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return effective !== undefined && /^zh/i.test(effective) ? 'zh' : 'en';
}

type Template = { zh: string; en: string };

/** Templates with {name} placeholders. */
const templates = {
  missingCommand: { zh: '缺少命令。运行 vipax --help 查看用法。', en: 'Missing command. Run vipax --help for usage.' },
  unknownCommand: { zh: '未知命令 "{command}"。运行 vipax --help 查看命令列表。', en: 'Unknown command "{command}". Run vipax --help for the list of commands.' },
  badArguments: { zh: '参数无效：{detail}。运行 vipax --help 查看用法。', en: 'Invalid arguments: {detail}. Run vipax --help for usage.' },
  optionNotForCommand: { zh: '命令 {command} 不接受选项 {option}。', en: 'Command {command} does not take option {option}.' },
  missingOption: { zh: '缺少选项 {option}。', en: 'Missing option {option}.' },
  emptyOption: { zh: '选项 {option} 的值为空。', en: 'Option {option} is empty: give it a value.' },
  unknownOption: { zh: '未知选项 {option}。运行 vipax --help 查看用法。', en: 'Unknown option {option}. Run vipax --help for usage.' },
  missingOptionValue: { zh: '选项 {option} 缺少值。', en: 'Option {option} needs a value.' },
  optionValueStartsWithDash: {
    zh: '选项 {option} 的值以 "-" 开头，请写成 {option}=值，例如 {option}=-1。',
    en: 'The value of option {option} starts with "-": write it as {option}=VALUE, such as {option}=-1.',
  },
  portInUse: {
    zh: '127.0.0.1 的端口 {port} 已被占用或不允许使用，请用 --port 换一个端口，或用 --port 0 自动选择。',
    en: 'Port {port} on 127.0.0.1 is in use or not permitted: choose another with --port, or --port 0 for any free port.',
  },
  dataFileUnusable: {
    zh: '无法使用数据文件 {file}（{code}），请确认其所在文件夹存在且可写。',
    en: 'Cannot use the data file {file} ({code}): check that its folder exists and is writable.',
  },
  exactlyOneOption: { zh: '请只给出以下选项之一：{options}。', en: 'Give exactly one of {options}.' },
  missingSetting: { zh: '缺少连接设置：请设置环境变量 {env} 或使用选项 {flag}。', en: 'Missing connection setting: set {env} or pass {flag}.' },
  missingSecret: { zh: '缺少密钥：请设置环境变量 VIPAX_SECRET，或用 --secret-stdin 从标准输入读取。', en: 'Missing secret: set VIPAX_SECRET or pass --secret-stdin and write it to standard input.' },
  notInteger: { zh: '{option} 必须是非负整数，收到 "{value}"。', en: '{option} must be a whole number of 0 or more, got "{value}".' },
  badPort: { zh: '--port 必须是 0 到 65535 之间的整数，收到 "{value}"。', en: '--port must be a whole number from 0 to 65535, got "{value}".' },
  amountEmpty: { zh: '--amount 不能为空。', en: '--amount is empty.' },
  amountNotANumber: { zh: '--amount 必须是以元为单位的金额，例如 12.34，收到 "{value}"。', en: '--amount must be an amount in yuan such as 12.34, got "{value}".' },
  amountTooManyDecimals: { zh: '--amount 最多两位小数，收到 "{value}"。', en: '--amount takes at most two decimals, got "{value}".' },
  amountNotPositive: { zh: '--amount 必须大于 0，收到 "{value}"。', en: '--amount must be more than 0, got "{value}".' },
  amountTooLarge: { zh: '--amount 不能超过 1000000 元，收到 "{value}"。', en: '--amount must be at most 1000000 yuan, got "{value}".' },
  fileUnreadable: { zh: '无法读取文件 {file}：{detail}', en: 'Cannot read file {file}: {detail}' },
  fileNotJson: { zh: '文件 {file} 不是有效的 JSON：{detail}', en: 'File {file} is not valid JSON: {detail}' },
  fileNotObject: { zh: '文件 {file} 必须包含一个 JSON 对象。', en: 'File {file} must contain one JSON object.' },
  badFileTime: {
    zh: '{field} 必须是带时区的 ISO 8601 时间，例如 2026-12-04T15:30:12+08:00。',
    en: '{field} must be an ISO 8601 time with a zone offset, such as 2026-12-04T15:30:12+08:00.',
  },
  memberNotFound: { zh: '找不到卡号为 "{card}" 的会员。', en: 'No member has card "{card}".' },
  memberAmbiguous: {
    zh: '卡号 "{card}" 对应 {count} 个会员，请改用会员号（customerId）。',
    en: 'Card "{card}" matches {count} members. Use the member number (customerId) instead.',
  },
  secretStdinEmpty: { zh: '标准输入中没有密钥（--secret-stdin）。', en: 'Standard input held no secret (--secret-stdin).' },

  // The client's failure kinds.
  network: {
    zh: '网络故障，请求未送达服务器，可以稍后重试：{detail}',
    en: 'Network failure, the request did not reach the server and can be sent again later: {detail}',
  },
  unknownOutcomeWrite: {
    zh: '结果未知，服务器可能已经处理了该请求。重试之前，请先用 log 命令按订单号核对交易流水：{detail}',
    en: 'Outcome unknown, the server may have applied the request. Before sending it again, look the order number up with the log command: {detail}',
  },
  unknownOutcomeRead: { zh: '服务器的响应无法使用：{detail}', en: 'The server sent an unusable response: {detail}' },
  timedOutWrite: {
    zh: '服务器在 {seconds} 秒内没有完整响应，结果未知，服务器可能已经处理了该请求。重试之前，请先用 log 命令按订单号核对交易流水。',
    en: 'The server sent no complete response within {seconds} s, so the outcome is unknown and the request may have been applied. Before sending it again, look the order number up with the log command.',
  },
  timedOutRead: {
    zh: '服务器在 {seconds} 秒内没有完整响应，请检查服务器后重试。',
    en: 'The server sent no complete response within {seconds} s. Check the server and try again.',
  },
  rejected: { zh: '服务器拒绝了请求：{detail}', en: 'The server rejected the request: {detail}' },
  internal: { zh: '内部错误：{detail}', en: 'Internal error: {detail}' },
  urlInvalid: {
    zh: '{field} 无效，必须是以 http:// 或 https:// 开头的地址，例如 http://host:port/VipaxWS/ws。',
    en: '{field} is invalid ({detail}): give an http:// or https:// address such as http://host:port/VipaxWS/ws.',
  },

  // Input rules of the client (VipaxError details.rule).
  ruleRequired: { zh: '{field} 不能为空。', en: '{field} is required.' },
  ruleTooLong: { zh: '{field} 最多 {limit} 个字符。', en: '{field} must be at most {limit} characters.' },
  rulePhone: { zh: '{field} 必须是以 1 开头的 11 位手机号码。', en: '{field} must be an 11-digit mobile number starting with 1.' },
  ruleInteger: { zh: '{field} 必须是整数。', en: '{field} must be a whole number.' },
  ruleTooSmall: { zh: '{field} 不能小于 {limit}。', en: '{field} must be at least {limit}.' },
  ruleTooLarge: { zh: '{field} 不能大于 {limit}。', en: '{field} must be at most {limit}.' },
  ruleNonZero: { zh: '{field} 不能为 0。', en: '{field} must not be zero.' },
  ruleDate: { zh: '{field} 必须是有效日期，格式 yyyy-MM-dd。', en: '{field} must be a real date written yyyy-MM-dd.' },
  ruleDateOrder: { zh: '{field} 不能晚于 {limit}。', en: '{field} must not be after {limit}.' },
  ruleChoice: { zh: '{field} 必须是以下值之一：{limit}。', en: '{field} must be one of {limit}.' },
  ruleOneOf: { zh: '请给出以下之一：{limit}。', en: 'Give one of {limit}.' },
  ruleConflict: { zh: '{field} 与其他参数冲突（{detail}）。', en: '{field} conflicts with another value ({detail}).' },
  ruleFormat: { zh: '{field} 格式无效（{detail}）。', en: '{field} is invalid ({detail}).' },
} satisfies Record<string, Template>;

export type MessageKey = keyof typeof templates;

/** Fills in one template in the given language. */
export function formatMessage(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: Template = templates[key];
  return template[locale].replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in params ? String(params[name]) : placeholder));
}

const HELP_EN = `Usage: npm run --silent vipax -- <command> [options]

Talks to a VIPax server as the till does and prints the result as JSON on stdout.

Connection (every command except training-server):
  VIPAX_URL, --url URL          API endpoint, e.g. http://host:port/VipaxWS/ws
  VIPAX_APPID, --appid ID       partner id issued by VIPax
  VIPAX_STORE_CODE, --store-code CODE
                                the till's store code
  VIPAX_BRAND_ID, --brand-id ID brand id, for merchants whose brands share one appid
  VIPAX_SECRET                  the secret; never a flag, so it stays out of shell history
  --secret-stdin                read the secret from standard input instead

Commands:
  training-server [--port N] [--data FILE]
      Start a training server on 127.0.0.1 (port 0 picks a free one), print one JSON line
      {url, appid, secret, storeCode} and serve until SIGINT or SIGTERM. --data keeps the
      state in FILE between runs.
  ping
      Send one signed read; print {latencyMs, clockOffsetMs}.
  member --card X | --phone X | --openid X | --user-id X | --other-id X
      Print the matching members as a JSON array; amounts in fen.
  pay --card X --amount YUAN --order-no N [--remark TEXT]
      Look the member up by card and take YUAN (e.g. 12.34) from the stored value.
  refund --card X --amount YUAN --order-no N --original-order-no M [--remark TEXT]
      Give back YUAN of the payment M; N is the refund's own order number.
  log --phone X | --other-id X [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--type 1-9]
      [--page N] [--page-size 1-199]
      Print one page of the member's transaction log.
  order --file F.json
      Upload a sales order. F.json holds memberPhone, orderNo, createTime, totalFen, paidFen,
      payType (1 Alipay, 2 WeChat, 3 other), payTime and goods [{goodsCode, skuCode, priceFen,
      discountedPriceFen, count}]; optional couponFen, pointsUsed, couponCodes, tradeNo, remark.
      Amounts are fen; times are ISO 8601 with a zone, e.g. 2026-12-04T15:30:12+08:00.
      Example: main/cli/examples/order.json.
  return --file F.json
      Upload a return. F.json holds memberPhone or memberCardNo, originalOrderNo,
      returnOrderNo, createTime, returnPoints (true/false), totalFen and goods [{goodsCode,
      skuCode, priceFen, count}]; optional returnCouponPoints, remark.
      Example: main/cli/examples/return.json.
  stock [--goods CODE] [--page N] [--page-size 1-199]
      Print one page of stock, of every item or of one goods code.

Exit status: 0 success, 1 rejected by the server or member not found, 2 invalid input or
usage, 3 network failure (not delivered), 4 unknown outcome (a write may have been applied)
or an internal error (stderr kind "internal").
Errors are one line on stderr, "kind: message", in Chinese when the locale is zh_*.
`;

const HELP_ZH = `用法：npm run --silent vipax -- <命令> [选项]

像收银机一样访问 VIPax 服务器，结果以 JSON 输出到标准输出。

连接设置（training-server 以外的所有命令）：
  VIPAX_URL、--url URL          接口地址，例如 http://host:port/VipaxWS/ws
  VIPAX_APPID、--appid ID       VIPax 分配的 appid
  VIPAX_STORE_CODE、--store-code CODE
                                本收银机所属门店代码
  VIPAX_BRAND_ID、--brand-id ID 品牌 id，多个品牌共用一个 appid 时填写
  VIPAX_SECRET                  密钥；不接受命令行选项，以免留在命令历史中
  --secret-stdin                改为从标准输入读取密钥

命令：
  training-server [--port N] [--data FILE]
      在 127.0.0.1 上启动培训服务器（端口 0 表示任选空闲端口），输出一行 JSON
      {url, appid, secret, storeCode}，直到收到 SIGINT 或 SIGTERM。--data 将数据保存在 FILE 中。
  ping
      发送一次签名的查询请求，输出 {latencyMs, clockOffsetMs}。
  member --card X | --phone X | --openid X | --user-id X | --other-id X
      以 JSON 数组输出匹配的会员；金额单位为分。
  pay --card X --amount 元 --order-no N [--remark 备注]
      按卡号查找会员，从储值余额中扣款（金额以元为单位，例如 12.34）。
  refund --card X --amount 元 --order-no N --original-order-no M [--remark 备注]
      退还原订单 M 的部分或全部金额；N 是退款自己的订单号。
  log --phone X | --other-id X [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--type 1-9]
      [--page N] [--page-size 1-199]
      输出会员交易流水的一页。
  order --file F.json
      上传销售订单。F.json 包含 memberPhone、orderNo、createTime、totalFen、paidFen、
      payType（1 支付宝，2 微信，3 其他）、payTime 和 goods [{goodsCode, skuCode, priceFen,
      discountedPriceFen, count}]；可选 couponFen、pointsUsed、couponCodes、tradeNo、remark。
      金额单位为分；时间为带时区的 ISO 8601，例如 2026-12-04T15:30:12+08:00。
      示例：main/cli/examples/order.json。
  return --file F.json
      上传退货单。F.json 包含 memberPhone 或 memberCardNo、originalOrderNo、returnOrderNo、
      createTime、returnPoints（true/false）、totalFen 和 goods [{goodsCode, skuCode,
      priceFen, count}]；可选 returnCouponPoints、remark。
      示例：main/cli/examples/return.json。
  stock [--goods CODE] [--page N] [--page-size 1-199]
      输出库存的一页，可以是全部商品或某个商品编码。

退出码：0 成功，1 服务器拒绝或会员不存在，2 输入或用法错误，3 网络故障（未送达），
4 结果未知（写入请求可能已处理）或内部错误（标准错误输出的类别为 "internal"）。
错误信息在标准错误输出中占一行，格式为 "类别: 信息"，区域设置为 zh_* 时使用中文。
`;

export function helpText(locale: Locale): string {
  return locale === 'zh' ? HELP_ZH : HELP_EN;
}
