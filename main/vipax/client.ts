// The one VIPax client of the till. Every method checks its input before sending (invalid-input),
// signs and sends one form POST, and turns the response into domain values (parse.ts).
// Reads are sent again after `network` failures, which are certainly not delivered. Writes are
// sent exactly once: after `unknown-outcome` only the caller can decide, by reading the
// transaction log, whether a second send would apply the payment twice.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { resolveConfig, type ResolvedConfig, type VipaxClientConfig } from './config';
import { buildRequestBody, type VipaxModel } from './envelope';
import { VipaxError, isVipaxError } from './errors';
import {
  UnusableResponseError,
  parseLogPage,
  parseMembers,
  parseOrderUploadResult,
  parsePaymentResult,
  parseReturnResult,
  parseStockPage,
  readReply,
  type SuccessEnvelope,
} from './parse';
import {
  buildLogQueryMsg,
  buildMemberQueryMsg,
  buildMemberUpdateMsg,
  buildOrderUploadMsg,
  buildPaidConsumeByProMsg,
  buildPaidConsumeMsg,
  buildReturnUploadMsg,
  buildStockQueryMsg,
  type RequestContext,
} from './requests';
import { postForm, type HttpReply } from './transport';
import type { PingResult, VipaxClient } from './types';

export type { VipaxClientConfig, VipaxLogger } from './config';

/** A client that holds pooled connections; `close()` releases them. */
export interface VipaxHttpClient extends VipaxClient {
  /** The total time allowed for one request, from the configuration or its default. */
  readonly timeoutMs: number;
  close(): void;
}

interface Operation {
  model: VipaxModel;
  method: string;
  /** Writes change data on the server and are never sent twice. */
  write: boolean;
}

const OPERATIONS = {
  update: { model: 'customer', method: 'update', write: true },
  get: { model: 'customer', method: 'get', write: false },
  paidConsume: { model: 'customer', method: 'paidConsume', write: true },
  paidConsumeByPro: { model: 'customer', method: 'paidConsumeByPro', write: true },
  getPaidConsumeLog: { model: 'customer', method: 'getPaidConsumeLog', write: false },
  offlineUpload: { model: 'order', method: 'offlineUpload', write: true },
  offLineReturnUpload: { model: 'order', method: 'offLineReturnUpload', write: true },
  stockRealtime: { model: 'goods', method: 'stockRealtime', write: false },
} as const satisfies Record<string, Operation>;

