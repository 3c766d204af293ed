import { useTranslation } from 'react-i18next';
import type { PaymentCharged, PaymentChargedFromLog } from '../../../common/contract';
import { DiscountText } from '../../components/DiscountText';
import { Figure } from '../../components/Figure';
import { Money } from '../../components/Money';
import { SaleUploadButton } from '../sale/SaleUploadButton';

/**
 * Shows the server's figures for a charged payment: 原价, 折扣率, 优惠金额, 实付 and the new
 * balance. Figures the server left out (possible when the charge was found in the log) show as a dash.
 */
export function PaymentFigures({ result }: { result: PaymentCharged | PaymentChargedFromLog }) {
  const { t } = useTranslation();
  const noValue = t('member.panel.noValue');

  return (
    <dl className="figures result-figures">
      <Figure label={t('payment.result.orderNo')}>
        <span className="order-no" data-testid="result-order-no">
          {result.orderNo}
        </span>
      </Figure>
      <Figure label={t('payment.result.original')}>
        <Money fen={result.priceFen} testId="result-original" />
      </Figure>
      <Figure label={t('payment.result.rate')}>
        <DiscountText ratePercent={result.discountRatePercent} testId="result-rate" />
      </Figure>
      <Figure label={t('payment.result.discountAmount')}>
        {result.discountFen === null ? (
          <span data-testid="result-discount">{noValue}</span>
        ) : (
          <Money fen={result.discountFen} testId="result-discount" />
        )}
      </Figure>
      <Figure label={t('payment.result.actual')} emphasis>
        {result.actualPaymentFen === null ? (
          <span data-testid="result-actual">{noValue}</span>
        ) : (
          <Money fen={result.actualPaymentFen} testId="result-actual" />
        )}
      </Figure>
      <Figure label={t('payment.result.newBalance')} emphasis>
        {result.balanceFen === null ? (
          <span data-testid="result-balance">{t('payment.result.balanceUnavailable')}</span>
        ) : (
          <Money fen={result.balanceFen} testId="result-balance" />
        )}
      </Figure>
    </dl>
  );
}

/**
 * Shows a payment the server confirmed. Esc (or the button) starts on the next customer, and F4
 * (or the button) opens the sale upload for the payment's points.
 */
export function PaymentResult({ result, onNext }: { result: PaymentCharged; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="payment-result" data-testid="result-panel" aria-labelledby="result-title">
      <h2 id="result-title" className="success">
        {t('payment.result.title')}
      </h2>
      <PaymentFigures result={result} />
      <div className="button-row">
        <button type="button" className="primary" data-testid="result-next" onClick={onNext} autoFocus>
          {t('payment.result.next')}
        </button>
        <SaleUploadButton result={result} />
      </div>
    </section>
  );
}
