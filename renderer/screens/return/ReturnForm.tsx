import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MAX_INPUT_FEN, formatYuan } from '../../../common/money';
import { Money } from '../../components/Money';
import {
  MAX_CODE_LENGTH,
  MAX_LINE_COUNT,
  MAX_REMARK_LENGTH,
  MAX_RETURN_LINES,
  checkReturnDraft,
  useReturnStore,
  type ReturnFieldProblem,
  type ReturnProblems,
} from '../../stores/return';

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
  const problems: ReturnProblems = attempted && !check.ok ? check.problems : {};

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

  const handleKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement) || event.repeat) return;
    event.preventDefault();
    const fields = [...event.currentTarget.querySelectorAll<HTMLInputElement>('input:not([disabled])')];
    const next = fields[fields.indexOf(event.target) + 1];
    if (next) next.focus();
    else requestConfirmation();
  };

  const handleAddLine = (): void => {
    focusLine.current = addLine();
  };

  return (
    <form ref={form} className="return-panel return-form" data-testid="return-form" noValidate onSubmit={handleSubmit} onKeyDown={handleKeyDown}>
      <h2>{t('return.title')}</h2>
      <div className="return-heading-fields">
        <Field id="return-order-no" label={t('return.originalOrderNo')} problem={problems.originalOrderNo}>
          <input
            id="return-order-no"
            data-testid="return-order-no"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_CODE_LENGTH}
            placeholder={t('return.originalOrderNoPlaceholder')}
            aria-invalid={problems.originalOrderNo !== undefined}
            value={draft.originalOrderNo}
            onChange={(event) => setField('originalOrderNo', event.target.value)}
          />
        </Field>
        <Field id="return-member" label={t('return.member')} problem={problems.member}>
          <input
            id="return-member"
            data-testid="return-member"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_CODE_LENGTH}
            placeholder={t('return.memberPlaceholder')}
            aria-invalid={problems.member !== undefined}
            value={draft.memberText}
            onChange={(event) => setField('memberText', event.target.value)}
          />
        </Field>
      </div>

      <ReturnLines problems={problems} />
      <div className="return-lines-footer">
        <button type="button" data-testid="return-add-line" disabled={draft.lines.length >= MAX_RETURN_LINES} onClick={handleAddLine}>
          {t('return.lines.add')}
        </button>
        <span className="return-total">
          {t('return.total')} <Money fen={check.totalFen} testId="return-total" />
        </span>
      </div>

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

      <Field id="return-remark" label={t('return.remark')} problem={problems.remark}>
        <input
          id="return-remark"
          data-testid="return-remark"
          type="text"
          autoComplete="off"
          maxLength={MAX_REMARK_LENGTH + 1}
          aria-invalid={problems.remark !== undefined}
          value={draft.remark}
          onChange={(event) => setField('remark', event.target.value)}
        />
      </Field>

      {attempted && !check.ok && (
        <p className="message message-error" role="alert" data-testid="return-problem">
          {t('return.fixFields')}
        </p>
      )}
      <p className="note">{t('return.enterHint')}</p>
      <div className="button-row">
        <button type="submit" className="primary" data-testid="return-submit">
          {t('return.submit')}
        </button>
      </div>
    </form>
  );
}

/** Shows the goods lines (goods code, SKU, count and the line's refund in yuan), each removable. */
function ReturnLines({ problems }: { problems: ReturnProblems }) {
  const { t } = useTranslation();
  const lines = useReturnStore((state) => state.draft.lines);
  const setLine = useReturnStore((state) => state.setLine);
  const removeLine = useReturnStore((state) => state.removeLine);

  const cell = (index: number, field: 'goodsCode' | 'skuCode' | 'countText' | 'amountText', problemKey: string, extra: { numeric?: boolean; maxLength: number }) => {
    const problem = problems[`lines.${index}.${problemKey}`];
    const line = lines[index];
    return (
      <td>
        <input
          type="text"
          className={extra.numeric ? 'number' : undefined}
          inputMode={extra.numeric ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={extra.maxLength}
          data-testid={`return-line-${problemKey}`}
          data-line={index}
          data-field={problemKey}
          aria-label={t(`return.lines.${problemKey}`) + ` ${index + 1}`}
          aria-invalid={problem !== undefined}
          value={line?.[field] ?? ''}
          onChange={(event) => setLine(index, field, event.target.value)}
        />
        {problem !== undefined && <ProblemText problem={problem} />}
      </td>
    );
  };

  return (
    <section aria-labelledby="return-lines-title">
      <h3 id="return-lines-title">{t('return.lines.title')}</h3>
      <div className="table-scroll">
        <table className="return-lines">
          <thead>
            <tr>
              <th className="line-number">#</th>
              <th>{t('return.lines.goodsCode')}</th>
              <th>{t('return.lines.skuCode')}</th>
              <th className="number">{t('return.lines.count')}</th>
              <th className="number">{t('return.lines.amount')}</th>
              <th>
                <span className="visually-hidden">{t('return.lines.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr key={line.key} data-testid="return-line">
                <td className="line-number">{index + 1}</td>
                {cell(index, 'goodsCode', 'goodsCode', { maxLength: MAX_CODE_LENGTH })}
                {cell(index, 'skuCode', 'skuCode', { maxLength: MAX_CODE_LENGTH })}
                {cell(index, 'countText', 'count', { numeric: true, maxLength: 6 })}
                {cell(index, 'amountText', 'amount', { numeric: true, maxLength: 16 })}
                <td>
                  <button
                    type="button"
                    className="link-button"
                    data-testid="return-remove-line"
                    aria-label={t('return.lines.removeLabel', { number: index + 1 })}
                    onClick={() => removeLine(index)}
                  >
                    {t('return.lines.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Field({ id, label, problem, children }: { id: string; label: string; problem: ReturnFieldProblem | undefined; children: ReactNode }) {
  return (
    <div className="return-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {problem !== undefined && <ProblemText problem={problem} />}
    </div>
  );
}

function ProblemText({ problem }: { problem: ReturnFieldProblem }) {
  const { t } = useTranslation();
  return (
    <span className="field-problem" data-testid="return-field-problem">
      {problemText(t, problem)}
    </span>
  );
}

function problemText(t: TFunction, problem: ReturnFieldProblem): string {
  if (typeof problem === 'object') return t(`payment.amountError.${problem.amount}`, { max: formatYuan(MAX_INPUT_FEN) });
  return t(`return.problem.${problem}`, { max: limitOf(problem) });
}

/** Returns the limit a length or count problem names. */
function limitOf(problem: Exclude<ReturnFieldProblem, object>): number {
  if (problem === 'remark-too-long') return MAX_REMARK_LENGTH;
  if (problem === 'count-too-large') return MAX_LINE_COUNT;
  return MAX_CODE_LENGTH;
}
