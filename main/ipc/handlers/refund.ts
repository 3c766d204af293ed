import type { RefundService, ReturnService } from '../../services/outbox';
import type { HandlerModule } from '../router';

export function createRefundHandlers(services: { refunds: RefundService; returns: ReturnService }): HandlerModule {
  return {
    'refund:payments': (request) => services.refunds.payments(request),
    'refund:member-payments': (request) => services.refunds.memberPayments(request),
    'refund:create': (request) => services.refunds.create(request),
    'return:create': (request) => services.returns.create(request),
  };
}
