import type { ReturnCreateReply, ReturnCreateRequest } from '../../../common/contract';
import type { Journal } from '../../journal';
import { createLogger, type Logger } from '../../logging/logger';
import type { Outbox } from '../../outbox';
import { toEntryView, toSubmissionStatus } from './views';

// Returns of goods (offLineReturnUpload): written to the journal with a new return order number,
// then sent by the outbox, so a return works offline the same way a refund does. The total is the
// sum of the lines, so the two cannot disagree.

export interface ReturnService {
  create(request: ReturnCreateRequest): Promise<ReturnCreateReply>;
}

export interface ReturnServiceOptions {
  journal: Journal;
  outbox: Outbox;
  now?: () => Date;
  logger?: Logger;
}

export function createReturnService(options: ReturnServiceOptions): ReturnService {
  const { journal, outbox } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger('returns');

  async function create(request: ReturnCreateRequest): Promise<ReturnCreateReply> {
    const createTime = now();
    const returnOrderNo = journal.allocateOrderNo(createTime);
    const totalFen = request.goods.reduce((sum, line) => sum + line.amountFen, 0);

    const entry = await outbox.submit({
      payload: {
        kind: 'return',
        request: {
          ...(request.memberCardNo === undefined ? {} : { memberCardNo: request.memberCardNo }),
          ...(request.memberPhone === undefined ? {} : { memberPhone: request.memberPhone }),
          originalOrderNo: request.originalOrderNo,
          returnOrderNo,
          createTime,
          returnPoints: request.returnPoints,
          ...(request.returnCouponPoints === undefined ? {} : { returnCouponPoints: request.returnCouponPoints }),
          totalFen,
          ...(request.remark ? { remark: request.remark } : {}),
          goods: request.goods.map((line) => ({
            goodsCode: line.goodsCode,
            skuCode: line.skuCode,
            priceFen: line.amountFen,
            count: line.count,
          })),
        },
      },
      member: { customerId: null, cardNo: request.memberCardNo ?? null, phone: request.memberPhone ?? null },
    });

    logger.info('Return created', { returnOrderNo, originalOrderNo: request.originalOrderNo, totalFen, state: entry.state });
    return { status: toSubmissionStatus(entry), entry: toEntryView(entry) };
  }

  return { create };
}
