import type { KeyboardEvent } from 'react';

/**
 * Moves the focus to the form's next enabled input or select on Enter, as a scanner's Enter after
 * a code should, and calls `onLastField` on Enter in the last one. A held-down Enter that repeats
 * is ignored. Meant as a form's onKeyDown handler.
 */
export function moveFocusOnEnter(event: KeyboardEvent<HTMLFormElement>, onLastField: () => void): void {
  const { target } = event;
  if (event.key !== 'Enter' || event.repeat) return;
  if (!(target instanceof HTMLInputElement) && !(target instanceof HTMLSelectElement)) return;

  event.preventDefault();
  const fields = [...event.currentTarget.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled])')];
  const next = fields[fields.indexOf(target) + 1];
  if (next) next.focus();
  else onLastField();
}
