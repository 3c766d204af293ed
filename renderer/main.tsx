import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createI18n } from './i18n';
import { useLocaleStore } from './stores/locale';
import './styles/app.css';

const i18n = createI18n(useLocaleStore.getState().language);
applyDocumentLanguage();

// The locale store is the one place the language is chosen; i18next, <html lang> and the window
// title follow it.
useLocaleStore.subscribe((state, previous) => {
  if (state.language === previous.language) return;
  void i18n.changeLanguage(state.language).then(applyDocumentLanguage);
});

function applyDocumentLanguage(): void {
  document.documentElement.lang = i18n.language;
  document.title = i18n.t('app.title');
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
