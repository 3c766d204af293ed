import { useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MAX_INPUT_FEN, formatYuan } from '../../../common/money';
import type { MemberView, PaymentPreview } from '../../../common/contract';
import { AmountInput } from '../../components/AmountInput';
import { DiscountText } from '../../components/DiscountText';
import { Figure } from '../../components/Figure';
import { Money } from '../../components/Money';
import { checkPayment, type PaymentProblem } from '../../lib/payment-check';
import { usePaymentStore } from '../../stores/payment';
import { useTillStatusStore } from '../../stores/till-status';
import { AMOUNT_INPUT_ID, focusField } from './focus';

/** Shows the amount box, the preview (原价 / 折扣 / 实付 / balance after) and the first problem, if any. */
export function PaymentForm({ member }: { member: MemberView | null }) {
  const { t } = useTranslation();
  const amountText = usePaymentStore((state) => state.amountText);
  const attempted = usePaymentStore((state) => state.attempted);
  const setAmountText = usePaymentStore((state) => state.setAmountText);
  const requestConfirmation = usePaymentStore((state) => state.requestConfirmation);
  const connection = useTillStatusStore((state) => state.status?.connection ?? 'checking');

  const check = checkPayment(amountText, member, connection);
  const canPay = member !== null && member.state === 'active';

  // Found a member: the cashier types the amount next.
  const customerId = member?.customerId;
  useEffect(() => {
    if (customerId) focusField(AMOUNT_INPUT_ID);
  }, [customerId]);

  const handleKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return;
    // Without preventDefault the same Enter would go on to press the confirm button.
    event.preventDefault();
    event.stopPropagation();
    if (!event.repeat) requestConfirmation();
  };

  return (
    <section className="payment-form" aria-labelledby="payment-title">
      <h2 id="payment-title">{t('payment.title')}</h2>
      <AmountInput
        id={AMOUNT_INPUT_ID}
        testId="payment-amount-input"
        label={t('payment.amount.label')}
        placeholder={t('payment.amount.placeholder')}
        disabled={!canPay}
        value={amountText}
        onChange={setAmountText}
        onKeyDown={handleKeyDown}
      />

      {check.preview ? (
        <PreviewTable preview={check.preview} />
      ) : (
        check.priceFen !== null && <UnknownRatePreview priceFen={check.priceFen} />
      )}

      {check.problem && shouldShow(check.problem, attempted) && (
        <p
          className={`message ${check.problem.kind === 'no-member' ? 'message-hint' : 'message-error'}`}
          role={check.problem.kind === 'no-member' ? undefined : 'alert'}
          data-testid="payment-problem"
          data-problem={check.problem.kind === 'amount' ? `amount:${check.problem.error}` : check.problem.kind}
        >
          {problemText(t, check.problem)}
        </p>
      )}

      <button
        type="button"
        className="primary"
        data-testid="payment-submit"
        disabled={check.problem !== null}
        onClick={() => requestConfirmation()}
      >
        {t('payment.submit')}
      </button>
    </section>
  );
}

function PreviewTable({ preview }: { preview: PaymentPreview }) {
  const { t } = useTranslation();
  return (
    <div className="preview">
      <dl className="figures">
        <Figure label={t('payment.preview.original')}>
          <Money fen={preview.priceFen} testId="preview-original" />
        </Figure>
        <Figure label={t('payment.preview.discount')}>
          <DiscountText ratePercent={preview.discountRatePercent} testId="preview-discount" />
        </Figure>
        <Figure label={t('payment.preview.actual')} emphasis>
          <Money fen={preview.actualPaymentFen} testId="preview-actual" />
        </Figure>
        <Figure label={t('payment.preview.balanceAfter')}>
          <Money fen={preview.balanceAfterFen} testId="preview-balance-after" />
        </Figure>
      </dl>
      <p className="note">{t('payment.preview.estimateNote')}</p>
    </div>
  );
}

function UnknownRatePreview({ priceFen }: { priceFen: number }) {
  const { t } = useTranslation();
  return (
    <div className="preview">
      <dl className="figures">
        <Figure label={t('payment.preview.original')}>
          <Money fen={priceFen} testId="preview-original" />
        </Figure>
      </dl>
      <p className="note" data-testid="preview-rate-unknown">
        {t('payment.preview.rateUnknown')}
      </p>
    </div>
  );
}

/** Returns whether to show `problem` yet. An empty amount waits until the cashier tried to go on. */
function shouldShow(problem: PaymentProblem, attempted: boolean): boolean {
  if (problem.kind === 'amount' && problem.error === 'empty') return attempted;
  return true;
}

function problemText(t: TFunction, problem: PaymentProblem): string {
  switch (problem.kind) {
    case 'no-member':
      return t('payment.noMember');
    case 'frozen':
      return t('payment.frozen');
    case 'amount':
      return t(`payment.amountError.${problem.error}`, { max: formatYuan(MAX_INPUT_FEN) });
    case 'offline':
      return t('payment.offline');
    case 'checking':
      return t('payment.checking');
    case 'insufficient':
      return t('payment.insufficient', {
        actual: formatYuan(problem.actualPaymentFen),
        balance: formatYuan(problem.balanceFen),
      });
  }
}
