import { useTranslation } from 'react-i18next';
import { SettingsAlert } from '../screens/settings';
import { useNavigationStore } from '../stores/navigation';
import { useTillStatusStore } from '../stores/till-status';
import { LanguageToggle } from './LanguageToggle';
import { OutboxIndicator } from './OutboxIndicator';

/**
 * Shows the bar at the top of every screen: the training-mode band, store and till ids,
 * connection, the outbox indicator, the language switch and the key help.
 */
export function Header() {
  const { t } = useTranslation();
  const status = useTillStatusStore((state) => state.status);
  const setHelpOpen = useNavigationStore((state) => state.setHelpOpen);
  const connection = status?.connection ?? 'checking';

  return (
    <header className="app-header" data-testid="app-header">
      {status?.mode === 'training' && (
        <div className="training-band" data-testid="mode-banner" data-mode="training" role="status">
          {t('header.trainingBanner')}
        </div>
      )}
      <SettingsAlert />
      <div className="header-bar">
        <span className="app-title">{t('app.title')}</span>
        {status?.mode === 'live' && (
          <span className="live-tag" data-testid="mode-banner" data-mode="live">
            {t('header.liveMode')}
          </span>
        )}
        {status && (
          <span className="till-ids">
            <span data-testid="store-code">{t('header.store', { storeCode: status.storeCode })}</span>
            <span data-testid="till-id">{t('header.till', { tillId: status.tillId })}</span>
          </span>
        )}
        <span className={`connection connection-${connection}`} data-testid="connection-state" data-state={connection}>
          {t(`header.connection.${connection}`)}
        </span>
        <span className="header-spacer" />
        <OutboxIndicator />
        <LanguageToggle />
        <button type="button" className="header-button" data-testid="help-button" onClick={() => setHelpOpen(true)}>
          {t('header.help')}
        </button>
      </div>
    </header>
  );
}
