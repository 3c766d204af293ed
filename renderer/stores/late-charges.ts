import { create } from 'zustand';
import type { PaymentAppliedLate } from '../../common/contract';
import { getTillApi, settleReply } from '../bridge';
import { usePaymentStore } from './payment';

// Payments the till recorded as not charged that a later log check found charged. `start` reads
// them from `payment:late-charges` and adds each `payment:charged-late` event, so the checkout
// screen can alert the cashier to a possible second charge.

export interface LateChargesState {
  /** Newest first, without duplicates by order number. */
  payments: PaymentAppliedLate[];
  /** Reads the list, subscribes to the event and returns the function that unsubscribes. */
  start(): () => void;
  add(payment: PaymentAppliedLate): void;
}

export const useLateChargesStore = create<LateChargesState>()((set, get) => ({
  payments: [],

  start() {
    const api = getTillApi();
    if (!api) return () => undefined;

    const unsubscribe = api.events.onPaymentChargedLate((payment) => get().add(payment));
    void settleReply(() => api.payment.lateCharges()).then((reply) => {
      if (!reply.ok) return;
      for (const payment of [...reply.value.payments].reverse()) get().add(payment);
    });
    return unsubscribe;
  },

  add(payment) {
    const others = get().payments.filter((existing) => existing.orderNo !== payment.orderNo);
    set({ payments: [payment, ...others] });
    usePaymentStore.getState().applyLateCharge(payment);
  },
}));
