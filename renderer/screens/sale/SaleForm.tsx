import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MAX_ORDER_LINES } from '../../../common/contract';
import { formatYuan } from '../../../common/money';
import { FormField } from '../../components/FormField';
import { GoodsFormFooter, GoodsLinesFooter } from '../../components/GoodsFormParts';
import { GoodsLinesTable, type GoodsLineColumn } from '../../components/GoodsLinesTable';
import { Money } from '../../components/Money';
import { errorText } from '../../lib/error-text';
import { moveFocusOnEnter } from '../../lib/form-keys';
import { MAX_CODE_LENGTH, fieldProblemText, type FieldProblem } from '../../lib/goods-lines';
import {
  checkSaleDraft,
  useSaleStore,
  type PayType,
  type SaleDraft,
  type SaleFieldProblem,
  type SaleFigures,
  type SaleLineDraft,
} from '../../stores/sale';
import { SaleMemberField } from './SaleMemberField';

const MEMBER_INPUT_ID = 'sale-member';
const PAY_TYPES: readonly PayType[] = [1, 2, 3];
const SHARED_PROBLEMS: ReadonlySet<string> = new Set(['required', 'too-long', 'remark-too-long', 'count-invalid', 'count-too-large']);

/**
 * Shows the sale form. Enter in a field moves to the next one; Enter in the member field first
 * looks up a scanned card. Enter in the last field checks the form and opens the confirmation.
 */
export function SaleForm() {
  const { t } = useTranslation();
  const draft = useSaleStore((state) => state.draft);
  const lookup = useSaleStore((state) => state.lookup);
  const attempted = useSaleStore((state) => state.attempted);
  const setField = useSaleStore((state) => state.setField);
  const setPayType = useSaleStore((state) => state.setPayType);
  const addLine = useSaleStore((state) => state.addLine);
  const lookUpMember = useSaleStore((state) => state.lookUpMember);
  const requestConfirmation = useSaleStore((state) => state.requestConfirmation);
  const form = useRef<HTMLFormElement>(null);
  const focusLine = useRef<number | null>(null);

  const check = checkSaleDraft(draft, lookup);
  const problems: Record<string, string> = {};
  if (attempted && !check.ok) {
    for (const [field, problem] of Object.entries(check.problems)) problems[field] = saleProblemText(t, problem, draft, check.figures);
  }
  const { figures } = check;
  const fromPayment = draft.payment !== null;
  const paidFixed = draft.payment?.actualPaymentFen ?? null;

  // A payment's sale starts at the goods lines, any other sale at the member.
  useEffect(() => {
    const selector = fromPayment ? '[data-line="0"][data-field="goodsCode"]' : `#${MEMBER_INPUT_ID}`;
    form.current?.querySelector<HTMLInputElement>(selector)?.focus();
  }, [fromPayment]);

  // A line added from the button gets the focus once it is rendered.
  useEffect(() => {
    if (focusLine.current === null) return;
    form.current?.querySelector<HTMLInputElement>(`[data-line="${focusLine.current}"][data-field="goodsCode"]`)?.focus();
    focusLine.current = null;
  }, [draft.lines.length]);

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault();
    requestConfirmation();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    // A card scanned or typed into the member field is looked up on its Enter.
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.id === MEMBER_INPUT_ID) void lookUpMember();
    moveFocusOnEnter(event, requestConfirmation);
  };

  const handleAddLine = (): void => {
    focusLine.current = addLine();
  };

  const columns: GoodsLineColumn<Exclude<keyof SaleLineDraft, 'key'>>[] = [
    { field: 'goodsCode', name: 'goodsCode', label: t('form.lines.goodsCode'), maxLength: MAX_CODE_LENGTH + 1 },
    { field: 'skuCode', name: 'skuCode', label: t('form.lines.skuCode'), maxLength: MAX_CODE_LENGTH + 1 },
    { field: 'priceText', name: 'price', label: t('sale.lines.price'), numeric: true, maxLength: 16 },
    { field: 'countText', name: 'count', label: t('form.lines.count'), numeric: true, maxLength: 6 },
    {
      field: 'discountedText',
      name: 'discounted',
      label: t('sale.lines.discounted'),
      numeric: true,
      maxLength: 16,
      placeholder: (index) => {
        const fen = figures.autoDiscountedFen[index];
        return fen === null || fen === undefined ? undefined : formatYuan(fen);
      },
    },
  ];

  return (
    <form ref={form} className="sale-panel sale-form" data-testid="sale-form" noValidate onSubmit={handleSubmit} onKeyDown={handleKeyDown}>
      <h2>{t('sale.title')}</h2>
      <div className="form-heading-fields">
        <OrderNoField problem={problems.orderNo} />
        <SaleMemberField inputId={MEMBER_INPUT_ID} problem={problems.member} />
      </div>

      <SaleLines columns={columns} problems={problems} />
      <GoodsLinesFooter
        testIdPrefix="sale"
        addLabel={t('form.lines.add')}
        addDisabled={draft.lines.length >= MAX_ORDER_LINES}
        onAdd={handleAddLine}
        totalLabel={t('sale.total')}
        totalFen={figures.totalFen}
      />
      {problems.total !== undefined && (
        <p className="field-problem sale-total-problem" data-testid="sale-field-problem">
          {problems.total}
        </p>
      )}
      {problems.discounted !== undefined && (
        <p className="field-problem sale-total-problem" data-testid="sale-field-problem">
          {problems.discounted}
        </p>
      )}
      <p className="note">{t('sale.discountedHint')}</p>

      <div className="form-heading-fields sale-payment-fields">
        {paidFixed === null ? (
          <FormField id="sale-paid" label={t('sale.paidInput')} problem={problems.paid} problemTestId="sale-field-problem">
            <input
              id="sale-paid"
              data-testid="sale-paid"
              type="text"
              className="number"
              inputMode="decimal"
              autoComplete="off"
              maxLength={16}
              aria-invalid={problems.paid !== undefined}
              value={draft.paidText}
              onChange={(event) => setField('paidText', event.target.value)}
            />
          </FormField>
        ) : (
          <ReadOnlyField label={t('sale.paid')}>
            <Money fen={paidFixed} testId="sale-paid-fixed" />
          </ReadOnlyField>
        )}
        <ReadOnlyField label={t('sale.coupon')}>
          {figures.couponFen === null ? <span data-testid="sale-coupon">{t('member.panel.noValue')}</span> : <Money fen={figures.couponFen} testId="sale-coupon" />}
        </ReadOnlyField>
        {fromPayment ? (
          <ReadOnlyField label={t('sale.payType')}>
            <span data-testid="sale-pay-type-fixed">{t('sale.payTypeOfPayment')}</span>
          </ReadOnlyField>
        ) : (
          <FormField id="sale-pay-type" label={t('sale.payType')} problem={problems.payType} problemTestId="sale-field-problem">
            <select
              id="sale-pay-type"
              data-testid="sale-pay-type"
              aria-invalid={problems.payType !== undefined}
              value={draft.payType ?? ''}
              onChange={(event) => setPayType(event.target.value === '' ? null : (Number(event.target.value) as PayType))}
            >
              <option value="">{t('sale.payTypeChoose')}</option>
              {PAY_TYPES.map((payType) => (
                <option key={payType} value={payType}>
                  {t(`sale.payTypes.${payType}`)}
                </option>
              ))}
            </select>
          </FormField>
        )}
        <ReadOnlyField label={t('sale.time')}>
          <span>{fromPayment ? t('sale.timeOfPayment') : t('sale.timeNow')}</span>
        </ReadOnlyField>
      </div>

      <GoodsFormFooter
        testIdPrefix="sale"
        texts={{ remark: t('sale.remark'), fixFields: t('sale.fixFields'), enterHint: t('sale.enterHint'), submit: t('sale.submit') }}
        remark={draft.remark}
        remarkProblem={problems.remark}
        onRemarkChange={(value) => setField('remark', value)}
        showFixFields={attempted && !check.ok}
      />
    </form>
  );
}

