import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigationStore } from '../stores/navigation';

const KEY_LINES = ['scan', 'search', 'chooser', 'amount', 'confirm', 'escape', 'focusSearch', 'focusAmount', 'help'] as const;

/** Shows the F1 list of keys. Esc or F1 closes it (App handles both keys). */
export function HelpOverlay() {
  const { t } = useTranslation();
  const setHelpOpen = useNavigationStore((state) => state.setHelpOpen);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => closeButton.current?.focus(), []);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
      <div className="overlay-card">
        <h2 id="help-title">{t('help.title')}</h2>
        <ul className="help-keys">
          {KEY_LINES.map((line) => (
            <li key={line}>{t(`help.keys.${line}`)}</li>
          ))}
        </ul>
        <button ref={closeButton} type="button" onClick={() => setHelpOpen(false)}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
