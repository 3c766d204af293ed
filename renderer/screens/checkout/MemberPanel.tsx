import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../../common/contract';
import { DiscountText } from '../../components/DiscountText';
import { Money } from '../../components/Money';

/** Shows the member being served, the stored-value balance, and why a frozen card cannot pay. */
export function MemberPanel({ member }: { member: MemberView }) {
  const { t } = useTranslation();
  const noValue = t('member.panel.noValue');
  const frozen = member.state === 'frozen';

  return (
    <section
      className={`member-panel${frozen ? ' member-frozen' : ''}`}
      data-testid="member-panel"
      data-customer-id={member.customerId}
      aria-labelledby="member-panel-title"
    >
      <h2 id="member-panel-title">{t('member.panel.title')}</h2>
      <dl className="fields">
        <Field label={t('member.panel.name')}>
          <span data-testid="member-name">{member.name}</span>
        </Field>
        <Field label={t('member.panel.phone')}>
          <span data-testid="member-phone">{member.phoneMasked ?? noValue}</span>
        </Field>
        <Field label={t('member.panel.cardNo')}>
          <span data-testid="member-card-no">{member.cardNo}</span>
        </Field>
        <Field label={t('member.panel.level')}>
          <span data-testid="member-level">{member.levelName ?? noValue}</span>
        </Field>
        <Field label={t('member.panel.balance')} emphasis>
          <Money fen={member.balanceFen} testId="member-balance" />
        </Field>
        <Field label={t('member.panel.points')}>
          <span data-testid="member-points">{member.accruedPoints ?? noValue}</span>
        </Field>
        <Field label={t('member.panel.discount')}>
          <DiscountText ratePercent={member.discountRatePercent} testId="member-discount" />
        </Field>
        <Field label={t('member.panel.state')}>
          <span className={`state state-${member.state}`} data-testid="member-state" data-state={member.state}>
            {t(`member.state.${member.state}`)}
          </span>
        </Field>
      </dl>
      {frozen && (
        <p className="message message-warning" role="alert" data-testid="member-frozen-reason">
          {t('member.frozenReason')}
        </p>
      )}
    </section>
  );
}

function Field({ label, emphasis = false, children }: { label: string; emphasis?: boolean; children: ReactNode }) {
  return (
    <div className={emphasis ? 'field field-emphasis' : 'field'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
