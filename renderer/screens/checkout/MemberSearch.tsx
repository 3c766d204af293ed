import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LOOKUP_TEXT_LENGTH } from '../../../common/contract';
import { useMemberStore } from '../../stores/member';
import { SEARCH_INPUT_ID, focusField } from './focus';

/** Shows the search box, which looks up a card number or an 11-digit phone number on Enter. */
export function MemberSearch({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const text = useMemberStore((state) => state.searchText);
  const setText = useMemberStore((state) => state.setSearchText);
  const search = useMemberStore((state) => state.search);

  useEffect(() => focusField(SEARCH_INPUT_ID), []);

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (!disabled) void search(text, 'typed');
  };

  return (
    <form className="member-search" onSubmit={handleSubmit} role="search">
      <label htmlFor={SEARCH_INPUT_ID}>{t('member.search.label')}</label>
      <div className="search-row">
        <input
          id={SEARCH_INPUT_ID}
          data-testid="member-search-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_LOOKUP_TEXT_LENGTH + 1}
          placeholder={t('member.search.placeholder')}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" data-testid="member-search-submit" disabled={disabled || text.trim() === ''}>
          {t('member.search.submit')}
        </button>
      </div>
    </form>
  );
}
