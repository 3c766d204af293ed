import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { outboxKindSchema, type OutboxKindView, type OutboxStateView } from '../../../common/contract';
import { useOutboxStore } from '../../stores/outbox';
import { normalizeTypedText } from '../../../common/typed-text';

/** The state choices, in the order a person works through them. `open` is everything not finished. */
const STATE_FILTERS: readonly { id: string; states: readonly OutboxStateView[] | null }[] = [
  { id: 'all', states: null },
  { id: 'open', states: ['pending', 'sending', 'needs-attention', 'needs-review'] },
  { id: 'pending', states: ['pending'] },
  { id: 'sending', states: ['sending'] },
  { id: 'needs-attention', states: ['needs-attention'] },
  { id: 'needs-review', states: ['needs-review'] },
  { id: 'sent', states: ['sent'] },
  { id: 'cancelled', states: ['cancelled'] },
];

/** Filters the outbox list by state, by kind and by an exact order number. */
export function OutboxFilters() {
  const { t } = useTranslation();
  const filter = useOutboxStore((state) => state.filter);
  const setFilter = useOutboxStore((state) => state.setFilter);
  const [orderNoText, setOrderNoText] = useState(filter.orderNo ?? '');
  const activeStates = filter.states?.join(',') ?? null;

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const orderNo = normalizeTypedText(orderNoText);
    setFilter({ orderNo: orderNo === '' ? null : orderNo });
  };

  const clearOrderNo = (): void => {
    setOrderNoText('');
    setFilter({ orderNo: null });
  };

  return (
    <div className="outbox-filters">
      <div className="filter-chips" role="group" aria-label={t('outbox.screen.filter.stateLabel')}>
        {STATE_FILTERS.map((option) => {
          const pressed = (option.states?.join(',') ?? null) === activeStates;
          return (
            <button
              key={option.id}
              type="button"
              className="chip"
              data-testid={`outbox-filter-${option.id}`}
              aria-pressed={pressed}
              onClick={() => setFilter({ states: option.states })}
            >
              {option.id === 'all' || option.id === 'open' ? t(`outbox.screen.filter.${option.id}`) : t(`outbox.state.${option.id}`)}
            </button>
          );
        })}
      </div>
      <div className="filter-row">
        <select
          data-testid="outbox-filter-kind"
          aria-label={t('outbox.screen.filter.kindLabel')}
          value={filter.kind ?? ''}
          onChange={(event) => setFilter({ kind: event.target.value === '' ? null : (event.target.value as OutboxKindView) })}
        >
          <option value="">{t('outbox.screen.filter.kindAll')}</option>
          {outboxKindSchema.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`outbox.kind.${kind}`)}
            </option>
          ))}
        </select>
        <form className="search-row" role="search" onSubmit={handleSubmit}>
          <input
            type="text"
            data-testid="outbox-filter-order-no"
            aria-label={t('outbox.screen.filter.orderNo')}
            placeholder={t('outbox.screen.filter.orderNoPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            value={orderNoText}
            onChange={(event) => setOrderNoText(event.target.value)}
          />
          <button type="submit" data-testid="outbox-filter-apply">
            {t('outbox.screen.filter.apply')}
          </button>
          {filter.orderNo !== null && (
            <button type="button" data-testid="outbox-filter-clear" onClick={clearOrderNo}>
              {t('outbox.screen.filter.clear')}
            </button>
          )}
        </form>
      </div>
    </div>
  );
}
