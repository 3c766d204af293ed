import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_NOTE_LENGTH } from '../../../common/contract';

interface NoteFormProps {
  testId: string;
  title: string;
  explain: string;
  label: string;
  /** Shown when the cashier submits an empty note. */
  requiredText: string;
  submitText: string;
  backText: string;
  busy: boolean;
  /** Receives the trimmed note; resolves true when the action succeeded. */
  onSubmit(note: string): Promise<boolean>;
  onBack(): void;
}

/** Asks for a written note, e.g. a cancel reason, which is required. Esc inside it goes back. */
export function NoteForm(props: NoteFormProps) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const textArea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => textArea.current?.focus(), []);

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const note = text.trim();
    if (note === '') {
      setMissing(true);
      textArea.current?.focus();
      return;
    }
    setMissing(false);
    void props.onSubmit(note);
  };

  return (
    <form
      className="note-form"
      data-testid={props.testId}
      onSubmit={handleSubmit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        props.onBack();
      }}
    >
      <h3>{props.title}</h3>
      <p className="note">{props.explain}</p>
      <label htmlFor={`${props.testId}-text`}>{props.label}</label>
      <textarea
        ref={textArea}
        id={`${props.testId}-text`}
        data-testid={`${props.testId}-text`}
        rows={2}
        maxLength={MAX_NOTE_LENGTH}
        aria-invalid={missing}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {missing && (
        <p className="message message-error" role="alert" data-testid={`${props.testId}-missing`}>
          {props.requiredText}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" data-testid={`${props.testId}-submit`} disabled={props.busy}>
          {props.submitText}
        </button>
        <button type="button" data-testid={`${props.testId}-back`} disabled={props.busy} onClick={props.onBack}>
          {props.backText}
        </button>
      </div>
    </form>
  );
}
