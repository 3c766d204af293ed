import type { TFunction } from 'i18next';
import type { IpcError } from '../../common/contract';

/**
 * Returns the locale text for an IPC error. The words come from the error's code only, except
 * for `rejected`, where the server's own message is part of what the cashier must see.
 */
export function errorText(t: TFunction, error: IpcError): string {
  return t(`errors.${error.code}`, { message: error.message });
}
