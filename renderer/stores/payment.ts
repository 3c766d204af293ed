import { create } from 'zustand';
import type {
  IpcError,
  MemberView,
  PaymentAppliedLate,
  PaymentCharged,
  PaymentChargedFromLog,
  PaymentUnknown,
} from '../../common/contract';
import { requireTillApi, settleReply } from '../bridge';
import { checkPayment } from '../lib/payment-check';
import { currentConnection } from './till-status';
import { useMemberStore } from './member';

// One stored-value payment, from the amount the cashier types to the server's result. The till
// never sends a payment twice: `confirm` works only from the confirming phase and leaves it before
// its first await, and an unknown outcome is settled by `payment:resolve`, never by resending.

/** The state of an unknown outcome after looking its order number up in the transaction log. */
export type Resolution =
  | { state: 'checking' }
  | { state: 'charged'; result: PaymentChargedFromLog }
  | { state: 'not-charged' }
  /** The log could not be read; the cashier may retry the look-up. */
  | { state: 'undetermined'; error: IpcError };

export type PaymentFlow =
  | { phase: 'editing' }
  | { phase: 'confirming'; member: MemberView; priceFen: number }
  | { phase: 'sending'; member: MemberView; priceFen: number }
  | { phase: 'charged'; result: PaymentCharged }
  | { phase: 'unknown'; payment: PaymentUnknown; resolution: Resolution }
  /** The payment failed with certainty (nothing was charged) or was rejected. */
  | { phase: 'failed'; error: IpcError };

interface PaymentState {
  amountText: string;
  /** True after the cashier first tried to go on, so an empty amount is reported only then. */
  attempted: boolean;
  flow: PaymentFlow;
  setAmountText(text: string): void;
  /** Checks the amount and, if it passes, moves to the confirmation. Returns whether it did. */
  requestConfirmation(): boolean;
  /** Sends the payment. Does nothing unless the cashier is looking at the confirmation. */
  confirm(): Promise<void>;
  /** Looks the unknown payment's order number up again. */
  resolve(): Promise<void>;
  /**
   * Esc: leaves the confirmation, or returns to editing (keeping the amount) after a failure or a
   * payment the log shows as not charged.
   */
  back(): void;
  /** Starts over with an empty amount, e.g. for the next customer. */
  reset(): void;
  /**
   * Leaves a payment whose outcome the log could not tell, so the till can serve the next
   * customer. Main keeps it in `payment:unresolved`, and the checkout screen lists it until settled.
   */
  postponeUnsettled(): void;
  /** Payments of this till whose outcome is still unknown, oldest first. */
  unresolved: PaymentUnknown[];
  /** Reads the unresolved payments from main. */
  loadUnresolved(): Promise<void>;
  /** Opens an unresolved payment from the list and looks it up in the transaction log. */
  openUnresolved(payment: PaymentUnknown): Promise<void>;
  /**
   * Shows a payment that a later log check found charged. When the screen still shows 未扣款 for
   * it, the verdict turns to 已扣款, so the cashier is not offered to take the payment again.
   */
  applyLateCharge(late: PaymentAppliedLate): void;
}

/** Error codes of `payment:pay` after which the member panel may show an old balance or state. */
const STALE_MEMBER_CODES: ReadonlySet<IpcError['code']> = new Set(['rejected', 'insufficient-balance', 'frozen']);

/** True while a `payment:resolve` call is out, so a second press of Retry sends nothing. */
let resolveInFlight = false;

/** Returns the member the payment is for: the one the member panel shows. */
function currentMember(): MemberView | null {
  const { lookup } = useMemberStore.getState();
  return lookup.phase === 'found' ? lookup.member : null;
}

