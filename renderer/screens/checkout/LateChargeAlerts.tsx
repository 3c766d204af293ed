import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../common/money';
import { useLateChargesStore } from '../../stores/late-charges';
import './late-charges.css';

/** Alerts for payments shown as 未扣款 that the server charged later, so a second charge gets refunded. */
export function LateChargeAlerts() {
  const { t } = useTranslation();
  const payments = useLateChargesStore((state) => state.payments);

  if (payments.length === 0) return null;

  return (
    <section className="late-charges" data-testid="late-charges" role="alert">
      {payments.map((payment) => (
        <p key={payment.orderNo} className="message message-warning" data-testid="late-charge" data-order-no={payment.orderNo}>
          {t('payment.lateCharge.message', {
            orderNo: payment.orderNo,
            amount: formatYuan(payment.actualPaymentFen ?? payment.priceFen),
          })}
        </p>
      ))}
    </section>
  );
}
