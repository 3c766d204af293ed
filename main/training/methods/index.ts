import type { MethodHandler } from './context';
import { getCustomer, updateCustomer } from './customer';
import { getStock } from './goods';
import { uploadOrder, uploadReturn } from './orders';
import { getPaidConsumeLog, paidConsume, paidConsumeByPro } from './stored-value';

export type { CallContext, MethodHandler, MethodOutcome } from './context';

/**
 * The eight VIPax methods by model and method name. Anything else is rejected as unknown.
 * NOTE: `brandId` is accepted and ignored, because the training server has a single brand.
 */
export const methods: Readonly<Record<string, MethodHandler>> = {
  'customer.get': getCustomer,
  'customer.update': updateCustomer,
  'customer.paidConsume': paidConsume,
  'customer.paidConsumeByPro': paidConsumeByPro,
  'customer.getPaidConsumeLog': getPaidConsumeLog,
  'order.offlineUpload': uploadOrder,
  'order.offLineReturnUpload': uploadReturn,
  'goods.stockRealtime': getStock,
};
