import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { assertTimeZone } from './clock';
import { readCall, type Call } from './envelope';
import { RejectedCall } from './fields';
import { trainingMessages as text } from './messages';
import { methods } from './methods';
import { loadState, saveState } from './persistence';
import { createSeedState, DEFAULT_APPID, DEFAULT_SECRET, DEFAULT_STORE_CODE } from './seed';
import { findMemberByCode, type SimMember, type SimState } from './state';
import type { Fault, FaultOptions, TrainingLogger, TrainingServer, TrainingServerOptions } from './types';
import { failure, type WireReply } from './wire';

/** The one path VIPax serves, as in the manual's test address. */
export const ENDPOINT_PATH = '/VipaxWS/ws';

/** Maximum request body in bytes. A larger body gets HTTP 413. The eight methods' requests are a few kB at most. */
export const MAX_BODY_BYTES = 1024 * 1024;

interface ActiveFault {
  fault: Fault;
  methods: string[] | null;
  remaining: number | null;
}

const TRUNCATED_JSON = '{"code":"1","message":"操作成功!","result":{"customerId":"MEMB2016';

const BAD_GATEWAY_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
const GATEWAY_TIMEOUT_PAGE =
  '<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>';

class TrainingServerImpl implements TrainingServer {
  readonly appid: string;
  readonly secret: string;
  readonly storeCode: string;
  hooks: TrainingServer['hooks'] = {};

  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private readonly host: string;
  private readonly timeZone: string;
  private readonly windowSeconds: number;
  private readonly now: () => Date;
  private readonly logger: TrainingLogger | undefined;
  private readonly dataFile: string | undefined;
  private port = 0;
  private activeFault: ActiveFault | null = null;
  private listening = false;
  private closed = false;

  constructor(
    private readonly state: SimState,
    options: TrainingServerOptions,
  ) {
    this.appid = options.appid ?? DEFAULT_APPID;
    this.secret = options.secret ?? DEFAULT_SECRET;
    this.storeCode = state.store.code;
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.timeZone = options.timeZone ?? 'Asia/Shanghai';
    this.windowSeconds = options.tsWindowSeconds ?? 300;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
    this.dataFile = options.dataFile;

    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.logger?.error('training server: request failed', error);
        if (!response.headersSent && !response.destroyed) {
          this.writeJson(response, 500, failure(text.internalError));
        } else {
          response.destroy();
        }
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}${ENDPOINT_PATH}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  private async stopListening(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Keep-alive connections would otherwise go on serving requests after the listener is gone.
    for (const socket of this.sockets) socket.destroy();
    await stopped;
  }

  async setFault(fault: Fault | null, options: FaultOptions = {}): Promise<void> {
    if (this.closed) throw new Error('Cannot set a fault because the training server is closed');
    if (fault?.kind === 'refuse-connections' && (options.methods !== undefined || options.count !== undefined)) {
      // A refused connection carries no request, so it cannot be matched or counted.
      throw new TypeError('refuse-connections cannot be limited by methods or count. It applies to every connection until setFault(null).');
    }
    if (fault?.kind === 'delay' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
      throw new RangeError(`delay.ms must be a non-negative number of milliseconds, got ${String(fault.ms)}`);
    }
    if (fault?.kind === 'delay' && fault.applyAfterMs !== undefined && !(Number.isFinite(fault.applyAfterMs) && fault.applyAfterMs >= 0)) {
      throw new RangeError(`delay.applyAfterMs must be a non-negative number of milliseconds, got ${String(fault.applyAfterMs)}`);
    }
    if (fault?.kind === 'gateway-timeout') {
      for (const field of ['answerAfterMs', 'applyAfterMs'] as const) {
        if (!(Number.isFinite(fault[field]) && fault[field] >= 0)) {
          throw new RangeError(`gateway-timeout.${field} must be a non-negative number of milliseconds, got ${String(fault[field])}`);
        }
      }
    }
    if (options.count !== undefined && !(Number.isInteger(options.count) && options.count > 0)) {
      throw new RangeError(`count must be a positive integer, got ${String(options.count)}`);
    }

    if (fault?.kind === 'refuse-connections') {
      await this.stopListening();
    } else if (!this.listening) {
      await this.listen();
    }

    this.activeFault = fault === null ? null : { fault, methods: options.methods ?? null, remaining: options.count ?? null };
    let description = fault === null ? 'cleared' : fault.kind;
    if (options.methods) description += ` for ${options.methods.join(', ')}`;
    if (options.count) description += ` for the next ${options.count} requests`;
    this.logger?.info(`training server: fault ${description}`);
  }

