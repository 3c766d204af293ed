import { useMemberStore } from '../../stores/member';
import { isPaymentBusy, usePaymentStore } from '../../stores/payment';
import { openSaleFromPayment } from '../sale/open-from-payment';
import { AMOUNT_INPUT_ID, SEARCH_INPUT_ID, focusField } from './focus';

// What the checkout's keys and buttons do beyond a single store: moving between customers and
// stepping back through the stages of a payment.

/** Starts over for the next customer: empty amount, no member, focus in the search box. */
export function startNextCustomer(): void {
  const payment = usePaymentStore.getState();
  if (isPaymentBusy(payment.flow)) return;

  payment.reset();
  useMemberStore.getState().clear();
  focusField(SEARCH_INPUT_ID);
}

/**
 * Esc steps back one stage of the checkout; F2 and F3 focus the search and amount fields. F4 opens
 * the sale upload of a charged payment.
 */
export function installCheckoutKeys(): () => void {
  const handleKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'F2') {
      event.preventDefault();
      focusField(SEARCH_INPUT_ID);
    } else if (event.key === 'F3') {
      event.preventDefault();
      focusField(AMOUNT_INPUT_ID);
    } else if (event.key === 'F4') {
      event.preventDefault();
      openChargedSale();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      stepBack();
    }
  };
  window.addEventListener('keydown', handleKeyDown);
  return () => window.removeEventListener('keydown', handleKeyDown);
}

/** Opens the sale upload of the payment on screen, if the server charged it. */
function openChargedSale(): void {
  const { flow } = usePaymentStore.getState();
  if (flow.phase === 'charged') openSaleFromPayment(flow.result);
  else if (flow.phase === 'unknown' && flow.resolution.state === 'charged') openSaleFromPayment(flow.resolution.result);
}

function stepBack(): void {
  const member = useMemberStore.getState();
  const payment = usePaymentStore.getState();
  const { flow } = payment;

  if (member.lookup.phase === 'choosing') {
    member.clear();
    focusField(SEARCH_INPUT_ID);
    return;
  }

  switch (flow.phase) {
    case 'confirming':
    case 'failed':
      payment.back();
      focusField(AMOUNT_INPUT_ID);
      return;
    case 'charged':
      startNextCustomer();
      return;
    case 'unknown':
      if (flow.resolution.state === 'charged') startNextCustomer();
      if (flow.resolution.state === 'not-charged') {
        payment.back();
        focusField(AMOUNT_INPUT_ID);
      }
      return;
    case 'sending':
      return;
    case 'editing':
      if (payment.amountText !== '') {
        payment.setAmountText('');
        focusField(AMOUNT_INPUT_ID);
      } else {
        startNextCustomer();
      }
  }
}
