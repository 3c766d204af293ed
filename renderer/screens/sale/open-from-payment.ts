import type { PaymentCharged, PaymentChargedFromLog } from '../../../common/contract';
import { useMemberStore } from '../../stores/member';
import { useNavigationStore } from '../../stores/navigation';
import { toSaleMember, useSaleStore, type SaleMember } from '../../stores/sale';
import { SALE_SCREEN_ID } from './screen-id';

/**
 * Opens the sale screen for a charged stored-value payment: its order number, member, 原价 as the
 * total and 实付 as the paid amount. The cashier then enters the goods lines.
 */
export function openSaleFromPayment(result: PaymentCharged | PaymentChargedFromLog): void {
  const { lookup } = useMemberStore.getState();
  const shown = lookup.phase === 'found' && lookup.member.customerId === result.customerId ? lookup.member : null;
  // The member panel may show someone else by now; the payment's own ids are what main checks.
  const member: SaleMember = shown
    ? toSaleMember(shown)
    : { customerId: result.customerId, cardNo: result.cardNo, name: null, phoneMasked: null, frozen: false };

  void useSaleStore.getState().startFromPayment({
    orderNo: result.orderNo,
    member,
    priceFen: result.priceFen,
    actualPaymentFen: result.actualPaymentFen,
  });
  useNavigationStore.getState().showScreen(SALE_SCREEN_ID);
}
