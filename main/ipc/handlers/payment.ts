import type { PaymentService } from '../../services/payments';
import type { HandlerModule } from '../router';

export function createPaymentHandlers(services: { payments: PaymentService }): HandlerModule {
  return {
    'payment:pay': (request) => services.payments.pay(request),
    'payment:resolve': (request) => services.payments.resolve(request),
    'payment:unresolved': () => services.payments.unresolved(),
    'payment:late-charges': () => services.payments.appliedLate(),
  };
}