/** Shows the order number: the payment's, the new one from main, or why there is none yet. */
function OrderNoField({ problem }: { problem: string | undefined }) {
  const { t } = useTranslation();
  const orderNo = useSaleStore((state) => state.draft.orderNo);
  const fromPayment = useSaleStore((state) => state.draft.payment !== null);
  const orderNoLoad = useSaleStore((state) => state.orderNoLoad);
  const ensureOrderNo = useSaleStore((state) => state.ensureOrderNo);

  return (
    <div className="form-field">
      <span className="field-label">{t('sale.orderNo')}</span>
      {orderNo !== null ? (
        <span className="sale-order-no">
          <span className="order-no" data-testid="sale-order-no">
            {orderNo}
          </span>
          {fromPayment && <span className="badge sale-payment-badge">{t('sale.ofPayment')}</span>}
        </span>
      ) : orderNoLoad.phase === 'failed' ? (
        <span className="sale-order-no">
          <span className="field-problem" role="alert" data-testid="sale-order-no-error">
            {t('sale.orderNoFailed', { reason: errorText(t, orderNoLoad.error) })}
          </span>
          <button type="button" data-testid="sale-order-no-retry" onClick={() => void ensureOrderNo()}>
            {t('sale.orderNoRetry')}
          </button>
        </span>
      ) : (
        <span className="note" data-testid="sale-order-no-loading">
          {t('sale.orderNoLoading')}
        </span>
      )}
      {problem !== undefined && orderNoLoad.phase !== 'failed' && (
        <span className="field-problem" data-testid="sale-field-problem">
          {problem}
        </span>
      )}
    </div>
  );
}

function SaleLines({ columns, problems }: { columns: GoodsLineColumn<Exclude<keyof SaleLineDraft, 'key'>>[]; problems: Readonly<Record<string, string>> }) {
  const { t } = useTranslation();
  const lines = useSaleStore((state) => state.draft.lines);
  const setLine = useSaleStore((state) => state.setLine);
  const removeLine = useSaleStore((state) => state.removeLine);

  return (
    <GoodsLinesTable
      testIdPrefix="sale"
      title={t('sale.lines.title')}
      columns={columns}
      lines={lines}
      problems={problems}
      onChange={setLine}
      onRemove={removeLine}
    />
  );
}

function ReadOnlyField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="form-field sale-read-only">
      <span className="field-label">{label}</span>
      <span className="sale-read-only-value">{children}</span>
    </div>
  );
}

/**
 * Returns the locale text of a sale form problem. A mismatched total names the payment's 原价, and
 * typed amounts after discount that miss 实付 name both sums.
 */
export function saleProblemText(t: TFunction, problem: SaleFieldProblem, draft: SaleDraft, figures: SaleFigures): string {
  if (typeof problem === 'object' || SHARED_PROBLEMS.has(problem)) return fieldProblemText(t, problem as FieldProblem);
  return t(`sale.problem.${problem}`, {
    price: formatYuan(draft.payment?.priceFen ?? 0),
    lines: formatYuan(figures.typedDiscountedFen ?? 0),
    paid: formatYuan(figures.paidFen ?? 0),
  });
}
