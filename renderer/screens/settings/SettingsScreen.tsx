import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/error-text';
import { ConnectionTestResultView } from './ConnectionTestResult';
import { ModeSection } from './ModeSection';
import { DamagedFileNotice, SecretStateNotice } from './Notices';
import { SettingsFormSection } from './SettingsFormSection';
import { useSettingsScreenStore } from './store';
import './settings.css';

/** Shows the store manager's settings: the mode, the connection fields, the secret and the connection test. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const view = useSettingsScreenStore((state) => state.view);
  const loadError = useSettingsScreenStore((state) => state.loadError);
  const load = useSettingsScreenStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) {
    return (
      <p className="message message-error" role="alert" data-testid="settings-load-error">
        {errorText(t, loadError)}
      </p>
    );
  }
  if (!view) {
    return <p className="message message-progress">{t('settings.loading')}</p>;
  }

  return (
    <div className="settings" data-testid="settings-screen">
      <h1>{t('settings.title')}</h1>
      <DamagedFileNotice view={view} />
      <ModeSection view={view} />
      <SecretStateNotice view={view} />
      <SettingsFormSection view={view} />
      <ConnectionTestResultView />
    </div>
  );
}
