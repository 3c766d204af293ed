import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getTillApi } from './bridge';
import { Header } from './components/Header';
import { HelpOverlay } from './components/HelpOverlay';
import { ScreenNav } from './components/ScreenNav';
import { screens } from './screens';
import { useNavigationStore } from './stores/navigation';
import { useOutboxStore } from './stores/outbox';
import { useLateChargesStore } from './stores/late-charges';
import { useTillStatusStore } from './stores/till-status';

/** Renders the app shell: header, screen navigation, the active screen and the key help. */
export function App() {
  const { t } = useTranslation();
  const activeScreenId = useNavigationStore((state) => state.activeScreenId);
  const helpOpen = useNavigationStore((state) => state.helpOpen);

  useEffect(() => useTillStatusStore.getState().start(), []);
  useEffect(() => useOutboxStore.getState().start(), []);
  useEffect(() => useLateChargesStore.getState().start(), []);
  useEffect(() => installShellKeys(), []);

  if (!getTillApi()) {
    return (
      <p className="fatal" role="alert" data-testid="bridge-missing">
        {t('app.bridgeMissing')}
      </p>
    );
  }

  const activeScreen = screens.find((screen) => screen.id === activeScreenId) ?? screens[0];
  if (!activeScreen) return null;
  const ActiveComponent = activeScreen.component;

  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <ScreenNav screens={screens} activeId={activeScreen.id} />
        <main className="screen" data-testid={`screen-${activeScreen.id}`}>
          <ActiveComponent />
        </main>
      </div>
      {helpOpen && <HelpOverlay />}
    </div>
  );
}

/**
 * Installs the keys that work on every screen: F1 opens and closes the help, Esc closes it, and
 * Ctrl+1…9 switch screens. The listener runs in the capture phase, so an open help consumes Esc
 * before any screen handles it. Returns the function that removes the listener.
 */
function installShellKeys(): () => void {
  const handleKeyDown = (event: KeyboardEvent): void => {
    const navigation = useNavigationStore.getState();

    if (event.key === 'F1') {
      event.preventDefault();
      navigation.setHelpOpen(!navigation.helpOpen);
      return;
    }

    if (navigation.helpOpen) {
      if (event.key === 'Escape') navigation.setHelpOpen(false);
      // While the help is open no key reaches the screen behind it, scans included.
      event.stopPropagation();
      return;
    }

    if (event.ctrlKey && /^[1-9]$/.test(event.key)) {
      const screen = screens[Number(event.key) - 1];
      if (screen) {
        event.preventDefault();
        navigation.showScreen(screen.id);
      }
    }
  };

  window.addEventListener('keydown', handleKeyDown, true);
  return () => window.removeEventListener('keydown', handleKeyDown, true);
}
