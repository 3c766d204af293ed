import { useTranslation } from 'react-i18next';
import { PHONE_PATTERN } from '../../../common/contract';
import { normalizeTypedText } from '../../../common/typed-text';
import { FormField } from '../../components/FormField';
import { errorText } from '../../lib/error-text';
import { MAX_CODE_LENGTH } from '../../lib/goods-lines';
import { useSaleStore } from '../../stores/sale';
import { describeMember } from './SaleSummary';

/**
 * Shows who the sale is for. A payment's sale shows the member who paid, fixed. Any other sale
 * takes an 11-digit phone number, or a card number that is looked up on Enter and shown below.
 */
export function SaleMemberField({ inputId, problem }: { inputId: string; problem: string | undefined }) {
  const { t } = useTranslation();
  const payment = useSaleStore((state) => state.draft.payment);
  const memberText = useSaleStore((state) => state.draft.memberText);
  const lookup = useSaleStore((state) => state.lookup);
  const setField = useSaleStore((state) => state.setField);

  if (payment !== null) {
    const { member } = payment;
    return (
      <div className="form-field">
        <span className="field-label">{t('sale.memberOfPayment')}</span>
        <span className="sale-read-only-value" data-testid="sale-member-fixed">
          {describeMember(member, member.cardNo)}
        </span>
      </div>
    );
  }

  // Compared as the store compares it, so a full-width card number still shows its look-up.
  const text = normalizeTypedText(memberText);
  const current = lookup.phase !== 'idle' && lookup.query === text && !PHONE_PATTERN.test(text) ? lookup : null;

  return (
    <FormField id={inputId} label={t('sale.member')} problem={problem} problemTestId="sale-field-problem">
      <input
        id={inputId}
        data-testid="sale-member"
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_CODE_LENGTH + 1}
        placeholder={t('sale.memberPlaceholder')}
        aria-invalid={problem !== undefined}
        value={memberText}
        onChange={(event) => setField('memberText', event.target.value)}
      />
      {current?.phase === 'searching' && (
        <span className="note" role="status" data-testid="sale-member-status" data-state="searching">
          {t('sale.memberSearching')}
        </span>
      )}
      {current?.phase === 'found' && (
        <span className="sale-member-found" data-testid="sale-member-status" data-state="found">
          {describeMember(current.member, current.member.cardNo)}
        </span>
      )}
      {current?.phase === 'failed' && (
        <span className="field-problem" role="alert" data-testid="sale-member-status" data-state="failed" data-error-code={current.error.code}>
          {current.error.code === 'not-found' ? t('sale.memberNotFound') : errorText(t, current.error)}
        </span>
      )}
    </FormField>
  );
}
