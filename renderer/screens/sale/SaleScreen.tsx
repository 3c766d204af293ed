import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigationStore } from '../../stores/navigation';
import { useSaleStore } from '../../stores/sale';
import { useEscapeKey } from '../outbox/useConfirmKey';
import { SaleConfirm } from './SaleConfirm';
import { SaleFailure } from './SaleFailure';
import { SaleForm } from './SaleForm';
import { SaleResult } from './SaleResult';
import '../outbox/shared.css';
import '../../components/forms.css';
import './sale.css';

/**
 * Shows the sale upload screen (销售上传): the order number, the member, the goods lines, 实付 and
 * the pay type, then a confirmation and main's result with the points the order earned. Esc steps
 * back from the confirmation or a failure, and after a result starts a new sale.
 */
export function SaleScreen() {
  const flow = useSaleStore((state) => state.flow);
  const back = useSaleStore((state) => state.back);
  const helpOpen = useNavigationStore((state) => state.helpOpen);

  // A sale not opened from a payment needs a new order number, handed out once per sale.
  useEffect(() => {
    void useSaleStore.getState().ensureOrderNo();
  }, []);

  useEscapeKey(back, !helpOpen && flow.phase !== 'sending' && flow.phase !== 'editing' && flow.phase !== 'checking');

  return (
    <div className="sale-screen" data-testid="sale-screen" data-phase={flow.phase}>
      <SaleStage />
    </div>
  );
}

function SaleStage() {
  const { t } = useTranslation();
  const flow = useSaleStore((state) => state.flow);
  switch (flow.phase) {
    case 'editing':
      return <SaleForm />;
    case 'checking':
      return (
        <p className="message message-progress" role="status" data-testid="sale-checking">
          {t('sale.checking', { orderNo: flow.orderNo })}
        </p>
      );
    case 'confirming':
    case 'sending':
      return <SaleConfirm request={flow.request} member={flow.member} sending={flow.phase === 'sending'} />;
    case 'done':
      return <SaleResult reply={flow.reply} request={flow.request} member={flow.member} />;
    case 'uploaded':
      return <SaleResult reply={flow.reply} earlier />;
    case 'failed':
      return <SaleFailure request={flow.request} member={flow.member} error={flow.error} />;
  }
}
