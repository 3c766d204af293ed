import type { ReactNode } from 'react';
import './forms.css';

/** Shows a labelled field with the text of its problem, if any, below it. */
export function FormField({
  id,
  label,
  problem,
  problemTestId,
  children,
}: {
  id: string;
  label: string;
  /** The problem's locale text, or undefined when the field is fine. */
  problem: string | undefined;
  problemTestId: string;
  children: ReactNode;
}) {
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {problem !== undefined && <ProblemText text={problem} testId={problemTestId} />}
    </div>
  );
}

/** Shows a field's problem in red under the field. */
export function ProblemText({ text, testId }: { text: string; testId: string }) {
  return (
    <span className="field-problem" data-testid={testId}>
      {text}
    </span>
  );
}
