import { useTranslation } from 'react-i18next';
import { useLocaleStore } from '../stores/locale';

/** Shows the 中文 / English switch, labelled with the language it switches to. */
export function LanguageToggle() {
  const { t } = useTranslation();
  const toggleLanguage = useLocaleStore((state) => state.toggleLanguage);
  const language = useLocaleStore((state) => state.language);

  return (
    <button
      type="button"
      className="header-button"
      data-testid="language-toggle"
      data-language={language}
      aria-label={t('language.toggleLabel')}
      onClick={toggleLanguage}
    >
      {t('language.switchTo')}
    </button>
  );
}
