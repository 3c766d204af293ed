import type { LogEntry, LogPage, LogQuery, PaymentResult, StoredValueRequest, VipaxClient } from '../../../main/vipax/types';

// A VipaxClient whose results a test writes down, for the outbox paths the training server cannot
// produce: a log whose pages disagree with its count, a client that throws something other than a
// VipaxError, a log that shows one refund twice. Everything else goes through the real client and
// training server in test/integration/outbox.

export interface ScriptedClient extends VipaxClient {
  logQueries: LogQuery[];
  refunds: StoredValueRequest[];
}

export function scriptedClient(script: {
  paidConsumeByPro?: (request: StoredValueRequest) => Promise<PaymentResult>;
  getPaidConsumeLog?: (query: LogQuery) => Promise<LogPage>;
}): ScriptedClient {
  const unexpected = (name: string) => () => Promise.reject(new Error(`${name} was not expected in this test`));
  const client: ScriptedClient = {
    logQueries: [],
    refunds: [],
    ping: unexpected('ping'),
    getMembers: unexpected('getMembers'),
    updateMember: unexpected('updateMember'),
    paidConsume: unexpected('paidConsume'),
    uploadOrder: unexpected('uploadOrder'),
    uploadReturn: unexpected('uploadReturn'),
    getStock: unexpected('getStock'),
    async paidConsumeByPro(request) {
      client.refunds.push(request);
      if (!script.paidConsumeByPro) throw new Error('paidConsumeByPro was not expected in this test');
      return script.paidConsumeByPro(request);
    },
    async getPaidConsumeLog(query) {
      client.logQueries.push(query);
      if (!script.getPaidConsumeLog) throw new Error('getPaidConsumeLog was not expected in this test');
      return script.getPaidConsumeLog(query);
    },
  };
  return client;
}

export function logEntry(businessNo: string, changeFen: number, serialId = `SER-${businessNo}`): LogEntry {
  return {
    serialId,
    customerId: 'MEMB20160901000102',
    phone: '13900000002',
    changeFen,
    businessNo,
    businessType: 6,
    businessTypeValue: '门店POS退款',
    createTime: '2026-12-04 15:30:12.000',
    payType: 3,
    customerCurrentRechargeFen: null,
    customerCurrentGiftFen: null,
  };
}

/** Splits `entries` into pages of `pageSize` as the server does, newest first. */
export function pagesOf(entries: LogEntry[], query: LogQuery, totalCount = entries.length): LogPage {
  const pageSize = query.pageSize ?? 50;
  const pageNo = query.pageNo ?? 0;
  return {
    entries: entries.slice(pageNo * pageSize, (pageNo + 1) * pageSize),
    totalCount,
    pageNo,
    pageSize,
    totalPage: Math.ceil(totalCount / pageSize),
  };
}
