import { useTranslation } from 'react-i18next';
import { ProblemText } from './FormField';
import './forms.css';

// The editable table of goods lines the return and sale forms share. Each screen names its
// columns; test ids are `<prefix>-line` for a row and `<prefix>-line-<column>` for a cell's input.

export interface GoodsLineColumn<Field extends string> {
  /** The line draft's field this column edits. */
  field: Field;
  /** The column's name in test ids and problem keys, e.g. `amount` for `lines.0.amount`. */
  name: string;
  label: string;
  numeric?: boolean;
  maxLength: number;
  /** Text shown in an empty cell, e.g. the amount used when the cell stays empty. */
  placeholder?: (lineIndex: number) => string | undefined;
}

export type GoodsLineDraft<Field extends string> = { key: number } & Record<Field, string>;

export interface GoodsLinesTableProps<Field extends string> {
  testIdPrefix: string;
  title: string;
  columns: readonly GoodsLineColumn<Field>[];
  lines: readonly GoodsLineDraft<Field>[];
  /** Problem texts keyed `lines.<index>.<column name>`. */
  problems: Readonly<Record<string, string>>;
  onChange(lineIndex: number, field: Field, value: string): void;
  onRemove(lineIndex: number): void;
}

/** Shows the goods lines, one input per column and a remove button per row. */
export function GoodsLinesTable<Field extends string>(props: GoodsLinesTableProps<Field>) {
  const { t } = useTranslation();
  const { testIdPrefix, title, columns, lines, problems, onChange, onRemove } = props;
  const titleId = `${testIdPrefix}-lines-title`;

  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <div className="table-scroll">
        <table className="goods-lines">
          <thead>
            <tr>
              <th className="line-number">#</th>
              {columns.map((column) => (
                <th key={column.name} className={column.numeric ? 'number' : undefined}>
                  {column.label}
                </th>
              ))}
              <th>
                <span className="visually-hidden">{t('form.lines.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr key={line.key} data-testid={`${testIdPrefix}-line`}>
                <td className="line-number">{index + 1}</td>
                {columns.map((column) => {
                  const problem = problems[`lines.${index}.${column.name}`];
                  return (
                    <td key={column.name}>
                      <input
                        type="text"
                        className={column.numeric ? 'number' : undefined}
                        inputMode={column.numeric ? 'decimal' : undefined}
                        autoComplete="off"
                        spellCheck={false}
                        maxLength={column.maxLength}
                        placeholder={column.placeholder?.(index)}
                        data-testid={`${testIdPrefix}-line-${column.name}`}
                        data-line={index}
                        data-field={column.name}
                        aria-label={`${column.label} ${index + 1}`}
                        aria-invalid={problem !== undefined}
                        value={line[column.field]}
                        onChange={(event) => onChange(index, column.field, event.target.value)}
                      />
                      {problem !== undefined && <ProblemText text={problem} testId={`${testIdPrefix}-field-problem`} />}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`${testIdPrefix}-remove-line`}
                    aria-label={t('form.lines.removeLabel', { number: index + 1 })}
                    onClick={() => onRemove(index)}
                  >
                    {t('form.lines.remove')}
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
