import { useTranslation } from 'react-i18next';
import type { ScreenDefinition } from '../screens/registry';
import { useNavigationStore } from '../stores/navigation';

/** Shows the left-hand list of screens and marks the active one with aria-current. */
export function ScreenNav({ screens, activeId }: { screens: readonly ScreenDefinition[]; activeId: string }) {
  const { t } = useTranslation();
  const showScreen = useNavigationStore((state) => state.showScreen);

  return (
    <nav className="screen-nav" aria-label={t('nav.label')}>
      {screens.map((screen, index) => (
        <button
          key={screen.id}
          type="button"
          className="nav-item"
          data-testid={`nav-${screen.id}`}
          aria-current={screen.id === activeId ? 'page' : undefined}
          title={`Ctrl+${index + 1}`}
          onClick={() => showScreen(screen.id)}
        >
          {t(screen.titleKey)}
        </button>
      ))}
    </nav>
  );
}
