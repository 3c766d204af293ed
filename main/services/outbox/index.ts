// Till services built on the outbox: refunds, returns and order uploads. The views turn journal
// records into the shapes the IPC contract sends to the renderer.
export { createRefundService, estimatePrice, type RefundService, type RefundServiceOptions } from './refunds';
export { createReturnService, type ReturnService, type ReturnServiceOptions } from './returns';
export { createOrderUploadService, type OrderUploadService, type OrderUploadServiceOptions } from './order-uploads';
export { toEntryView, toRefundablePayment, toStatusView, toSubmissionStatus } from './views';
