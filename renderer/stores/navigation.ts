import { create } from 'zustand';

// Which screen the till shows and whether the keyboard help is open.

interface NavigationState {
  /** Id of the visible screen; null shows the first screen. */
  activeScreenId: string | null;
  helpOpen: boolean;
  showScreen(id: string): void;
  setHelpOpen(open: boolean): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  activeScreenId: null,
  helpOpen: false,
  showScreen(activeScreenId) {
    set({ activeScreenId });
  },
  setHelpOpen(helpOpen) {
    set({ helpOpen });
  },
}));
