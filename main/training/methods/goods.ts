import { optionalString, readPaging, requiredString, type Msg } from '../fields';
import { success } from '../wire';
import type { CallContext, MethodOutcome } from './context';
import { checkStoreCode } from './customer';

/**
 * goods.stockRealtime: the stock of one goods code, or of all goods when goods_code is empty,
 * one page at a time in catalogue order. The list sits in `result`, as in the manual's sample,
 * and an unknown goods code gives an empty list. Stock is a decimal number and may be negative.
 */
export function getStock(msg: Msg, { state }: CallContext): MethodOutcome {
  checkStoreCode(state, requiredString(msg, 'store_code'));
  const { pageNo, pageSize } = readPaging(msg);
  const goodsCode = optionalString(msg, 'goods_code');

  const matching = goodsCode === null ? state.goods : state.goods.filter((goods) => goods.goodsCode === goodsCode);
  const page = matching.slice(pageNo * pageSize, (pageNo + 1) * pageSize).map((goods) => ({
    store_name: state.store.name,
    stock: goods.stock,
    unit_name: goods.unitName,
    store_code: state.store.code,
    goods_name: goods.goodsName,
    unit_code: goods.unitCode,
    goods_code: goods.goodsCode,
  }));
  return { reply: success(page), changed: false };
}
