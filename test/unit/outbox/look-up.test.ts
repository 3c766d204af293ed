import { describe, expect, it } from 'vitest';

import { lookUpRefund } from '../../../main/outbox';
import { logEntry, pagesOf, scriptedClient } from './scripted-client';

const request = {
  phone: '13900000002',
  orderNo: 'S001-T01-20261204153012-0007',
  since: new Date(2026, 11, 4, 15, 30, 12),
  now: new Date(2026, 11, 4, 16, 0, 0),
};

function filler(count: number) {
  return Array.from({ length: count }, (_, index) => logEntry(`S001-T01-20261203090000-${String(index + 1).padStart(4, '0')}`, -100));
}

describe('lookUpRefund', () => {
  it('reads every page before calling it absent', async () => {
    const entries = filler(450);
    const client = scriptedClient({ getPaidConsumeLog: async (query) => pagesOf(entries, query) });

    const result = await lookUpRefund(client, request);

    expect(result).toEqual({ status: 'absent' });
    // Three pages of 199 for the POS refunds, then three for all types.
    expect(client.logQueries.map((query) => `${query.businessType ?? 'all'}:${query.pageNo}`)).toEqual([
      '6:0',
      '6:1',
      '6:2',
      'all:0',
      'all:1',
      'all:2',
    ]);
  });

  it('searches the day before to the day after', async () => {
    const client = scriptedClient({ getPaidConsumeLog: async (query) => pagesOf([], query) });

    await lookUpRefund(client, request);

    expect(client.logQueries[0]).toMatchObject({ phone: '13900000002', from: '2026-12-03', to: '2026-12-05', pageSize: 199 });
  });

  it('finds the refund on a later page', async () => {
    const entries = [...filler(300), logEntry(request.orderNo, -400)];
    const client = scriptedClient({ getPaidConsumeLog: async (query) => pagesOf(entries, query) });

    const result = await lookUpRefund(client, request);

    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.entries.map((entry) => entry.changeFen)).toEqual([-400]);
  });

  it('finds a refund filed under another type', async () => {
    const client = scriptedClient({
      getPaidConsumeLog: async (query) => pagesOf(query.businessType === 6 ? [] : [{ ...logEntry(request.orderNo, -400), businessType: 4 }], query),
    });

    const result = await lookUpRefund(client, request);

    expect(result.status).toBe('found');
  });

  it('ignores a payment entry with the refund number', async () => {
    const client = scriptedClient({
      getPaidConsumeLog: async (query) => pagesOf(query.businessType === 6 ? [] : [{ ...logEntry(request.orderNo, 400), businessType: 5 }], query),
    });

    const result = await lookUpRefund(client, request);

    expect(result).toEqual({ status: 'absent' });
  });

  it('stays undecided when pages miss entries', async () => {
    // The server counts 250 entries but its pages hold only 199.
    const entries = filler(199);
    const client = scriptedClient({ getPaidConsumeLog: async (query) => ({ ...pagesOf(entries, query, 250), totalPage: 1 }) });

    const result = await lookUpRefund(client, request);

    expect(result).toEqual({ status: 'undecided', reason: 'read 199 of 250 log entries' });
  });
});
