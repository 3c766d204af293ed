// Chinese input methods in full-width mode type digits, letters and punctuation as full-width
// characters ("１２", "ＣＡＲＤ", "１２．５") and the period as the ideographic full stop "。".
// Everything a cashier types passes through normalizeTypedText before it is parsed or sent.

/**
 * Normalizes typed text to NFKC, which maps full-width forms to ASCII ("１２" → "12", "　" → " "),
 * turns "。" into ".", and trims surrounding white space.
 */
export function normalizeTypedText(text: string): string {
  return text.normalize('NFKC').replaceAll('。', '.').trim();
}
