import type { TillStatus } from '../../../common/contract';
import type { HandlerModule } from '../router';

export function createTillHandlers(services: { status: () => TillStatus }): HandlerModule {
  return {
    'till:status': () => services.status(),
  };
}
