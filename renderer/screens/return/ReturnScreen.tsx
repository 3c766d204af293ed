import { useNavigationStore } from '../../stores/navigation';
import { useReturnStore } from '../../stores/return';
import { useEscapeKey } from '../outbox/useConfirmKey';
import { ReturnConfirm } from './ReturnConfirm';
import { ReturnFailure } from './ReturnFailure';
import { ReturnForm } from './ReturnForm';
import { ReturnResult } from './ReturnResult';
import '../outbox/shared.css';
import '../../components/forms.css';
import './return.css';

/**
 * Shows the return screen (退货): the sale's order number, the member, the goods lines and whether to
 * take back the sale's points, then a confirmation and main's result. Esc steps back from the
 * confirmation, a failure or a result; it never clears the form.
 */
export function ReturnScreen() {
  const flow = useReturnStore((state) => state.flow);
  const back = useReturnStore((state) => state.back);
  const helpOpen = useNavigationStore((state) => state.helpOpen);

  useEscapeKey(back, !helpOpen && flow.phase !== 'sending' && flow.phase !== 'editing');

  return (
    <div className="return-screen" data-testid="return-screen" data-phase={flow.phase}>
      <ReturnStage />
    </div>
  );
}

function ReturnStage() {
  const flow = useReturnStore((state) => state.flow);
  switch (flow.phase) {
    case 'editing':
      return <ReturnForm />;
    case 'confirming':
    case 'sending':
      return <ReturnConfirm request={flow.request} totalFen={flow.totalFen} sending={flow.phase === 'sending'} />;
    case 'done':
      return <ReturnResult request={flow.request} reply={flow.reply} />;
    case 'failed':
      return <ReturnFailure error={flow.error} />;
  }
}
