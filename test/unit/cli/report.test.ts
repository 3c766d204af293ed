import { describe, expect, it } from 'vitest';
import { EXIT, reportOf } from '../../../main/cli/run';
import { VipaxError } from '../../../main/vipax/errors';

// The stderr line and exit status of failures that the command-line tests cannot provoke quickly.

describe('reportOf', () => {
  it('internal error in a read exits 4', () => {
    const report = reportOf(new TypeError('Cannot read properties of undefined'), 'en', 'stock');

    expect(report.exitCode).toBe(EXIT.unknownOutcome);
    expect(report.exitCode).toBe(4);
    expect(report.kind).toBe('internal');
    expect(report.message).toBe('Internal error: Cannot read properties of undefined');
  });

  it('internal error in a write exits 4', () => {
    const report = reportOf(new TypeError('Cannot read properties of undefined'), 'en', 'pay');

    expect(report.exitCode).toBe(EXIT.unknownOutcome);
  });

  it('internal error before a command exits 4', () => {
    expect(reportOf(new Error('boom'), 'en', null).exitCode).toBe(4);
    expect(reportOf(new Error('boom'), 'en', 'training-server').exitCode).toBe(4);
  });

  it('timed-out ping says it timed out', () => {
    const error = new VipaxError('unknown-outcome', 'No complete response from 127.0.0.1:1 within 15000 ms', { timeoutMs: 15_000 });
    const english = reportOf(error, 'en', 'ping');
    const chinese = reportOf(error, 'zh', 'ping');

    expect(english.exitCode).toBe(EXIT.unknownOutcome);
    expect(english.message).toBe('The server sent no complete response within 15 s. Check the server and try again.');
    expect(chinese.message).toBe('服务器在 15 秒内没有完整响应，请检查服务器后重试。');
  });

  it('timed-out payment says the outcome is unknown', () => {
    const error = new VipaxError('unknown-outcome', 'No complete response from 127.0.0.1:1 within 15000 ms', { timeoutMs: 15_000 });
    const chinese = reportOf(error, 'zh', 'pay');

    expect(chinese.kind).toBe('unknown-outcome');
    expect(chinese.exitCode).toBe(EXIT.unknownOutcome);
    expect(chinese.message).toBe('服务器在 15 秒内没有完整响应，结果未知，服务器可能已经处理了该请求。重试之前，请先用 log 命令按订单号核对交易流水。');
  });
});
