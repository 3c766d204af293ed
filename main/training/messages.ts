// Every message the training server sends in `message`. VIPax writes its messages in Chinese.
// They are the server's words, not the till's, so they live here and not in the locale files.
// Code that must recognise a message, such as a repeated order number, imports it from here.

/** The success message, as in the manual's samples. */
export const SUCCESS_MESSAGE = '操作成功!';

/** A repeated `orderNo` (stored value) or `order_no` (order upload). */
export const DUPLICATE_ORDER_NO_MESSAGE = '订单号重复';

/** A repeated `return_order_no`. */
export const DUPLICATE_RETURN_ORDER_NO_MESSAGE = '退单号重复';

export const trainingMessages = {
  success: SUCCESS_MESSAGE,
  duplicateOrderNo: DUPLICATE_ORDER_NO_MESSAGE,
  duplicateReturnOrderNo: DUPLICATE_RETURN_ORDER_NO_MESSAGE,

  // Envelope
  missingField: (field: string) => `缺少参数：${field}`,
  invalidAppid: 'appid 无效',
  invalidSign: '签名错误',
  invalidVersion: '版本号错误，当前版本为 2.0',
  invalidTimestamp: '时间戳格式错误，应为 yyyyMMddHHmmss',
  timestampOutOfWindow: '时间戳超出允许范围',
  invalidMsg: 'msg 不是有效的 JSON 对象',
  unknownMethod: (model: string, method: string) => `接口不存在：model=${model}, method=${method}`,
  internalError: '服务器内部错误',

  // Fields
  invalidField: (field: string) => `参数格式错误：${field}`,
  fieldTooLong: (field: string, maxLength: number) => `参数过长：${field} 最多 ${maxLength} 个字符`,
  memberKeyRequired: 'vip_no、mobile、openid、user_id、other_id 不能同时为空',
  updateKeyRequired: 'user_id、other_id、openid、mobile 不能同时为空',
  logKeyRequired: 'mobile 和 other_id 不能同时为空',
  consumeKeyRequired: 'mobile 和 wxConsumeNo 不能同时为空',
  returnMemberRequired: 'member_phone 和 member_card_no 不能同时为空',
  invalidPageSize: 'page_size 取值范围为 1-199',
  invalidPageNo: 'page_no 不能小于 0',
  invalidDateRange: '开始日期不能晚于结束日期',
  emptyGoods: 'goods 不能为空',

  // Business rules
  storeNotFound: (storeCode: string) => `门店不存在：${storeCode}`,
  memberNotFound: '会员不存在',
  phoneHasSeveralCards: '该手机号绑定多张会员卡，请使用会员号',
  levelNotFound: (levelName: string) => `会员等级不存在：${levelName}`,
  memberFrozen: '会员卡已冻结',
  insufficientBalance: '储值余额不足',
  zeroPrice: '消费金额不能为 0',
  oldOrderNoRequired: '储值退款必须填写原订单编号 oldOrderNo',
  originalPaymentNotFound: (orderNo: string) => `原订单不存在：${orderNo}`,
  originalPaymentOfOtherMember: (orderNo: string) => `原订单不属于该会员：${orderNo}`,
  overRefund: (leftYuan: string) => `退款金额超过可退金额，剩余可退 ${leftYuan} 元`,
  insufficientPoints: '积分不足',
  paidFeeAboveTotal: 'paid_fee 不能大于 total_fee',
  originalOrderNotFound: (orderNo: string) => `原订单不存在：${orderNo}`,
  originalOrderOfOtherMember: (orderNo: string) => `原订单不属于该会员：${orderNo}`,
  overReturn: (leftFen: number) => `退单金额超过原订单可退金额，剩余可退 ${leftFen} 分`,
} as const;
