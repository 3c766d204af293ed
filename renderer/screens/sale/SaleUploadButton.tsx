import { useTranslation } from 'react-i18next';
import type { PaymentCharged, PaymentChargedFromLog } from '../../../common/contract';
import { openSaleFromPayment } from './open-from-payment';

/** Shows the payment result's 上传销售积分 button, which does what F4 does there. */
export function SaleUploadButton({ result }: { result: PaymentCharged | PaymentChargedFromLog }) {
  const { t } = useTranslation();
  return (
    <button type="button" data-testid="sale-upload-open" onClick={() => openSaleFromPayment(result)}>
      {t('sale.open')}
    </button>
  );
}
