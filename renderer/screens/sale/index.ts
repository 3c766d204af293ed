import type { ScreenDefinition } from '../registry';
import { SaleScreen } from './SaleScreen';
import { SALE_SCREEN_ID } from './screen-id';

export { SaleUploadButton } from './SaleUploadButton';
export { openSaleFromPayment } from './open-from-payment';

export const saleScreen: ScreenDefinition = {
  id: SALE_SCREEN_ID,
  titleKey: 'nav.sale',
  component: SaleScreen,
};
