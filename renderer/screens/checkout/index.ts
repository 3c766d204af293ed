import type { ScreenDefinition } from '../registry';
import { CheckoutScreen } from './CheckoutScreen';

export const checkoutScreen: ScreenDefinition = {
  id: 'checkout',
  titleKey: 'nav.checkout',
  component: CheckoutScreen,
};
