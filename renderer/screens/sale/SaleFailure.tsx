import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { IpcError, OrderUploadRequest } from '../../../common/contract';
import { errorText } from '../../lib/error-text';
import { useSaleStore, type SaleMemberSummary } from '../../stores/sale';
import { SaleSummary } from './SaleSummary';

/** Shows a sale upload that main rejected before writing it, so nothing was recorded. Esc goes back to the form. */
export function SaleFailure({ request, member, error }: { request: OrderUploadRequest; member: SaleMemberSummary; error: IpcError }) {
  const { t } = useTranslation();
  const back = useSaleStore((state) => state.back);

  return (
    <section className="sale-panel sale-failure" data-testid="sale-failure" aria-labelledby="sale-failure-title">
      <h2 id="sale-failure-title">{t('sale.failed.title')}</h2>
      <p className="message message-error" role="alert" data-testid="sale-error" data-error-code={error.code}>
        {failureText(t, error, request.orderNo)}
      </p>
      <p className="note">{t('sale.failed.nothingWritten')}</p>
      <SaleSummary request={request} member={member} />
      <button type="button" data-testid="sale-error-back" onClick={back} autoFocus>
        {t('sale.confirm.back')}
      </button>
    </section>
  );
}

/** Returns the words for main's rejection; the common ones have a text specific to a sale. */
export function failureText(t: TFunction, error: IpcError, orderNo: string): string {
  if (error.code === 'already-exists') return t('sale.alreadyUploaded', { orderNo });
  if (error.code === 'not-found' && error.field === 'memberPhone') return t('sale.failed.noPhone');
  if (error.code === 'invalid-input' && error.field === 'orderNo') return t('sale.failed.paymentNotApplied');
  if (error.code === 'not-found' && error.field === 'orderNo') return t('sale.failed.unknownOrderNo', { orderNo });
  if (error.code === 'invalid-input' && error.field === 'goods') return t('sale.failed.linesNotPaid');
  const line = error.code === 'invalid-input' ? /^goods\.(\d+)\.discountedPriceFen$/.exec(error.field ?? '') : null;
  if (line) return t('sale.failed.lineDiscounted', { line: Number(line[1]) + 1 });
  if (error.code === 'frozen') return t('sale.problem.member-frozen');
  if (error.code === 'rejected') return t('sale.failed.rejected', { message: error.message });
  return errorText(t, error);
}
