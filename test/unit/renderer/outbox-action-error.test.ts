import { describe, expect, it } from 'vitest';
import type { IpcError } from '../../../common/contract';
import { createI18n } from '../../../renderer/i18n';
import { actionErrorText } from '../../../renderer/screens/outbox/action-error';

// The error main sends when the journal rejects cancelling an entry whose last send may have
// been applied.
const cancelRejected: IpcError = {
  code: 'unknown-outcome',
  message: 'Entry 7 may have reached the server, so it cannot be cancelled until the look-up settles it',
};

describe('outbox action error text', () => {
  it('explains a rejected cancel in Chinese', () => {
    const { t } = createI18n('zh-CN');

    expect(actionErrorText(t, 'cancel', cancelRejected)).toBe(
      '不能取消：上次发送的结果未知，会员服务器可能已经入账。请等收银机查询会员服务器的交易流水、确认结果后再取消。',
    );
  });

  it('explains a rejected cancel in English', () => {
    const { t } = createI18n('en');

    expect(actionErrorText(t, 'cancel', cancelRejected)).toBe(
      "Cannot cancel: the last send has an unknown outcome, so the server may have applied it. Cancel only after the till has checked the server's log.",
    );
  });

  it('keeps the generic text for a retry', () => {
    const { t } = createI18n('zh-CN');

    expect(actionErrorText(t, 'retry', cancelRejected)).toBe('操作没有成功：会员服务器没有回应，结果未知。');
  });

  it('keeps the generic text for other cancel errors', () => {
    const { t } = createI18n('zh-CN');

    expect(actionErrorText(t, 'cancel', { code: 'busy', message: 'Entry 7 is being sent' })).toBe(
      '操作没有成功：上一笔操作仍在处理，请稍候再试。',
    );
  });
});
