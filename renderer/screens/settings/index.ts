import type { ScreenDefinition } from '../registry';
import { SettingsScreen } from './SettingsScreen';

export { SettingsAlert } from './SettingsAlert';

export const settingsScreen: ScreenDefinition = {
  id: 'settings',
  titleKey: 'nav.settings',
  component: SettingsScreen,
};