  countApplied(businessNo: string): number {
    return (
      this.state.log.filter((entry) => entry.businessNo === businessNo).length +
      this.state.orders.filter((order) => order.orderNo === businessNo).length +
      this.state.returns.filter((upload) => upload.returnOrderNo === businessNo).length
    );
  }

  findMember(cardNoOrCustomerId: string): SimMember | undefined {
    const member = findMemberByCode(this.state.members, cardNoOrCustomerId);
    return member === undefined ? undefined : structuredClone(member);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const delay of this.delays) {
      clearTimeout(delay.timer);
      delay.resolve();
    }
    this.delays.clear();
    await this.stopListening();
    this.logger?.info(`training server: stopped ${this.url}`);
  }

  /** Takes the fault that applies to this request, counting it down. */
  private takeFault(model: string, method: string): Fault | null {
    const active = this.activeFault;
    if (active === null) return null;
    if (active.methods !== null && !active.methods.includes(method) && !active.methods.includes(`${model}.${method}`)) {
      return null;
    }
    if (active.remaining !== null) {
      active.remaining -= 1;
      if (active.remaining <= 0) this.activeFault = null;
    }
    return active.fault;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? '/', 'http://localhost');
    if (requestUrl.pathname !== ENDPOINT_PATH) {
      this.writeText(response, 404, 'text/html; charset=utf-8', '<html><body><h1>404 Not Found</h1></body></html>');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'POST') {
      response.setHeader('Allow', 'GET, POST');
      this.writeText(response, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
      return;
    }

    const params = new URLSearchParams(requestUrl.search);
    if (request.method === 'POST') {
      const body = await readBody(request);
      if (body === null) {
        response.setHeader('Connection', 'close');
        this.writeText(response, 413, 'text/plain; charset=utf-8', `Request body larger than ${MAX_BODY_BYTES} bytes`);
        return;
      }
      // Fields in the body win over the same fields in the query string.
      for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
    }

    const fault = this.takeFault(params.get('model') ?? '', params.get('method') ?? '');
    if (fault?.kind === 'bad-gateway') {
      this.writeText(response, 502, 'text/html; charset=utf-8', BAD_GATEWAY_PAGE);
      return;
    }
    if (fault?.kind === 'gateway-timeout') {
      const answered = this.sleep(fault.answerAfterMs).then(() => {
        if (!this.closed && !response.destroyed) this.writeText(response, 504, 'text/html; charset=utf-8', GATEWAY_TIMEOUT_PAGE);
      });
      await this.sleep(fault.applyAfterMs);
      if (!this.closed) await this.process(params);
      await answered;
      return;
    }
    if (fault?.kind === 'malformed-json') {
      this.writeText(response, 200, 'application/json; charset=utf-8', TRUNCATED_JSON);
      return;
    }

    if (fault?.kind === 'delay' && fault.applyAfterMs !== undefined) {
      // The call is applied even when the client has closed the connection meanwhile.
      await this.sleep(fault.applyAfterMs);
      if (this.closed) return;
    }
    const reply = await this.process(params);

    if (fault?.kind === 'drop-after-apply') {
      response.socket?.destroy();
      return;
    }
    if (fault?.kind === 'delay') await this.sleep(fault.ms);
    if (this.closed || response.destroyed) return;
    this.writeJson(response, 200, reply);
  }

  /** Checks, applies and saves one call, and runs afterApply when the call changed the state. */
  private async process(params: URLSearchParams): Promise<WireReply> {
    const now = this.now();
    let call: Call;
    try {
      call = readCall(params, this, { now, timeZone: this.timeZone, windowSeconds: this.windowSeconds });
    } catch (error) {
      if (error instanceof RejectedCall) return this.reject(`${params.get('model')}.${params.get('method')}`, error.message);
      throw error;
    }

    const name = `${call.model}.${call.method}`;
    const handler = Object.hasOwn(methods, name) ? methods[name] : undefined;
    if (!handler) return this.reject(name, text.unknownMethod(call.model, call.method));

    let outcome;
    try {
      outcome = handler(call.msg, { state: this.state, now, timeZone: this.timeZone });
    } catch (error) {
      if (error instanceof RejectedCall) return this.reject(`${name} ${describeCall(call.msg)}`, error.message);
      throw error;
    }

    if (outcome.changed) {
      if (this.dataFile !== undefined) saveState(this.dataFile, this.state);
      this.logger?.info(`training server: applied ${call.model}.${call.method} ${describeCall(call.msg)}`);
      await this.hooks.afterApply?.({ model: call.model, method: call.method, msg: call.msg });
    }
    return outcome.reply;
  }

  private reject(description: string, message: string): WireReply {
    this.logger?.info(`training server: rejected ${description}: ${message}`);
    return failure(message);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const delay = {
        timer: setTimeout(() => {
          this.delays.delete(delay);
          resolve();
        }, ms),
        resolve,
      };
      this.delays.add(delay);
    });
  }

  private writeJson(response: ServerResponse, status: number, reply: WireReply): void {
    this.writeText(response, status, 'application/json;charset=UTF-8', JSON.stringify(reply));
  }

  private writeText(response: ServerResponse, status: number, contentType: string, body: string): void {
    // The Date header follows the server's clock, so a till can measure its own clock's offset.
    response.setHeader('Date', this.now().toUTCString());
    response.setHeader('Content-Type', contentType);
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.writeHead(status);
    response.end(body);
  }
}

