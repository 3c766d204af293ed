// The commands that talk to a VIPax server. Each returns the value the command prints as JSON.
import type { LogQuery, Member, MemberQuery, OrderUpload, PaymentResult, ReturnUpload, StockQuery } from '../vipax/types';
import type { VipaxClient } from '../vipax/types';
import { CliError, optionalCount, parseAmount, requireOneOf, requireOption, type Values } from './options';
import { readUploadFile } from './upload-files';

export type ServerCommand = 'ping' | 'member' | 'pay' | 'refund' | 'log' | 'order' | 'return' | 'stock';

/** Commands that change data on the server, so that an unknown outcome calls for a look at the log. */
export const WRITE_COMMANDS: ReadonlySet<string> = new Set(['pay', 'refund', 'order', 'return']);

/**
 * The command-line option behind each client field, so that an input error names the option
 * the user typed. Fields of --file uploads keep their own names, which are the file's.
 */
export const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  cardNo: '--card',
  phone: '--phone',
  openId: '--openid',
  userId: '--user-id',
  otherId: '--other-id',
  orderNo: '--order-no',
  originalOrderNo: '--original-order-no',
  priceFen: '--amount',
  remark: '--remark',
  from: '--from',
  to: '--to',
  businessType: '--type',
  pageNo: '--page',
  pageSize: '--page-size',
  goodsCode: '--goods',
  url: '--url',
  appid: '--appid',
  storeCode: '--store-code',
  brandId: '--brand-id',
};

const MEMBER_KEYS = {
  card: 'cardNo',
  phone: 'phone',
  openid: 'openId',
  'user-id': 'userId',
  'other-id': 'otherId',
} as const;

/**
 * Finds the member a scanned code belongs to. The code may be a card number, a physical card
 * number or a member number, and paidConsumeByPro takes the member number (customerId).
 */
async function findMemberByCard(client: VipaxClient, card: string): Promise<Member> {
  const members = await client.getMembers({ cardNo: card });
  const exact = members.filter((member) => [member.cardNo, member.customerId, member.offlineCardNo].includes(card));
  const candidates = exact.length > 0 ? exact : members;

  const [member] = candidates;
  if (member === undefined) throw new CliError('not-found', 'memberNotFound', { card });
  if (candidates.length > 1) throw new CliError('not-found', 'memberAmbiguous', { card, count: candidates.length });
  return member;
}

async function payOrRefund(client: VipaxClient, values: Values, refund: boolean): Promise<PaymentResult> {
  const card = requireOption(values, 'card');
  const amountFen = parseAmount(values);
  const orderNo = requireOption(values, 'order-no');
  const originalOrderNo = refund ? requireOption(values, 'original-order-no') : undefined;

  const member = await findMemberByCard(client, card);
  return client.paidConsumeByPro({
    memberNo: member.customerId,
    orderNo,
    // The API refunds with a negative price.
    priceFen: refund ? -amountFen : amountFen,
    ...(originalOrderNo === undefined ? {} : { originalOrderNo }),
    ...(values.remark === undefined ? {} : { remark: values.remark }),
  });
}

function pageOf(values: Values): { pageNo?: number; pageSize?: number } {
  const pageNo = optionalCount(values, 'page');
  const pageSize = optionalCount(values, 'page-size');
  return { ...(pageNo === undefined ? {} : { pageNo }), ...(pageSize === undefined ? {} : { pageSize }) };
}

export async function runServerCommand(command: ServerCommand, client: VipaxClient, values: Values): Promise<unknown> {
  switch (command) {
    case 'ping':
      return client.ping();

    case 'member': {
      const { name, value } = requireOneOf(values, Object.keys(MEMBER_KEYS) as Array<keyof typeof MEMBER_KEYS>);
      return client.getMembers({ [MEMBER_KEYS[name]]: value } as MemberQuery);
    }

    case 'pay':
      return payOrRefund(client, values, false);

    case 'refund':
      return payOrRefund(client, values, true);

    case 'log': {
      const { name, value } = requireOneOf(values, ['phone', 'other-id'] as const);
      const businessType = optionalCount(values, 'type');
      const query: LogQuery = {
        ...(name === 'phone' ? { phone: value } : { otherId: value }),
        ...(values.from === undefined ? {} : { from: values.from }),
        ...(values.to === undefined ? {} : { to: values.to }),
        ...(businessType === undefined ? {} : { businessType: businessType as LogQuery['businessType'] }),
        ...pageOf(values),
      };
      return client.getPaidConsumeLog(query);
    }

    case 'order': {
      const order = await readUploadFile(requireOption(values, 'file'), ['createTime', 'payTime']);
      return client.uploadOrder(order as unknown as OrderUpload);
    }

    case 'return': {
      const upload = await readUploadFile(requireOption(values, 'file'), ['createTime']);
      return client.uploadReturn(upload as unknown as ReturnUpload);
    }

    case 'stock': {
      const query: StockQuery = { ...(values.goods === undefined ? {} : { goodsCode: values.goods }), ...pageOf(values) };
      return client.getStock(query);
    }
  }
}
