import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatRequestTimestamp, formatWireDateTime, isValidTimeZone } from '../../../main/vipax/timestamp';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('formatRequestTimestamp', () => {
  it('formats an instant in Asia/Shanghai as yyyyMMddHHmmss', () => {
    expect(formatRequestTimestamp(new Date('2026-12-04T07:30:12.999Z'), 'Asia/Shanghai')).toBe('20261204153012');
  });

  it('rolls over the date and year at Shanghai midnight', () => {
    expect(formatRequestTimestamp(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('20270101000000');
    expect(formatRequestTimestamp(new Date('2026-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe('20261231235959');
  });

  it('follows the configured zone', () => {
    const instant = new Date('2026-07-01T00:00:00Z');
    expect(formatRequestTimestamp(instant, 'UTC')).toBe('20260701000000');
    expect(formatRequestTimestamp(instant, 'America/New_York')).toBe('20260630200000');
  });

  it('rejects an invalid Date', () => {
    expect(() => formatRequestTimestamp(new Date(Number.NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('ignores the machine zone', () => {
    // A child process in another zone must print the same Shanghai wall-clock time.
    const script = [
      "const { formatRequestTimestamp } = await import('./main/vipax/timestamp.ts');",
      "const local = new Date(Date.UTC(2026, 11, 4, 7, 30, 12)).toString();",
      "console.log(JSON.stringify({ ts: formatRequestTimestamp(new Date(Date.UTC(2026, 11, 4, 7, 30, 12)), 'Asia/Shanghai'), local }));",
    ].join('\n');
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      env: { ...process.env, TZ: 'America/Los_Angeles' },
      encoding: 'utf8',
    });
    const { ts, local } = JSON.parse(output) as { ts: string; local: string };

    expect(local).toContain('23:30:12');
    expect(ts).toBe('20261204153012');
  });
});

describe('formatWireDateTime', () => {
  it('formats yyyy-MM-dd HH:mm:ss in the zone', () => {
    expect(formatWireDateTime(new Date('2017-06-30T02:00:00Z'), 'Asia/Shanghai')).toBe('2017-06-30 10:00:00');
  });

  it('writes midnight as 00, not 24', () => {
    expect(formatWireDateTime(new Date('2026-03-01T16:00:05Z'), 'Asia/Shanghai')).toBe('2026-03-02 00:00:05');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Asia/Beijing')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
