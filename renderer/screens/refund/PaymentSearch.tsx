import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefundStore } from '../../stores/refund';

/**
 * Shows the order-number search. A whole order number finds that payment on any day and opens it;
 * part of one (e.g. its last digits) filters today's list. A scanned receipt does the same.
 */
export function PaymentSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useRefundStore((state) => state.search);
  const loadToday = useRefundStore((state) => state.loadToday);
  const showingDay = useRefundStore((state) => state.list.query.kind === 'day');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void search(text);
  };

  const showToday = (): void => {
    setText('');
    void loadToday();
    input.current?.focus();
  };

  return (
    <form className="refund-panel refund-search" role="search" onSubmit={handleSubmit}>
      <label htmlFor="refund-search-input">{t('refund.search.label')}</label>
      <div className="search-row">
        <input
          ref={input}
          id="refund-search-input"
          data-testid="refund-search-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          placeholder={t('refund.search.placeholder')}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" data-testid="refund-search-submit" disabled={text.trim() === ''}>
          {t('refund.search.submit')}
        </button>
        <button type="button" data-testid="refund-show-today" disabled={showingDay && text === ''} onClick={showToday}>
          {t('refund.search.showToday')}
        </button>
      </div>
    </form>
  );
}
