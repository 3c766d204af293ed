import type { OrderUploadService } from '../../services/outbox';
import type { HandlerModule } from '../router';

export function createOrderHandlers(services: { orderUploads: OrderUploadService }): HandlerModule {
  return {
    'order:new-number': () => services.orderUploads.newNumber(),
    'order:upload': (request) => services.orderUploads.upload(request),
    'order:find': (request) => services.orderUploads.find(request.orderNo),
  };
}
