// The rule for the store code and the till id, used by the settings schema, the settings screen
// and the journal, so a value the settings accept always fits into an order number.
//
// Order numbers read `${storeCode}-${tillId}-${yyyyMMddHHmmss}-${seq 4 digits}`. The store code
// may contain `-` and `_`, because VIPax assigns it (its `store_code` is a string of up to 32
// characters). The till id may contain `_` but no `-`, so an order number splits back into its
// parts from the right and two tills of one merchant never produce the same number.

/** VIPax's `store_code` is String(32). */
export const MAX_STORE_CODE_LENGTH = 32;
export const MAX_TILL_ID_LENGTH = 16;
/** Maximum length of an order number the till hands out, because the IPC contract accepts order numbers of up to 64 characters. */
export const MAX_ORDER_NO_LENGTH = 64;
/** Length of an order number without its store code and till id: three dashes, the time stamp and the sequence. */
export const ORDER_NO_FIXED_LENGTH = 3 + 14 + 4;
/** The store code and the till id together must not be longer than this. */
export const MAX_STORE_CODE_AND_TILL_ID_LENGTH = MAX_ORDER_NO_LENGTH - ORDER_NO_FIXED_LENGTH;

export const STORE_CODE_PATTERN = /^[A-Za-z0-9_-]+$/;
export const TILL_ID_PATTERN = /^[A-Za-z0-9_]+$/;

export type TillCodeField = 'storeCode' | 'tillId';

/** A store code or till id that cannot be used, with the field to correct and an English message. */
export interface TillCodeProblem {
  field: TillCodeField;
  message: string;
}

/** Checks a store code alone; returns null when it is valid. */
export function checkStoreCode(storeCode: string): TillCodeProblem | null {
  if (storeCode.length === 0 || storeCode.length > MAX_STORE_CODE_LENGTH || !STORE_CODE_PATTERN.test(storeCode)) {
    return {
      field: 'storeCode',
      message: `Invalid store code ${JSON.stringify(storeCode)}: use 1 to ${MAX_STORE_CODE_LENGTH} letters, digits, "-" or "_"`,
    };
  }
  return null;
}

/** Checks a till id alone; returns null when it is valid. */
export function checkTillId(tillId: string): TillCodeProblem | null {
  if (tillId.length === 0 || tillId.length > MAX_TILL_ID_LENGTH || !TILL_ID_PATTERN.test(tillId)) {
    return {
      field: 'tillId',
      message: `Invalid till id ${JSON.stringify(tillId)}: use 1 to ${MAX_TILL_ID_LENGTH} letters, digits or "_"`,
    };
  }
  return null;
}

/**
 * Checks that both values are valid and that the order numbers built from them stay within
 * MAX_ORDER_NO_LENGTH. The length problem names the till id, because the till id is chosen at
 * the till while the store code is given by VIPax. Returns null when both can be used.
 */
export function checkTillCodes(storeCode: string, tillId: string): TillCodeProblem | null {
  const problem = checkStoreCode(storeCode) ?? checkTillId(tillId);
  if (problem !== null) return problem;

  if (storeCode.length + tillId.length > MAX_STORE_CODE_AND_TILL_ID_LENGTH) {
    return {
      field: 'tillId',
      message:
        `Store code and till id are ${storeCode.length + tillId.length} characters together; ` +
        `at most ${MAX_STORE_CODE_AND_TILL_ID_LENGTH} keep order numbers within ${MAX_ORDER_NO_LENGTH}, so shorten the till id`,
    };
  }
  return null;
}
