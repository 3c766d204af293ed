import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LOOKUP_TEXT_LENGTH } from '../../../common/contract';
import { errorText } from '../../lib/error-text';
import { LOG_RANGE_DAYS, useRefundStore, type LogRangeDays } from '../../stores/refund';
import { useTillStatusStore } from '../../stores/till-status';
import { PaymentTable } from './RefundablePayments';

/**
 * Reads a member's till payments from the VIPax transaction log, online only: for a payment made
 * on another day or at another till. The 原价 of such a payment is estimated from 实付 and the
 * member's rate, and the screen notes that.
 */
export function MemberLogSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [tooLong, setTooLong] = useState(false);
  const memberLog = useRefundStore((state) => state.memberLog);
  const searchMemberLog = useRefundStore((state) => state.searchMemberLog);
  const chooseLogMember = useRefundStore((state) => state.chooseLogMember);
  const logDays = useRefundStore((state) => state.logDays);
  const setLogDays = useRefundStore((state) => state.setLogDays);
  const online = useTillStatusStore((state) => state.status?.connection === 'online');

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault();
    // The input takes one character more than the limit, so an over-long scan is reported here
    // instead of being cut silently to a different card number.
    const isTooLong = text.trim().length > MAX_LOOKUP_TEXT_LENGTH;
    setTooLong(isTooLong);
    if (online && !isTooLong) void searchMemberLog(text);
  };

  return (
    <section className="refund-panel refund-member-log" aria-labelledby="refund-log-title" data-testid="refund-member-log" data-phase={memberLog.phase}>
      <h2 id="refund-log-title">{t('refund.memberLog.title')}</h2>
      <form className="search-row" role="search" onSubmit={handleSubmit}>
        <input
          id="refund-log-input"
          data-testid="refund-log-input"
          type="text"
          aria-label={t('refund.memberLog.label')}
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_LOOKUP_TEXT_LENGTH + 1}
          placeholder={t('refund.memberLog.placeholder')}
          disabled={!online}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <select
          data-testid="refund-log-days"
          aria-label={t('refund.memberLog.rangeLabel')}
          disabled={!online}
          value={logDays}
          onChange={(event) => setLogDays(Number(event.target.value) as LogRangeDays)}
        >
          {LOG_RANGE_DAYS.map((days) => (
            <option key={days} value={days}>
              {t('refund.memberLog.range', { days })}
            </option>
          ))}
        </select>
        <button type="submit" data-testid="refund-log-submit" disabled={!online || text.trim() === ''}>
          {t('refund.memberLog.submit')}
        </button>
      </form>
      {!online && (
        <p className="message message-hint" data-testid="refund-log-offline">
          {t('refund.memberLog.offline')}
        </p>
      )}

      {tooLong && (
        <p className="message message-error" role="alert" data-testid="refund-log-too-long">
          {t('member.lookupTooLong', { max: MAX_LOOKUP_TEXT_LENGTH })}
        </p>
      )}
      {memberLog.phase === 'searching' && <p className="message message-progress">{t('refund.memberLog.loading')}</p>}
      {memberLog.phase === 'failed' && (
        <p className="message message-error" role="alert" data-testid="refund-log-error">
          {memberLog.error.code === 'not-found' ? t('refund.memberLog.notFound') : errorText(t, memberLog.error)}
        </p>
      )}
      {memberLog.phase === 'choosing' && (
        <div className="log-chooser">
          <p>{t('refund.memberLog.choose', { count: memberLog.members.length })}</p>
          <div className="button-row">
            {memberLog.members.map((member) => (
              <button key={member.customerId} type="button" data-testid="refund-log-member" onClick={() => void chooseLogMember(member)}>
                {t('refund.memberLog.memberButton', { name: member.name, cardNo: member.cardNo })}
              </button>
            ))}
          </div>
        </div>
      )}
      {memberLog.phase === 'loaded' && (
        <>
          <p data-testid="refund-log-for">
            {t('refund.memberLog.for', { name: memberLog.member.name, cardNo: memberLog.member.cardNo, days: memberLog.days })}
          </p>
          {memberLog.payments.length === 0 ? (
            <p className="message message-hint" data-testid="refund-log-empty">
              {t('refund.memberLog.empty', { days: memberLog.days })}
            </p>
          ) : (
            <>
              <PaymentTable payments={memberLog.payments} showDate />
              <p className="note">{t('refund.memberLog.estimated')}</p>
            </>
          )}
        </>
      )}
    </section>
  );
}
