import { describe, expect, it } from 'vitest';
import { formatServerTime, formatTimestamp, parseTimestamp } from '../../../main/training/clock';

describe('parseTimestamp', () => {
  it('reads ts as Asia/Shanghai wall clock', () => {
    expect(parseTimestamp('20261204153012', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-04T07:30:12.000Z');
  });

  it('reads ts in a zone with daylight saving', () => {
    expect(parseTimestamp('20260701120000', 'America/New_York')?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(parseTimestamp('20260115120000', 'America/New_York')?.toISOString()).toBe('2026-01-15T17:00:00.000Z');
  });

  it.each(['2026120415301', '20261304153012', '20260230120000', '20261204243000', '2026-12-04 15:30', ''])('rejects %j', (ts) => {
    expect(parseTimestamp(ts, 'Asia/Shanghai')).toBeNull();
  });
});

describe('formatTimestamp', () => {
  it('is the inverse of parseTimestamp', () => {
    const instant = new Date('2026-12-31T16:59:59.000Z');
    expect(formatTimestamp(instant, 'Asia/Shanghai')).toBe('20270101005959');
    expect(parseTimestamp('20270101005959', 'Asia/Shanghai')?.getTime()).toBe(instant.getTime());
  });
});

describe('formatServerTime', () => {
  it('formats as the manual samples do', () => {
    expect(formatServerTime(new Date('2016-09-01T06:08:51.137Z'), 'Asia/Shanghai')).toBe('2016-09-01 14:08:51.137');
  });

  it('writes midnight as 00, not 24', () => {
    expect(formatServerTime(new Date('2026-12-03T16:00:00.005Z'), 'Asia/Shanghai')).toBe('2026-12-04 00:00:00.005');
  });
});
