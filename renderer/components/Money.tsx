import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../common/money';

/** Shows an amount in fen as yuan with two decimals, e.g. ¥1,234.56 or -¥0.01. */
export function Money({ fen, testId }: { fen: number; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="money" data-testid={testId} data-fen={fen}>
      {t(fen < 0 ? 'money.negativeYuan' : 'money.yuan', { amount: formatYuan(Math.abs(fen)) })}
    </span>
  );
}
