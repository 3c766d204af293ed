import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { screens } from '../screens';
import { useNavigationStore } from '../stores/navigation';
import './help-overlay.css';

/** The keys of each screen, as locale keys under `help.sections.<screen id>`, in reading order. */
const SCREEN_KEYS: Readonly<Record<string, readonly string[]>> = {
  checkout: ['scan', 'search', 'chooser', 'amount', 'confirm', 'saleUpload', 'escape', 'focusSearch', 'focusAmount'],
  refund: ['scanReceipt', 'scanCard', 'search', 'memberLog', 'amount', 'confirm', 'escape'],
  return: ['scanOrder', 'nextField', 'lastField', 'confirm', 'escape'],
  outbox: ['filter', 'note', 'escape'],
  sale: ['fromPayment', 'member', 'nextField', 'lastField', 'confirm', 'escape'],
  settings: ['nextField', 'save', 'test', 'mode', 'modeCancel'],
};

/**
 * Shows the F1 list of keys: the keys that work everywhere, screen switching (Ctrl+1…) and the
 * keys of each screen, in navigation order. Esc or F1 closes it (App handles both keys).
 */
export function HelpOverlay() {
  const { t } = useTranslation();
  const setHelpOpen = useNavigationStore((state) => state.setHelpOpen);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => closeButton.current?.focus(), []);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
      <div className="overlay-card help-card">
        <h2 id="help-title">{t('help.title')}</h2>
        <div className="help-sections">
          <section className="help-section" data-testid="help-section-general" aria-labelledby="help-section-general-title">
            <h3 id="help-section-general-title">{t('help.general.title')}</h3>
            <ul className="help-keys">
              <li>{t('help.general.help')}</li>
              <li>{t('help.general.close')}</li>
              {screens.map((screen, index) => (
                <li key={screen.id} data-testid={`help-switch-${screen.id}`}>
                  {t('help.general.switch', { number: index + 1, screen: t(screen.titleKey) })}
                </li>
              ))}
            </ul>
          </section>
          {screens.map((screen, index) => {
            const keys = SCREEN_KEYS[screen.id];
            if (keys === undefined) return null;
            const titleId = `help-section-${screen.id}-title`;
            return (
              <section key={screen.id} className="help-section" data-testid={`help-section-${screen.id}`} aria-labelledby={titleId}>
                <h3 id={titleId}>{t('help.sectionTitle', { screen: t(screen.titleKey), number: index + 1 })}</h3>
                <ul className="help-keys">
                  {keys.map((key) => (
                    <li key={key}>{t(`help.sections.${screen.id}.${key}`)}</li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
        <button ref={closeButton} type="button" data-testid="help-close" onClick={() => setHelpOpen(false)}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
