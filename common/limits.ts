// Length limits of the codes a cashier scans or types. The IPC contract, the VIPax client's checks
// and the renderer's forms all use these, so a code whose length the screen accepts also passes
// the contract and the client.

/**
 * Maximum length of a VIPax code: card number (vip_no), goods code, SKU code and the return
 * upload's member card number. The VIPax API manual 2.2 types each of them String(32).
 */
export const MAX_CODE_LENGTH = 32;

/** Maximum length of an order number, the till's own or an original one from another system. */
// NOTE: the manual gives no length for order numbers, so 64 is the till's own bound, not VIPax's.
export const MAX_ORDER_NO_LENGTH = 64;
