import type { ScreenDefinition } from '../registry';
import { ReturnScreen } from './ReturnScreen';

export const returnScreen: ScreenDefinition = {
  id: 'return',
  titleKey: 'nav.return',
  component: ReturnScreen,
};
