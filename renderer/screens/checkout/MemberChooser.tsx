import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../../common/contract';
import { formatYuan } from '../../../common/money';
import { useMemberStore } from '../../stores/member';

/**
 * Lists the cards of one phone number. ↑ ↓ move the highlight, and Enter, a digit 1-9 or a click
 * takes a card. The checkout screen handles Esc.
 */
export function MemberChooser({ members, highlighted }: { members: MemberView[]; highlighted: number }) {
  const { t } = useTranslation();
  const moveHighlight = useMemberStore((state) => state.moveHighlight);
  const choose = useMemberStore((state) => state.choose);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => list.current?.focus(), []);

  const handleKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveHighlight(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose();
    } else if (/^[1-9]$/.test(event.key) && Number(event.key) <= members.length) {
      event.preventDefault();
      choose(Number(event.key) - 1);
    }
  };

  const highlightedMember = members[highlighted];
  return (
    <section className="member-chooser" data-testid="member-chooser">
      <h2 id="member-chooser-title">{t('member.chooser.title', { count: members.length })}</h2>
      <p className="hint">{t('member.chooser.hint')}</p>
      <ul
        ref={list}
        role="listbox"
        tabIndex={0}
        aria-labelledby="member-chooser-title"
        aria-activedescendant={highlightedMember ? `chooser-${highlightedMember.customerId}` : undefined}
        onKeyDown={handleKeyDown}
      >
        {members.map((member, index) => (
          <li
            key={member.customerId}
            id={`chooser-${member.customerId}`}
            role="option"
            aria-selected={index === highlighted}
            data-testid="member-chooser-item"
            data-card-no={member.cardNo}
            onClick={() => choose(index)}
          >
            <span className="chooser-number">{index + 1}</span>
            {t('member.chooser.item', {
              name: member.name,
              cardNo: member.cardNo,
              level: member.levelName ?? t('member.panel.noValue'),
              balance: formatYuan(member.balanceFen),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
