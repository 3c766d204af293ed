import type { ComponentType } from 'react';

// The screens the left-hand navigation offers. A screen is a folder under screens/ whose index.ts
// exports one ScreenDefinition; screens/index.ts lists them in navigation order.

export interface ScreenDefinition {
  /** Stable id, used in data-testid="nav-<id>" and by `showScreen`. */
  id: string;
  /** Locale key of the navigation label, e.g. "nav.checkout". */
  titleKey: string;
  component: ComponentType;
}
