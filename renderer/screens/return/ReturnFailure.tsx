import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../common/contract';
import { errorText } from '../../lib/error-text';
import { useReturnStore } from '../../stores/return';

/** Shows a return that main rejected before writing it, so nothing was recorded. Esc goes back to the form. */
export function ReturnFailure({ error }: { error: IpcError }) {
  const { t } = useTranslation();
  const back = useReturnStore((state) => state.back);

  return (
    <section className="return-panel return-failure" data-testid="return-failure" aria-labelledby="return-failure-title">
      <h2 id="return-failure-title">{t('return.failed.title')}</h2>
      <p className="message message-error" role="alert" data-testid="return-error" data-error-code={error.code}>
        {error.code === 'rejected' ? t('return.failed.rejected', { message: error.message }) : errorText(t, error)}
      </p>
      <p className="note">{t('return.failed.nothingWritten')}</p>
      <button type="button" data-testid="return-error-back" onClick={back} autoFocus>
        {t('return.confirm.back')}
      </button>
    </section>
  );
}
