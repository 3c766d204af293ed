import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView, TillMode } from '../../../common/contract';
import { errorText } from '../../lib/error-text';
import { useSettingsScreenStore } from './store';

/** Shows the mode in force and the button that opens the switch confirmation. */
export function ModeSection({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const askModeSwitch = useSettingsScreenStore((state) => state.askModeSwitch);
  const modeDialog = useSettingsScreenStore((state) => state.modeDialog);
  const otherMode: TillMode = view.mode === 'training' ? 'live' : 'training';

  return (
    <section className="settings-section settings-mode" aria-labelledby="settings-mode-title">
      <h2 id="settings-mode-title">{t('settings.mode.title')}</h2>
      <p className={`mode-current mode-${view.mode}`} data-testid="settings-mode" data-mode={view.mode}>
        {t(`settings.mode.current.${view.mode}`)}
      </p>
      <p className="hint">{t(`settings.mode.explain.${view.mode}`)}</p>
      <button type="button" data-testid="settings-mode-switch" data-target={otherMode} onClick={() => askModeSwitch(otherMode)}>
        {t(`settings.mode.switchTo.${otherMode}`)}
      </button>
      {modeDialog && <ModeDialog mode={modeDialog} />}
    </section>
  );
}

/** Asks for confirmation before the till changes mode: the only way the mode changes. */
function ModeDialog({ mode }: { mode: TillMode }) {
  const { t } = useTranslation();
  const switching = useSettingsScreenStore((state) => state.switchingMode);
  const modeError = useSettingsScreenStore((state) => state.modeError);
  const confirm = useSettingsScreenStore((state) => state.confirmModeSwitch);
  const cancel = useSettingsScreenStore((state) => state.cancelModeSwitch);
  const cancelButton = useRef<HTMLButtonElement>(null);

  // Focus starts on Cancel, so a stray Enter does not switch the mode.
  useEffect(() => {
    cancelButton.current?.focus();
  }, []);
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') cancel();
    };
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, [cancel]);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="mode-dialog-title" data-testid="mode-dialog" data-mode={mode}>
      <div className="overlay-card">
        <h2 id="mode-dialog-title">{t(`settings.mode.dialog.title.${mode}`)}</h2>
        <p>{t(`settings.mode.dialog.explain.${mode}`)}</p>
        {modeError && (
          <p className="message message-error" role="alert" data-testid="mode-dialog-error" data-code={modeError.code}>
            {modeError.code === 'not-configured' ? t('settings.mode.notConfigured') : errorText(t, modeError)}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="primary" data-testid="mode-dialog-confirm" disabled={switching} onClick={() => void confirm()}>
            {t(`settings.mode.dialog.confirm.${mode}`)}
          </button>
          <button ref={cancelButton} type="button" data-testid="mode-dialog-cancel" disabled={switching} onClick={cancel}>
            {t('settings.mode.dialog.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
