import type { ScreenDefinition } from '../registry';
import { OutboxScreen } from './OutboxScreen';
import { OUTBOX_SCREEN_ID } from './screen-id';

export const outboxScreen: ScreenDefinition = {
  id: OUTBOX_SCREEN_ID,
  titleKey: 'nav.outbox',
  component: OutboxScreen,
};
