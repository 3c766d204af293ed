import { useTranslation } from 'react-i18next';
import { describeDiscount } from '../lib/discount';

/** Shows a discount rate as 8折 / 20% off, or 无折扣, and a dash when the rate is unknown. */
export function DiscountText({ ratePercent, testId }: { ratePercent: number | null; testId?: string }) {
  const { t } = useTranslation();
  if (ratePercent === null) {
    return <span data-testid={testId}>{t('member.panel.noValue')}</span>;
  }

  const label = describeDiscount(ratePercent);
  const text = label.kind === 'none' ? t('discount.none') : t('discount.rate', { zhe: label.zhe, percentOff: label.percentOff });
  return (
    <span data-testid={testId} data-rate={ratePercent}>
      {text}
    </span>
  );
}