function labelOf(operation: Operation): string {
  return `${operation.model}.${operation.method}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Exchange {
  envelope: SuccessEnvelope;
  reply: HttpReply;
  startedAt: Date;
  latencyMs: number;
}

export function createVipaxClient(config: VipaxClientConfig): VipaxHttpClient {
  const settings: ResolvedConfig = resolveConfig(config);
  const context: RequestContext = {
    storeCode: settings.storeCode,
    timeZone: settings.timeZone,
    ...(settings.brandId === undefined ? {} : { brandId: settings.brandId }),
  };
  // Reads share kept-alive connections. Writes each open their own connection (agent false), so
  // that a reset of a pooled connection the server had already dropped cannot turn a write that
  // never arrived into an unknown outcome.
  const readAgent =
    settings.url.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: 4 }) : new http.Agent({ keepAlive: true, maxSockets: 4 });

  /** Sends one request; a read is sent again after `network` failures, up to `retries` times. */
  async function exchange(operation: Operation, msg: Record<string, unknown>, retries: number): Promise<Exchange> {
    const label = labelOf(operation);
    for (let attempt = 0; ; attempt++) {
      // Built for each attempt, so that `ts` is current when the server checks it.
      const startedAt = settings.now();
      const body = buildRequestBody({
        appid: settings.appid,
        secret: settings.secret,
        model: operation.model,
        method: operation.method,
        msg,
        instant: startedAt,
        timeZone: settings.timeZone,
      });

      const started = performance.now();
      try {
        const reply = await postForm(settings.url, body, {
          connectTimeoutMs: settings.connectTimeoutMs,
          timeoutMs: settings.timeoutMs,
          agent: operation.write ? false : readAgent,
        });
        return { envelope: readReply(reply, label, { write: operation.write }), reply, startedAt, latencyMs: performance.now() - started };
      } catch (error) {
        const retry = !operation.write && isVipaxError(error) && error.kind === 'network' && attempt < retries;
        if (!retry) throw error;

        // Waits base × 2^attempt, less up to half of it at random so that tills do not retry in step.
        const delayMs = Math.round(settings.retryBaseDelayMs * 2 ** attempt * (1 - Math.random() / 2));
        settings.logger?.warn(`${label} failed, retry ${attempt + 1} of ${retries} in ${delayMs} ms: ${error.message}`, {
          operation: label,
          kind: error.kind,
        });
        await sleep(delayMs);
      }
    }
  }

  /**
   * Sends one operation and parses its response. A response that lacks what the domain needs fails
   * as `unknown-outcome`: for a write the server responded, so it may have applied the change.
   */
  async function call<T>(
    operation: Operation,
    msg: Record<string, unknown>,
    parse: (envelope: SuccessEnvelope) => T,
    orderNo?: string,
  ): Promise<T> {
    const label = labelOf(operation);
    const started = performance.now();
    const ids = orderNo === undefined ? { operation: label } : { operation: label, orderNo };
    try {
      const { envelope, reply } = await exchange(operation, msg, operation.write ? 0 : settings.readRetries);
      let value: T;
      try {
        value = parse(envelope);
      } catch (error) {
        if (!(error instanceof UnusableResponseError)) throw error;
        throw new VipaxError('unknown-outcome', `${label}: unusable response, ${error.message}`, {
          httpStatus: reply.status,
          cause: error,
        });
      }
      if (operation.write) {
        settings.logger?.info(`${label} succeeded${orderNo === undefined ? '' : ` for order ${orderNo}`}`, {
          ...ids,
          ms: Math.round(performance.now() - started),
        });
      }
      return value;
    } catch (error) {
      const kind = isVipaxError(error) ? error.kind : 'internal';
      const message = error instanceof Error ? error.message : String(error);
      const log = kind === 'rejected' || kind === 'network' ? settings.logger?.warn : settings.logger?.error;
      log?.call(settings.logger, `${label} failed${orderNo === undefined ? '' : ` for order ${orderNo}`} (${kind}): ${message}`, {
        ...ids,
        kind,
        ms: Math.round(performance.now() - started),
      });
      throw error;
    }
  }

  return {
    async ping(): Promise<PingResult> {
      // One attempt and no retries, so that the latency is that of a single request.
      const msg = buildStockQueryMsg({ pageNo: 0, pageSize: 1 }, context);
      const { reply, startedAt, latencyMs } = await exchange(OPERATIONS.stockRealtime, msg, 0);

      // The Date header has whole seconds and is truncated, so the server's clock was on average
      // half a second past it. Compare it with the till's clock halfway through the request.
      const serverTime = Date.parse(reply.headers.date ?? '');
      const tillTime = startedAt.getTime() + latencyMs / 2;
      const clockOffsetMs = Number.isNaN(serverTime) ? null : Math.round(serverTime + 500 - tillTime);
      return { latencyMs: Math.round(latencyMs * 10) / 10, clockOffsetMs };
    },

    async getMembers(query) {
      return call(OPERATIONS.get, buildMemberQueryMsg(query, context), parseMembers);
    },

    async updateMember(update) {
      await call(OPERATIONS.update, buildMemberUpdateMsg(update, context), () => undefined);
    },

    async paidConsume(request) {
      const msg = buildPaidConsumeMsg(request, context);
      await call(OPERATIONS.paidConsume, msg, () => undefined, request.orderNo);
    },

    async paidConsumeByPro(request) {
      const msg = buildPaidConsumeByProMsg(request, context);
      return call(OPERATIONS.paidConsumeByPro, msg, (envelope) => parsePaymentResult(envelope, request), request.orderNo);
    },

    async getPaidConsumeLog(query) {
      const msg = buildLogQueryMsg(query, context);
      const requested = { pageNo: msg.page_no as number, pageSize: msg.page_size as number };
      return call(OPERATIONS.getPaidConsumeLog, msg, (envelope) => parseLogPage(envelope, requested));
    },

    async uploadOrder(order) {
      const msg = buildOrderUploadMsg(order, context);
      return call(OPERATIONS.offlineUpload, msg, parseOrderUploadResult, order.orderNo);
    },

    async uploadReturn(upload) {
      const msg = buildReturnUploadMsg(upload, context);
      return call(OPERATIONS.offLineReturnUpload, msg, parseReturnResult, upload.returnOrderNo);
    },

    async getStock(query) {
      const msg = buildStockQueryMsg(query, context);
      const requested = { pageNo: msg.page_no as number, pageSize: msg.page_size as number };
      return call(OPERATIONS.stockRealtime, msg, (envelope) => parseStockPage(envelope, requested));
    },

    timeoutMs: settings.timeoutMs,

    close() {
      readAgent.destroy();
    },
  };
}
