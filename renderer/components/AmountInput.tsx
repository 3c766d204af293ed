import type { KeyboardEvent, Ref } from 'react';

/** Shows the labelled input of a yuan amount that the payment and refund forms share. */
export function AmountInput({
  id,
  testId,
  label,
  placeholder,
  value,
  onChange,
  disabled,
  onKeyDown,
  inputRef,
}: {
  id: string;
  testId: string;
  label: string;
  placeholder: string;
  /** The amount in yuan, as typed. */
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        data-testid={testId}
        className="amount-input"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        maxLength={16}
        placeholder={placeholder}
        disabled={disabled}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
    </>
  );
}
