import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigationStore } from '../../stores/navigation';
import { useSettingsScreenStore } from './store';

/**
 * Shows a bar on every screen while the settings need the manager: the settings file was damaged
 * and moved aside, live mode failed to start, or the saved secret can no longer be read. Its button opens the settings screen.
 */
export function SettingsAlert() {
  const { t } = useTranslation();
  const view = useSettingsScreenStore((state) => state.view);
  const load = useSettingsScreenStore((state) => state.load);
  const showScreen = useNavigationStore((state) => state.showScreen);

  useEffect(() => {
    void load();
  }, [load]);

  if (view === null) return null;
  let reason: 'damaged' | 'liveStartFailed' | 'secretUnreadable' | null = null;
  let text = '';
  const failure = view.liveStartFailure ?? null;
  if (view.damagedFile !== null) {
    reason = 'damaged';
    text = t('settings.alert.damaged');
  } else if (failure !== null) {
    reason = 'liveStartFailed';
    text = t(`settings.alert.liveStartFailed.${failure.reason}`, { path: failure.journalPath ?? '' });
  } else if (view.secretState === 'unreadable') {
    reason = 'secretUnreadable';
    text = t('settings.alert.secretUnreadable');
  }
  if (reason === null) return null;

  return (
    <div className="settings-alert" role="alert" data-testid="settings-alert" data-reason={reason}>
      <span>{text}</span>
      <button type="button" data-testid="settings-alert-open" onClick={() => showScreen('settings')}>
        {t('settings.alert.open')}
      </button>
    </div>
  );
}
