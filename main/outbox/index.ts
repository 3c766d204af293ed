// The durable outbox: refunds, returns and order uploads are written to the till journal before
// the first send, then sent, retried, looked up and resumed after a restart.
export { Outbox, type OutboxEvents, type OutboxOptions, type OutboxStatus } from './outbox';
export type { OutboxHooks, OutboxStep, OutboxStepContext } from './hooks';
export { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry-policy';
export { lookUpRefund, type LookUpResult } from './look-up';
