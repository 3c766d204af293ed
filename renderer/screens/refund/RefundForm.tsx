import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RefundablePayment } from '../../../common/contract';
import { MAX_INPUT_FEN, formatYuan } from '../../../common/money';
import { AmountInput } from '../../components/AmountInput';
import { DiscountText } from '../../components/DiscountText';
import { Money } from '../../components/Money';
import { checkRefundAmount, useRefundStore, type RefundAmountProblem } from '../../stores/refund';
import { formatLocalTime, memberLabel } from '../outbox/entry-format';

const AMOUNT_INPUT_ID = 'refund-amount-input';

/**
 * Shows the chosen payment and the refund amount: all that is left (the default) or a part typed
 * in yuan. More than what is left is refused here before main refuses it too. Enter goes on to
 * the confirmation, Esc back to the list.
 */
export function RefundForm({ payment }: { payment: RefundablePayment }) {
  const { t } = useTranslation();
  const mode = useRefundStore((state) => state.mode);
  const amountText = useRefundStore((state) => state.amountText);
  const attempted = useRefundStore((state) => state.attempted);
  const setMode = useRefundStore((state) => state.setMode);
  const setAmountText = useRefundStore((state) => state.setAmountText);
  const requestConfirmation = useRefundStore((state) => state.requestConfirmation);
  const returnToList = useRefundStore((state) => state.returnToList);
  const allOption = useRef<HTMLInputElement>(null);
  const amountInput = useRef<HTMLInputElement>(null);

  const check = checkRefundAmount(mode, amountText, payment.remainingFen);
  const problem = check.problem;
  const showProblem = problem !== null && (attempted || !(problem.kind === 'amount' && problem.error === 'empty'));

  useEffect(() => {
    if (mode === 'part') amountInput.current?.focus();
    else allOption.current?.focus();
  }, [mode]);

  // Enter in the amount or on a choice goes on; on a button it presses that button.
  const handleKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    // Without preventDefault the same Enter would go on to press the confirm button.
    event.preventDefault();
    event.stopPropagation();
    if (!event.repeat) requestConfirmation();
  };

  return (
    <section className="refund-panel refund-form" data-testid="refund-form" aria-labelledby="refund-form-title" onKeyDown={handleKeyDown}>
      <h2 id="refund-form-title">{t('refund.form.title')}</h2>
      <PaymentDetails payment={payment} />

      <fieldset className="refund-mode" disabled={payment.remainingFen <= 0}>
        <legend>{t('refund.form.modeLabel')}</legend>
        <label className="choice">
          <input
            ref={allOption}
            type="radio"
            name="refund-mode"
            data-testid="refund-mode-all"
            checked={mode === 'all'}
            onChange={() => setMode('all')}
          />
          {t('refund.form.all', { amount: formatYuan(payment.remainingFen) })}
        </label>
        <label className="choice">
          <input type="radio" name="refund-mode" data-testid="refund-mode-part" checked={mode === 'part'} onChange={() => setMode('part')} />
          {t('refund.form.part')}
        </label>
      </fieldset>

      {mode === 'part' && (
        <AmountInput
          inputRef={amountInput}
          id={AMOUNT_INPUT_ID}
          testId="refund-amount-input"
          label={t('refund.form.amountLabel')}
          placeholder={t('payment.amount.placeholder')}
          value={amountText}
          onChange={setAmountText}
        />
      )}

      {showProblem && (
        <p className="message message-error" role="alert" data-testid="refund-problem" data-problem={problemCode(problem)}>
          {problemText(t, problem)}
        </p>
      )}

      <div className="button-row">
        <button type="button" className="primary" data-testid="refund-submit" disabled={showProblem} onClick={() => requestConfirmation()}>
          {t('refund.form.submit')}
        </button>
        <button type="button" data-testid="refund-back" onClick={returnToList}>
          {t('refund.form.back')}
        </button>
      </div>
    </section>
  );
}

/** Shows a payment's figures: order number, member, time, 原价, discount, 实付, refunded and left. */
export function PaymentDetails({ payment }: { payment: RefundablePayment }) {
  const { t } = useTranslation();
  const noValue = t('member.panel.noValue');

  return (
    <>
      <dl className="figures refund-details">
        <div>
          <dt>{t('refund.columns.orderNo')}</dt>
          <dd className="order-no" data-testid="refund-original-order-no">
            {payment.orderNo}
          </dd>
        </div>
        <div>
          <dt>{t('refund.columns.member')}</dt>
          <dd>{memberLabel(payment) ?? noValue}</dd>
        </div>
        <div>
          <dt>{t('refund.columns.time')}</dt>
          <dd>{formatLocalTime(payment.paidAt, true)}</dd>
        </div>
        <div>
          <dt>{t('refund.columns.original')}</dt>
          <dd>
            <Money fen={payment.priceFen} />
          </dd>
        </div>
        <div>
          <dt>{t('refund.columns.discount')}</dt>
          <dd>
            <DiscountText ratePercent={payment.discountRatePercent} />
          </dd>
        </div>
        <div>
          <dt>{t('refund.columns.actual')}</dt>
          <dd>{payment.actualPaymentFen === null ? noValue : <Money fen={payment.actualPaymentFen} />}</dd>
        </div>
        <div>
          <dt>{t('refund.columns.refunded')}</dt>
          <dd>
            <Money fen={payment.refundedFen} testId="refund-refunded" />
          </dd>
        </div>
        <div className="figure-main">
          <dt>{t('refund.columns.remaining')}</dt>
          <dd>
            <Money fen={payment.remainingFen} testId="refund-remaining" />
          </dd>
        </div>
      </dl>
      {payment.source === 'log' && <p className="note">{t('refund.memberLog.estimated')}</p>}
    </>
  );
}

function problemCode(problem: RefundAmountProblem): string {
  return problem.kind === 'amount' ? `amount:${problem.error}` : problem.kind;
}

function problemText(t: TFunction, problem: RefundAmountProblem): string {
  switch (problem.kind) {
    case 'nothing-left':
      return t('refund.form.nothingLeft');
    case 'over-refund':
      return t('refund.form.overRefund', { amount: formatYuan(problem.amountFen), remaining: formatYuan(problem.remainingFen) });
    case 'amount':
      return t(`payment.amountError.${problem.error}`, { max: formatYuan(MAX_INPUT_FEN) });
  }
}
