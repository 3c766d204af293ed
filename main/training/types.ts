import type { SimMember } from './state';

// The public types of the training server: its options, fault switches and handle.

export interface TrainingLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface TrainingServerOptions {
  /** Interface to listen on. Default '127.0.0.1'. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 'training-appid'. */
  appid?: string;
  /** Default 'training-secret'. */
  secret?: string;
  /** The store the server serves. Default 'S001', the seeded store. Calls for other stores are rejected. */
  storeCode?: string;
  /**
   * When set, the state is loaded from this JSON file and saved to it atomically after every
   * change. A missing file starts from the seed, and a damaged one is renamed aside before the seed is used.
   * NOTE: one server per file. Two servers on the same file overwrite each other's changes.
   */
  dataFile?: string;
  /** Maximum accepted difference between `ts` and the server's clock, in seconds. Default 300. */
  tsWindowSeconds?: number;
  /** IANA time zone in which `ts` and the times the server sends are read. Default 'Asia/Shanghai'. */
  timeZone?: string;
  /** The server's clock; tests set it to check the `ts` window. It also sets the HTTP Date header. */
  now?: () => Date;
  /** Receives starts, stops, fault changes, applied writes and errors. Default: no logging. */
  logger?: TrainingLogger;
}

export type Fault =
  /**
   * Delays the response by `ms` milliseconds after the call is applied. With `applyAfterMs` the
   * call is applied only that long after the request arrived, even when the client has given up by
   * then, as a slow server behind a proxy does.
   */
  | { kind: 'delay'; ms: number; applyAfterMs?: number }
  /** Applies the call, then destroys the socket without a response (the unknown-outcome case). */
  | { kind: 'drop-after-apply' }
  /** Responds HTTP 502 with an HTML page, as a proxy in front of VIPax would. Nothing is applied. */
  | { kind: 'bad-gateway' }
  /**
   * Responds HTTP 504 with an HTML page after `answerAfterMs`, as a proxy that stopped waiting
   * would, and applies the call `applyAfterMs` after the request arrived, whether before or after the 504.
   */
  | { kind: 'gateway-timeout'; answerAfterMs: number; applyAfterMs: number }
  /** Responds 200 with a truncated JSON body. Nothing is applied. */
  | { kind: 'malformed-json' }
  /** Stops listening, so connections are refused, until setFault(null) listens again on the same port. */
  | { kind: 'refuse-connections' };

export interface FaultOptions {
  /** Limits the fault to these methods, by name ('paidConsumeByPro') or model and name ('customer.paidConsumeByPro'). */
  methods?: string[];
  /** Limits the fault to the next `count` matching requests; afterwards the server behaves normally. */
  count?: number;
}

export interface AppliedCall {
  model: string;
  method: string;
  msg: unknown;
}

export interface TrainingServer {
  /** The endpoint, e.g. http://127.0.0.1:41234/VipaxWS/ws */
  readonly url: string;
  readonly appid: string;
  readonly secret: string;
  readonly storeCode: string;
  /** Sets the fault every matching request meets from now on, or clears it with null. */
  setFault(fault: Fault | null, options?: FaultOptions): Promise<void>;
  hooks: {
    /**
     * Runs after a call changed the state (and the data file, when there is one) and before
     * its response is written. The response waits for a returned promise.
     */
    afterApply?: (call: AppliedCall) => void | Promise<void>;
  };
  /**
   * Counts the records that carry this number: transaction log entries whose businessNo equals
   * it, plus uploaded orders with this order_no and returns with this return_order_no.
   */
  countApplied(businessNo: string): number;
  /** Returns a copy of the member with this card number, physical card number or customerId. */
  findMember(cardNoOrCustomerId: string): SimMember | undefined;
  close(): Promise<void>;
}
