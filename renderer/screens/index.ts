import { checkoutScreen } from './checkout';
import { outboxScreen } from './outbox';
import { refundScreen } from './refund';
import type { ScreenDefinition } from './registry';
import { returnScreen } from './return';
import { saleScreen } from './sale';
import { settingsScreen } from './settings';

/**
 * Every screen, in navigation order; Ctrl+1 opens the first, Ctrl+2 the second, and so on.
 * To add one: create screens/<name>/index.ts exporting a ScreenDefinition, add its label to both
 * locale files under "nav", and append it here. Appending before settings keeps the keys that
 * cashiers already know.
 */
export const screens: readonly ScreenDefinition[] = [checkoutScreen, refundScreen, returnScreen, outboxScreen, saleScreen, settingsScreen];
