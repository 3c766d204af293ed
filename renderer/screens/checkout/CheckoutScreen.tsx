import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useScanner } from '../../hooks/useScanner';
import { useMemberStore } from '../../stores/member';
import { useNavigationStore } from '../../stores/navigation';
import { isPaymentBusy, usePaymentStore } from '../../stores/payment';
import { installCheckoutKeys } from './actions';
import { MemberArea } from './MemberArea';
import { MemberSearch } from './MemberSearch';
import { PaymentArea } from './PaymentArea';
import { LateChargeAlerts } from './LateChargeAlerts';
import { UnresolvedList } from './UnresolvedList';

/** How long the "settle the current payment first" notice stays after a refused scan, in ms. */
const SCAN_REFUSED_NOTICE_MS = 5_000;

/**
 * The main screen: find the member (scan or search), then take a stored-value payment.
 * Scans are caught whatever has focus here. Esc goes back one step, F2 and F3 jump to the fields.
 */
export function CheckoutScreen() {
  const { t } = useTranslation();
  const helpOpen = useNavigationStore((state) => state.helpOpen);
  const paymentBusy = usePaymentStore((state) => isPaymentBusy(state.flow));
  const [scanRefused, setScanRefused] = useState(false);

  useEffect(() => {
    void usePaymentStore.getState().loadUnresolved();
  }, []);

  useEffect(() => {
    if (!scanRefused) return;
    const timer = setTimeout(() => setScanRefused(false), SCAN_REFUSED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [scanRefused]);

  const handleScan = useCallback((code: string) => {
    const payment = usePaymentStore.getState();
    // A payment in flight or with an open outcome stays on screen until it is settled.
    if (isPaymentBusy(payment.flow)) {
      setScanRefused(true);
      return;
    }
    setScanRefused(false);
    payment.reset();
    void useMemberStore.getState().search(code, 'scan');
  }, []);

  useScanner(handleScan, !helpOpen);
  useEffect(() => installCheckoutKeys(), []);

  return (
    <div className="checkout">
      <LateChargeAlerts />
      <UnresolvedList disabled={paymentBusy} />
      {scanRefused && (
        <p className="message message-warning" role="alert" data-testid="scan-refused">
          {t('payment.unknown.finishFirst')}
        </p>
      )}
      <div className="checkout-columns">
        <div className="member-column">
          <MemberSearch disabled={paymentBusy} />
          <MemberArea />
        </div>
        <div className="payment-column">
          <PaymentArea />
        </div>
      </div>
    </div>
  );
}
