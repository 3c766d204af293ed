// Till services built on the outbox: refunds, returns and order uploads, and the journal records
// as the renderer sees them.
export { createRefundService, estimatePrice, type RefundService, type RefundServiceOptions } from './refunds';
export { createReturnService, type ReturnService, type ReturnServiceOptions } from './returns';
export { createOrderUploadService, type OrderUploadService, type OrderUploadServiceOptions } from './order-uploads';
export { toEntryView, toRefundablePayment, toStatusView, toSubmissionStatus } from './views';