export const usePaymentStore = create<PaymentState>()((set, get) => ({
  amountText: '',
  attempted: false,
  flow: { phase: 'editing' },
  unresolved: [],

  setAmountText(amountText) {
    if (get().flow.phase !== 'editing') return;
    set({ amountText });
  },

  requestConfirmation() {
    const { flow, amountText } = get();
    if (flow.phase !== 'editing') return false;

    set({ attempted: true });
    const member = currentMember();
    const check = checkPayment(amountText, member, currentConnection());
    if (check.problem || !member || check.priceFen === null) return false;

    set({ flow: { phase: 'confirming', member, priceFen: check.priceFen } });
    return true;
  },

  async confirm() {
    const { flow } = get();
    if (flow.phase !== 'confirming') return;

    // Leaving `confirming` synchronously is the guard against a second press while in flight.
    const { member, priceFen } = flow;
    set({ flow: { phase: 'sending', member, priceFen } });

    // NOTE: a call that throws instead of replying shows as an `internal` failure. Main still
    // records any payment it sent, so it appears under `payment:unresolved` if its outcome is open.
    const reply = await settleReply(() =>
      requireTillApi().payment.pay({ customerId: member.customerId, cardNo: member.cardNo, amountFen: priceFen }),
    );

    if (!reply.ok) {
      set({ flow: { phase: 'failed', error: reply.error } });
      // Without an order number in the reply, the open payment can only be found in main's list.
      if (reply.error.code === 'unknown-outcome' || reply.error.code === 'internal') void get().loadUnresolved();
      // After these codes the member may have changed since the panel read it, e.g. another till
      // spent the balance, so the panel reads the member again to show the server's balance.
      if (STALE_MEMBER_CODES.has(reply.error.code)) await useMemberStore.getState().reread(member.customerId, member.cardNo);
      return;
    }

    if (reply.value.status === 'charged') {
      applyCharged(reply.value);
      set({ flow: { phase: 'charged', result: reply.value } });
      return;
    }

    set({ flow: { phase: 'unknown', payment: reply.value, resolution: { state: 'checking' } } });
    await get().resolve();
  },

  async resolve() {
    const { flow } = get();
    if (resolveInFlight || flow.phase !== 'unknown' || !isUnsettled(flow)) return;

    const { payment } = flow;
    set({ flow: { phase: 'unknown', payment, resolution: { state: 'checking' } } });

    resolveInFlight = true;
    const reply = await settleReply(() => requireTillApi().payment.resolve({ orderNo: payment.orderNo }));
    resolveInFlight = false;
    const current = get().flow;
    if (current.phase !== 'unknown' || current.payment.orderNo !== payment.orderNo) return;

    let resolution: Resolution;
    if (!reply.ok) {
      resolution = { state: 'undetermined', error: reply.error };
    } else if (reply.value.status === 'charged') {
      applyCharged(reply.value);
      resolution = { state: 'charged', result: reply.value };
    } else {
      resolution = { state: 'not-charged' };
    }
    set({ flow: { phase: 'unknown', payment, resolution } });
    if (resolution.state !== 'undetermined') {
      set({ unresolved: get().unresolved.filter((entry) => entry.orderNo !== payment.orderNo) });
    }
  },

  back() {
    const { flow } = get();
    const notCharged = flow.phase === 'unknown' && flow.resolution.state === 'not-charged';
    if (flow.phase === 'confirming' || flow.phase === 'failed' || notCharged) {
      set({ flow: { phase: 'editing' } });
    }
  },

  reset() {
    const { flow } = get();
    // A payment in flight or still unsettled must stay on screen until its outcome is known.
    if (flow.phase === 'sending' || isUnsettled(flow)) return;
    set({ amountText: '', attempted: false, flow: { phase: 'editing' } });
  },

  postponeUnsettled() {
    const { flow } = get();
    if (flow.phase !== 'unknown' || flow.resolution.state !== 'undetermined') return;

    set({ amountText: '', attempted: false, flow: { phase: 'editing' } });
    void get().loadUnresolved();
  },

  async loadUnresolved() {
    const reply = await settleReply(() => requireTillApi().payment.unresolved());
    if (reply.ok) set({ unresolved: reply.value.payments });
  },

  async openUnresolved(payment) {
    if (get().flow.phase !== 'editing') return;

    set({ flow: { phase: 'unknown', payment, resolution: { state: 'checking' } } });
    await get().resolve();
  },

  applyLateCharge(late) {
    const { flow } = get();
    if (flow.phase !== 'unknown' || flow.payment.orderNo !== late.orderNo || flow.resolution.state !== 'not-charged') return;

    const result: PaymentChargedFromLog = {
      status: 'charged',
      orderNo: late.orderNo,
      customerId: late.customerId,
      cardNo: late.cardNo,
      priceFen: late.priceFen,
      discountRatePercent: null,
      discountFen: late.actualPaymentFen === null ? null : late.priceFen - late.actualPaymentFen,
      actualPaymentFen: late.actualPaymentFen,
      balanceFen: null,
    };
    set({ flow: { phase: 'unknown', payment: flow.payment, resolution: { state: 'charged', result } } });

    // The balance after the late charge comes from reading the member again.
    void useMemberStore
      .getState()
      .reread(late.customerId, late.cardNo)
      .then(() => {
        const member = currentMember();
        const current = get().flow;
        if (member === null || member.customerId !== late.customerId) return;
        if (current.phase !== 'unknown' || current.payment.orderNo !== late.orderNo || current.resolution.state !== 'charged') return;
        const withBalance = { ...current.resolution.result, balanceFen: member.balanceFen };
        set({ flow: { phase: 'unknown', payment: current.payment, resolution: { state: 'charged', result: withBalance } } });
      });
  },
}));

/** True while a payment's outcome is unknown and the cashier must not start another one. */
export function isUnsettled(flow: PaymentFlow): boolean {
  return flow.phase === 'unknown' && (flow.resolution.state === 'checking' || flow.resolution.state === 'undetermined');
}

/** True while the payment blocks looking up another member. */
export function isPaymentBusy(flow: PaymentFlow): boolean {
  return flow.phase === 'sending' || isUnsettled(flow);
}

function applyCharged(result: PaymentCharged | PaymentChargedFromLog): void {
  if (result.balanceFen !== null) {
    useMemberStore.getState().updateBalance(result.customerId, result.balanceFen);
  }
}
