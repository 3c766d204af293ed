/** The outbox screen's id in the navigation, which the refund and return results link to. */
export const OUTBOX_SCREEN_ID = 'outbox';
