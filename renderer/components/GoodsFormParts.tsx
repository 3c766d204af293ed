import { FormField } from './FormField';
import { Money } from './Money';
import { MAX_REMARK_LENGTH } from '../lib/goods-lines';
import './forms.css';

// Parts the return and sale forms share below and after their goods lines. Each screen passes
// its test-id prefix and its own locale texts. Test ids are `<prefix>-add-line`, `<prefix>-total`,
// `<prefix>-remark`, `<prefix>-field-problem`, `<prefix>-problem` and `<prefix>-submit`.

/** Shows the add-line button and the running total under the goods lines. */
export function GoodsLinesFooter({
  testIdPrefix,
  addLabel,
  addDisabled,
  onAdd,
  totalLabel,
  totalFen,
}: {
  testIdPrefix: string;
  addLabel: string;
  /** True when no line may be added, as at the maximum number of lines. */
  addDisabled: boolean;
  onAdd(): void;
  totalLabel: string;
  totalFen: number;
}) {
  return (
    <div className="lines-footer">
      <button type="button" data-testid={`${testIdPrefix}-add-line`} disabled={addDisabled} onClick={onAdd}>
        {addLabel}
      </button>
      <span className="lines-total">
        {totalLabel} <Money fen={totalFen} testId={`${testIdPrefix}-total`} />
      </span>
    </div>
  );
}

/** Locale texts of the form footer, already translated by the screen. */
export interface GoodsFormFooterTexts {
  remark: string;
  fixFields: string;
  enterHint: string;
  submit: string;
}

/** Shows the remark field, the fix-fields problem line, the Enter hint and the submit button. */
export function GoodsFormFooter({
  testIdPrefix,
  texts,
  remark,
  remarkProblem,
  onRemarkChange,
  showFixFields,
}: {
  testIdPrefix: string;
  texts: GoodsFormFooterTexts;
  remark: string;
  /** The remark's problem text, or undefined when the remark is fine. */
  remarkProblem: string | undefined;
  onRemarkChange(value: string): void;
  /** True when the cashier tried to go on and the form has problems. */
  showFixFields: boolean;
}) {
  const remarkId = `${testIdPrefix}-remark`;

  return (
    <>
      <FormField id={remarkId} label={texts.remark} problem={remarkProblem} problemTestId={`${testIdPrefix}-field-problem`}>
        <input
          id={remarkId}
          data-testid={remarkId}
          type="text"
          autoComplete="off"
          maxLength={MAX_REMARK_LENGTH + 1}
          aria-invalid={remarkProblem !== undefined}
          value={remark}
          onChange={(event) => onRemarkChange(event.target.value)}
        />
      </FormField>

      {showFixFields && (
        <p className="message message-error" role="alert" data-testid={`${testIdPrefix}-problem`}>
          {texts.fixFields}
        </p>
      )}
      <p className="note">{texts.enterHint}</p>
      <div className="button-row">
        <button type="submit" className="primary" data-testid={`${testIdPrefix}-submit`}>
          {texts.submit}
        </button>
      </div>
    </>
  );
}
