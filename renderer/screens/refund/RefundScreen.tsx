import { useCallback, useEffect } from 'react';
import { useScanner } from '../../hooks/useScanner';
import { useNavigationStore } from '../../stores/navigation';
import { TILL_ORDER_NO_PATTERN, useRefundStore } from '../../stores/refund';
import { useEscapeKey } from '../outbox/useConfirmKey';
import { MemberLogSearch } from './MemberLogSearch';
import { PaymentSearch } from './PaymentSearch';
import { RefundablePayments } from './RefundablePayments';
import { RefundConfirm } from './RefundConfirm';
import { RefundFailure } from './RefundFailure';
import { RefundForm } from './RefundForm';
import { RefundResult } from './RefundResult';
import '../outbox/shared.css';
import './refund.css';
import { normalizeTypedText } from '../../../common/typed-text';

/**
 * Shows the refund screen (储值退款). The cashier picks the payment from today's list of this till,
 * a search by order number, a scan of the receipt's order-number barcode, or online from the
 * member's transaction log (typed, or a scanned card). Then come the amount, a confirmation and
 * main's result, and Esc steps back one stage.
 */
export function RefundScreen() {
  const flow = useRefundStore((state) => state.flow);
  const helpOpen = useNavigationStore((state) => state.helpOpen);

  useEffect(() => {
    void useRefundStore.getState().reloadList();
  }, []);

  // A scan in this till's order-number format is a receipt's barcode; anything else is taken as a
  // member card, whose transaction log is read.
  const scanAllowed = flow.phase === 'choosing' || flow.phase === 'editing' || flow.phase === 'done' || flow.phase === 'failed';
  const handleScan = useCallback((code: string) => {
    const refund = useRefundStore.getState();
    refund.returnToList();
    if (TILL_ORDER_NO_PATTERN.test(normalizeTypedText(code))) void refund.search(code);
    else void refund.searchMemberLog(code);
  }, []);
  useScanner(handleScan, !helpOpen && scanAllowed);

  const back = useRefundStore((state) => state.back);
  useEscapeKey(back, !helpOpen && flow.phase !== 'sending');

  return (
    <div className="refund-screen" data-testid="refund-screen" data-phase={flow.phase}>
      {flow.phase === 'choosing' ? (
        <>
          <PaymentSearch />
          <RefundablePayments />
          <MemberLogSearch />
        </>
      ) : (
        <RefundStage />
      )}
    </div>
  );
}

function RefundStage() {
  const flow = useRefundStore((state) => state.flow);
  switch (flow.phase) {
    case 'choosing':
      return null;
    case 'editing':
      return <RefundForm payment={flow.payment} />;
    case 'confirming':
    case 'sending':
      return <RefundConfirm payment={flow.payment} amountFen={flow.amountFen} sending={flow.phase === 'sending'} />;
    case 'done':
      return <RefundResult payment={flow.payment} amountFen={flow.amountFen} reply={flow.reply} />;
    case 'failed':
      return <RefundFailure payment={flow.payment} amountFen={flow.amountFen} error={flow.error} />;
  }
}
