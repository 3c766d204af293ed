/** The sale screen's id in the navigation, which the payment result opens with F4. */
export const SALE_SCREEN_ID = 'sale';