/** Reads the request body as UTF-8. Returns null when it is larger than MAX_BODY_BYTES. */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Lists the order numbers and member id of a call for the log. Phone numbers and names are left out. */
function describeCall(msg: Record<string, unknown>): string {
  const numbers = ['orderNo', 'oldOrderNo', 'order_no', 'return_order_no', 'user_id']
    .filter((field) => typeof msg[field] === 'string' || typeof msg[field] === 'number')
    .map((field) => `${field}=${String(msg[field])}`);
  return numbers.join(' ');
}

/**
 * Starts a training server and resolves once it listens. With `dataFile`, the state comes from
 * that file (or the seed, when the file is missing or damaged) and is saved right away.
 */
export async function startTrainingServer(options: TrainingServerOptions = {}): Promise<TrainingServer> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  assertTimeZone(timeZone);
  const storeCode = options.storeCode ?? DEFAULT_STORE_CODE;
  const now = options.now ?? (() => new Date());

  let state = createSeedState(storeCode);
  if (options.dataFile !== undefined) {
    const loaded = loadState(options.dataFile, now());
    if (loaded.kind === 'loaded') {
      state = loaded.state;
      // The configured store wins over the one saved, so a till that changed its store code
      // keeps its training members and history.
      state.store.code = storeCode;
    } else if (loaded.kind === 'damaged') {
      options.logger?.warn(`training server: data file ${options.dataFile} is damaged (${loaded.reason}); moved to ${loaded.movedTo} and started from the seed`);
    }
    saveState(options.dataFile, state);
  }

  const server = new TrainingServerImpl(state, options);
  await server.listen();
  options.logger?.info(`training server: listening on ${server.url} for store ${server.storeCode}`);
  return server;
}
