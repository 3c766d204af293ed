import type { OrderUploadRequest, OutboxEntryReply } from '../../../common/contract';
import { TillError } from '../../ipc/errors';
import { createLogger, type Logger } from '../../logging/logger';
import type { Outbox } from '../../outbox';
import { toEntryView } from './views';

// Sales orders uploaded for points (offlineUpload). The order keeps the number its payment used,
// and the outbox sends it like a refund. An upload cannot be looked up, so after an unknown outcome
// it is resent with the same number, and a "duplicate" rejection goes to a person for review.

export interface OrderUploadService {
  upload(request: OrderUploadRequest): Promise<OutboxEntryReply>;
}

export interface OrderUploadServiceOptions {
  outbox: Outbox;
  now?: () => Date;
  logger?: Logger;
}

export function createOrderUploadService(options: OrderUploadServiceOptions): OrderUploadService {
  const { outbox } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger('order-uploads');

  async function upload(request: OrderUploadRequest): Promise<OutboxEntryReply> {
    if (request.paidFen > request.totalFen) {
      throw new TillError('invalid-input', `Paid ${request.paidFen} fen is more than the total ${request.totalFen} fen`, 'paidFen');
    }
    const createTime = now();
    const payTime = request.payTime === undefined ? createTime : new Date(request.payTime);

    const entry = await outbox.submit({
      payload: {
        kind: 'order-upload',
        request: {
          memberPhone: request.memberPhone,
          orderNo: request.orderNo,
          createTime,
          totalFen: request.totalFen,
          paidFen: request.paidFen,
          ...(request.couponFen === undefined ? {} : { couponFen: request.couponFen }),
          ...(request.pointsUsed === undefined ? {} : { pointsUsed: request.pointsUsed }),
          payType: request.payType,
          payTime,
          ...(request.tradeNo ? { tradeNo: request.tradeNo } : {}),
          ...(request.remark ? { remark: request.remark } : {}),
          goods: request.goods,
        },
      },
      member: { customerId: request.customerId ?? null, cardNo: request.cardNo ?? null, phone: request.memberPhone },
    });

    logger.info('Order upload created', { orderNo: request.orderNo, totalFen: request.totalFen, state: entry.state });
    return { entry: toEntryView(entry) };
  }

  return { upload };
}
