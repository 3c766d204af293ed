import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../common/contract';

/** Tells the manager that a damaged settings file was moved aside and the settings must be entered again. */
export function DamagedFileNotice({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  if (!view.damagedFile) return null;

  return (
    <p className="message message-warning" role="alert" data-testid="settings-damaged-notice">
      {t('settings.damaged', {
        fileName: view.damagedFile.fileName,
        time: new Date(view.damagedFile.detectedAt).toLocaleString(),
      })}
    </p>
  );
}

/** States whether a secret is saved, how it is protected, or why it can no longer be read. */
export function SecretStateNotice({ view }: { view: SettingsView }) {
  const { t } = useTranslation();

  if (view.secretState === 'unreadable') {
    return (
      <p className="message message-error" role="alert" data-testid="settings-secret-state" data-state="unreadable">
        {t(`settings.secret.unreadable.${view.secretUnreadableReason ?? 'decryption-failed'}`)}
      </p>
    );
  }

  if (view.secretState === 'not-set') {
    return (
      <p className="message message-hint" data-testid="settings-secret-state" data-state="not-set">
        {t('settings.secret.notSet')}
      </p>
    );
  }

  return (
    <p
      className={`message ${view.secretProtection === 'os-encryption' ? 'message-hint' : 'message-warning'}`}
      data-testid="settings-secret-state"
      data-state="set"
      data-protection={view.secretProtection ?? ''}
    >
      {t(`settings.secret.set.${view.secretProtection ?? 'os-encryption'}`)}
    </p>
  );
}
