import { useEffect, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/FormField';
import { GoodsFormFooter, GoodsLinesFooter } from '../../components/GoodsFormParts';
import { GoodsLinesTable, type GoodsLineColumn } from '../../components/GoodsLinesTable';
import { moveFocusOnEnter } from '../../lib/form-keys';
import { MAX_CODE_LENGTH, MAX_ORDER_NO_LENGTH, fieldProblemText } from '../../lib/goods-lines';
import { MAX_RETURN_LINES, checkReturnDraft, useReturnStore, type ReturnLineDraft } from '../../stores/return';

/**
 * Shows the return form. Enter in a field moves to the next one, as a scanner's Enter after the
 * order number should. Enter in the last field checks the form and opens the confirmation.
 */
export function ReturnForm() {
  const { t } = useTranslation();
  const draft = useReturnStore((state) => state.draft);
  const attempted = useReturnStore((state) => state.attempted);
  const setField = useReturnStore((state) => state.setField);
  const setReturnPoints = useReturnStore((state) => state.setReturnPoints);
  const addLine = useReturnStore((state) => state.addLine);
  const requestConfirmation = useReturnStore((state) => state.requestConfirmation);
  const form = useRef<HTMLFormElement>(null);
  const focusLine = useRef<number | null>(null);

  const check = checkReturnDraft(draft);
  const problems: Record<string, string> = {};
  if (attempted && !check.ok) {
    for (const [field, problem] of Object.entries(check.problems)) problems[field] = fieldProblemText(t, problem);
  }

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('#return-order-no')?.focus();
  }, []);

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

  const handleAddLine = (): void => {
    focusLine.current = addLine();
  };

  return (
    <form ref={form} className="return-panel return-form" data-testid="return-form" noValidate onSubmit={handleSubmit} onKeyDown={(event) => moveFocusOnEnter(event, requestConfirmation)}>
      <h2>{t('return.title')}</h2>
      <div className="form-heading-fields">
        <FormField id="return-order-no" label={t('return.originalOrderNo')} problem={problems.originalOrderNo} problemTestId="return-field-problem">
          <input
            id="return-order-no"
            data-testid="return-order-no"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_ORDER_NO_LENGTH + 1}
            placeholder={t('return.originalOrderNoPlaceholder')}
            aria-invalid={problems.originalOrderNo !== undefined}
            value={draft.originalOrderNo}
            onChange={(event) => setField('originalOrderNo', event.target.value)}
          />
        </FormField>
        <FormField id="return-member" label={t('return.member')} problem={problems.member} problemTestId="return-field-problem">
          <input
            id="return-member"
            data-testid="return-member"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_CODE_LENGTH + 1}
            placeholder={t('return.memberPlaceholder')}
            aria-invalid={problems.member !== undefined}
            value={draft.memberText}
            onChange={(event) => setField('memberText', event.target.value)}
          />
        </FormField>
      </div>

      <ReturnLines problems={problems} />
      <GoodsLinesFooter
        testIdPrefix="return"
        addLabel={t('form.lines.add')}
        addDisabled={draft.lines.length >= MAX_RETURN_LINES}
        onAdd={handleAddLine}
        totalLabel={t('return.total')}
        totalFen={check.totalFen}
      />

      <label className="choice return-points">
        <input
          type="checkbox"
          data-testid="return-points"
          checked={draft.returnPoints}
          onChange={(event) => setReturnPoints(event.target.checked)}
        />
        {t('return.returnPoints')}
      </label>
      <p className="note">{t('return.returnPointsHint')}</p>

      <GoodsFormFooter
        testIdPrefix="return"
        texts={{ remark: t('return.remark'), fixFields: t('return.fixFields'), enterHint: t('return.enterHint'), submit: t('return.submit') }}
        remark={draft.remark}
        remarkProblem={problems.remark}
        onRemarkChange={(value) => setField('remark', value)}
        showFixFields={attempted && !check.ok}
      />
    </form>
  );
}

/** Shows the goods lines (goods code, SKU, count and the line's refund in yuan), each removable. */
function ReturnLines({ problems }: { problems: Readonly<Record<string, string>> }) {
  const { t } = useTranslation();
  const lines = useReturnStore((state) => state.draft.lines);
  const setLine = useReturnStore((state) => state.setLine);
  const removeLine = useReturnStore((state) => state.removeLine);

  const columns: GoodsLineColumn<Exclude<keyof ReturnLineDraft, 'key'>>[] = [
    { field: 'goodsCode', name: 'goodsCode', label: t('form.lines.goodsCode'), maxLength: MAX_CODE_LENGTH + 1 },
    { field: 'skuCode', name: 'skuCode', label: t('form.lines.skuCode'), maxLength: MAX_CODE_LENGTH + 1 },
    { field: 'countText', name: 'count', label: t('form.lines.count'), numeric: true, maxLength: 6 },
    { field: 'amountText', name: 'amount', label: t('return.lines.amount'), numeric: true, maxLength: 16 },
  ];

  return (
    <GoodsLinesTable
      testIdPrefix="return"
      title={t('return.lines.title')}
      columns={columns}
      lines={lines}
      problems={problems}
      onChange={setLine}
      onRemove={removeLine}
    />
  );
}
