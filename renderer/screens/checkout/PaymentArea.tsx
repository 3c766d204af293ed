import { useMemberStore } from '../../stores/member';
import { usePaymentStore } from '../../stores/payment';
import { startNextCustomer } from './actions';
import { PaymentConfirm } from './PaymentConfirm';
import { PaymentFailure } from './PaymentFailure';
import { PaymentForm } from './PaymentForm';
import { PaymentResult } from './PaymentResult';
import { UnknownOutcome } from './UnknownOutcome';

/** Shows the payment column for the current stage of the payment. */
export function PaymentArea() {
  const flow = usePaymentStore((state) => state.flow);
  const member = useMemberStore((state) => (state.lookup.phase === 'found' ? state.lookup.member : null));

  switch (flow.phase) {
    case 'editing':
      return <PaymentForm member={member} />;
    case 'confirming':
    case 'sending':
      return <PaymentConfirm member={flow.member} priceFen={flow.priceFen} sending={flow.phase === 'sending'} />;
    case 'charged':
      return <PaymentResult result={flow.result} onNext={startNextCustomer} />;
    case 'unknown':
      return <UnknownOutcome payment={flow.payment} resolution={flow.resolution} onNext={startNextCustomer} />;
    case 'failed':
      return <PaymentFailure error={flow.error} />;
  }
}
