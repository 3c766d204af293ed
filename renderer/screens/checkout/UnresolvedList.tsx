import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../common/money';
import { usePaymentStore } from '../../stores/payment';

/** Payments of this till whose outcome is still unknown, each with a button to look it up again. */
export function UnresolvedList({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const unresolved = usePaymentStore((state) => state.unresolved);
  const openUnresolved = usePaymentStore((state) => state.openUnresolved);

  if (unresolved.length === 0) return null;

  return (
    <section className="unresolved" data-testid="unresolved-list" aria-labelledby="unresolved-title">
      <h2 id="unresolved-title">{t('payment.unresolved.title', { count: unresolved.length })}</h2>
      <ul>
        {unresolved.map((payment) => (
          <li key={payment.orderNo} data-testid="unresolved-item" data-order-no={payment.orderNo}>
            <span>
              {t('payment.unresolved.item', {
                orderNo: payment.orderNo,
                cardNo: payment.cardNo,
                price: formatYuan(payment.priceFen),
              })}
            </span>
            <button type="button" disabled={disabled} onClick={() => void openUnresolved(payment)}>
              {t('payment.unresolved.check')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
