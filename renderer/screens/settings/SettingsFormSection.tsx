import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IpcError, SettingsView } from '../../../common/contract';
import { errorText } from '../../lib/error-text';
import { useSettingsScreenStore, type SaveOutcome, type SettingsFormField, type TestOutcome } from './store';

// The connection fields. Main validates every value; the screen shows main's verdict next to the
// field it names, in the manager's language.

const TEXT_FIELDS: ReadonlyArray<{ field: Exclude<SettingsFormField, 'secret'>; inputMode?: 'url' | 'decimal' }> = [
  { field: 'serverUrl', inputMode: 'url' },
  { field: 'appid' },
  { field: 'storeCode' },
  { field: 'brandId' },
  { field: 'tillId' },
  { field: 'timeZone' },
  { field: 'connectTimeoutSeconds', inputMode: 'decimal' },
  { field: 'totalTimeoutSeconds', inputMode: 'decimal' },
];

/** Maps a form field to the request field main names in `invalid-input` errors. */
const REQUEST_FIELD: Record<SettingsFormField, string> = {
  serverUrl: 'fields.serverUrl',
  appid: 'fields.appid',
  secret: 'secret',
  storeCode: 'fields.storeCode',
  brandId: 'fields.brandId',
  tillId: 'fields.tillId',
  timeZone: 'fields.timeZone',
  connectTimeoutSeconds: 'fields.connectTimeoutMs',
  totalTimeoutSeconds: 'fields.totalTimeoutMs',
};

/** Shows the form, the plain-text warning when the computer cannot encrypt, and Save / Test buttons. */
export function SettingsFormSection({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const form = useSettingsScreenStore((state) => state.form);
  const setField = useSettingsScreenStore((state) => state.setField);
  const save = useSettingsScreenStore((state) => state.save);
  const testConnection = useSettingsScreenStore((state) => state.testConnection);
  const saving = useSettingsScreenStore((state) => state.saving);
  const testing = useSettingsScreenStore((state) => state.testing);
  const saveOutcome = useSettingsScreenStore((state) => state.saveOutcome);
  const testOutcome = useSettingsScreenStore((state) => state.testOutcome);

  const failure = failureOf(saveOutcome, testOutcome);

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void save();
  };

  return (
    <form className="settings-section settings-form" aria-labelledby="settings-form-title" onSubmit={handleSubmit} noValidate>
      <h2 id="settings-form-title">{t('settings.form.title')}</h2>
      <div className="settings-grid">
        {TEXT_FIELDS.map(({ field, inputMode }) => (
          <FieldRow key={field} field={field} failure={failure}>
            <input
              id={`settings-${field}`}
              data-testid={`settings-input-${field}`}
              type="text"
              inputMode={inputMode}
              autoComplete="off"
              spellCheck={false}
              maxLength={field === 'serverUrl' ? 2048 : 64}
              value={form[field]}
              onChange={(event) => setField(field, event.target.value)}
            />
          </FieldRow>
        ))}
        <FieldRow field="secret" failure={failure}>
          <input
            id="settings-secret"
            data-testid="settings-input-secret"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            maxLength={256}
            placeholder={view.secretSet ? t('settings.field.secretKeepPlaceholder') : t('settings.field.secretPlaceholder')}
            value={form.secret}
            onChange={(event) => setField('secret', event.target.value)}
          />
        </FieldRow>
      </div>

      <PlainTextWarning view={view} />

      <div className="button-row">
        <button type="submit" className="primary" data-testid="settings-save" disabled={saving}>
          {saving ? t('settings.form.saving') : t('settings.form.save')}
        </button>
        <button type="button" data-testid="settings-test" disabled={testing} onClick={() => void testConnection()}>
          {testing ? t('settings.test.running') : t('settings.test.run')}
        </button>
      </div>

      {saveOutcome?.kind === 'saved' && (
        <p className="message message-hint success" role="status" data-testid="settings-saved">
          {t('settings.form.saved')}
        </p>
      )}
      {failure && (
        <p className="message message-error" role="alert" data-testid="settings-error" data-code={failure.code} data-field={failure.field ?? ''}>
          {failureText(t, failure)}
        </p>
      )}
    </form>
  );
}

function FieldRow({ field, failure, children }: { field: SettingsFormField; failure: IpcError | null; children: ReactNode }) {
  const { t } = useTranslation();
  const invalid = failure !== null && failure.field === REQUEST_FIELD[field];

  return (
    <div className={`settings-field${invalid ? ' settings-field-invalid' : ''}`}>
      <label htmlFor={`settings-${field}`}>{t(`settings.field.${field}`)}</label>
      {children}
      <span className="hint">{t(`settings.help.${field}`)}</span>
      {invalid && (
        <span className="field-error" data-testid={`settings-field-error-${field}`}>
          {t(`settings.invalid.${field}`)}
        </span>
      )}
    </div>
  );
}

/** Warns, when this computer cannot encrypt the secret, and takes the manager's explicit acceptance. */
function PlainTextWarning({ view }: { view: SettingsView }) {
  const { t } = useTranslation();
  const acceptPlainText = useSettingsScreenStore((state) => state.acceptPlainText);
  const setAcceptPlainText = useSettingsScreenStore((state) => state.setAcceptPlainText);
  if (view.encryption.strong) return null;

  return (
    <div className="message message-warning settings-plaintext" role="alert" data-testid="settings-plaintext-warning">
      <p>{t(view.encryption.available ? 'settings.secret.weakBackend' : 'settings.secret.noEncryption', { backend: view.encryption.backend })}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="settings-accept-plaintext"
          checked={acceptPlainText}
          onChange={(event) => setAcceptPlainText(event.target.checked)}
        />
        {t('settings.secret.acceptPlainText')}
      </label>
    </div>
  );
}

function failureOf(saveOutcome: SaveOutcome, testOutcome: TestOutcome): IpcError | null {
  if (saveOutcome?.kind === 'failed') return saveOutcome.error;
  if (testOutcome?.kind === 'failed') return testOutcome.error;
  return null;
}

function failureText(t: TFunction, error: IpcError): string {
  if (error.code === 'encryption-unavailable') return t('settings.secret.weakRejected');
  if (error.code === 'not-configured' && error.field === 'secret') return t('settings.secret.needed');
  if (error.code === 'not-configured') return t('settings.form.fieldsNeeded');
  if (error.code === 'invalid-input') return t('settings.form.invalid');
  return errorText(t, error);
}
