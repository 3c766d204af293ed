// Ids of the two fields the checkout keys jump to (F2, F3, and after a lookup or a reset).

export const SEARCH_INPUT_ID = 'member-search-input';
export const AMOUNT_INPUT_ID = 'payment-amount-input';

export function focusField(id: string): void {
  const field = document.getElementById(id);
  if (field instanceof HTMLInputElement && !field.disabled) {
    field.focus();
    field.select();
  }
}
