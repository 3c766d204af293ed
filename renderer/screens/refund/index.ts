import type { ScreenDefinition } from '../registry';
import { RefundScreen } from './RefundScreen';

export const refundScreen: ScreenDefinition = {
  id: 'refund',
  titleKey: 'nav.refund',
  component: RefundScreen,
};
