export { createVipaxClient, type VipaxHttpClient } from './client';
export type { VipaxClientConfig, VipaxLogger } from './config';
export { VipaxError, isVipaxError, type InputRule, type VipaxErrorKind } from './errors';
export type * from './types';
