import { create } from 'zustand';
import { defaultLanguage, isLanguage, type Language } from '../i18n';

// The display language, remembered in localStorage so the till opens in the language the
// cashier last chose. The i18next instance follows this store (see main.tsx).

export const LANGUAGE_STORAGE_KEY = 'vipax-till.language';

function readStoredLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : defaultLanguage;
  } catch {
    // Storage can be unavailable (disabled, or a sandboxed test); the default language will do.
    return defaultLanguage;
  }
}

function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is harmless: the next start shows the default language.
  }
}

interface LocaleState {
  language: Language;
  setLanguage(language: Language): void;
  toggleLanguage(): void;
}

export const useLocaleStore = create<LocaleState>()((set, get) => ({
  language: readStoredLanguage(),

  setLanguage(language) {
    storeLanguage(language);
    set({ language });
  },

  toggleLanguage() {
    get().setLanguage(get().language === 'zh-CN' ? 'en' : 'zh-CN');
  },
}));
