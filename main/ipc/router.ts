import type { z } from 'zod';
import {
  channels,
  type ChannelName,
  type ChannelReply,
  type ChannelRequest,
  type ChannelValue,
  type Channels,
  type IpcError,
  type IpcReply,
} from '../../common/contract';
import { createLogger, type Logger } from '../logging/logger';
import { toIpcError } from './errors';

// The one IPC router. It runs without Electron: `register.ts` feeds it calls from `ipcMain`, and
// the end-to-end harness feeds it calls from Chromium. Each handler gets a request that already
// passed its channel's schema. Every reply is a value, because nothing may throw across IPC.

/** A handler's parsed request: the output of the channel's request schema (defaults applied). */
export type HandlerRequest<N extends ChannelName> = z.output<Channels[N]['request']>;

/** Handles one channel. It throws TillError or VipaxError for failures the renderer must show. */
export type Handler<N extends ChannelName> = (request: HandlerRequest<N>) => Promise<ChannelValue<N>> | ChannelValue<N>;

/** Handlers for some channels, as one module in `main/ipc/handlers/` exports them. */
export type HandlerModule = { [N in ChannelName]?: Handler<N> };

export interface Router {
  /** The channels this router has handlers for, in contract order. */
  readonly channelNames: readonly ChannelName[];
  /** Validates `request`, runs the channel's handler and returns its reply. Never throws. */
  handle(channel: string, request: unknown): Promise<IpcReply<unknown>>;
  /** The same as `handle`, typed by the contract, for main-process callers and tests. */
  call<N extends ChannelName>(channel: N, request: ChannelRequest<N>): Promise<ChannelReply<N>>;
}

export interface RouterOptions {
  logger?: Logger;
}

/** Builds a router from handler modules. Throws when two modules handle the same channel. */
export function createRouter(modules: readonly HandlerModule[], options: RouterOptions = {}): Router {
  const logger = options.logger ?? createLogger('ipc');
  const handlers = new Map<string, (request: unknown) => unknown>();

  for (const module of modules) {
    for (const [channel, handler] of Object.entries(module)) {
      if (handler === undefined) continue;
      if (!(channel in channels)) throw new Error(`Handler for '${channel}', which is not a contract channel`);
      if (handlers.has(channel)) throw new Error(`Two handlers for the IPC channel '${channel}'`);
      handlers.set(channel, handler as (request: unknown) => unknown);
    }
  }

  const channelNames = (Object.keys(channels) as ChannelName[]).filter((name) => handlers.has(name));

  async function handle(channel: string, request: unknown): Promise<IpcReply<unknown>> {
    try {
      return await handleUnsafe(channel, request);
    } catch (error) {
      // A schema refinement or a reply getter that throws must still end as a value.
      logger.error('IPC call failed outside its handler', { channel, error: describeError(error) });
      return failure({ code: 'internal', message: `The call to '${channel}' failed unexpectedly` });
    }
  }

  async function handleUnsafe(channel: string, request: unknown): Promise<IpcReply<unknown>> {
    const handler = handlers.get(channel);
    const definition = (channels as Record<string, { request: z.ZodType; reply: z.ZodType }>)[channel];
    if (handler === undefined || definition === undefined) {
      logger.warn('IPC call to an unknown channel', { channel });
      return failure({ code: 'invalid-input', message: `Unknown IPC channel '${channel}'` });
    }

    const parsed = definition.request.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      const message = `Invalid request for '${channel}': ${issue?.message ?? 'does not match the schema'}${field ? ` at '${field}'` : ''}`;
      return failure(field === undefined ? { code: 'invalid-input', message } : { code: 'invalid-input', message, field });
    }

    let value: unknown;
    try {
      value = await handler(parsed.data);
    } catch (error) {
      const ipcError = toIpcError(error);
      if (ipcError !== null) return failure(ipcError);

      logger.error('IPC handler failed', { channel, error: describeError(error) });
      return failure({ code: 'internal', message: `The handler for '${channel}' failed unexpectedly` });
    }

    // Parsing the reply drops fields the schema does not name, so nothing extra (a full phone
    // number, a secret) can reach the renderer by accident.
    const reply = definition.reply.safeParse(value);
    if (!reply.success) {
      logger.error('IPC reply does not match its schema', { channel, issues: reply.error.issues.slice(0, 3) });
      return failure({ code: 'internal', message: `The reply for '${channel}' does not match the contract` });
    }
    return { ok: true, value: reply.data };
  }

  const call = <N extends ChannelName>(channel: N, request: ChannelRequest<N>): Promise<ChannelReply<N>> =>
    handle(channel, request) as Promise<ChannelReply<N>>;

  return { channelNames, handle, call };
}

function failure(error: IpcError): IpcReply<never> {
  return { ok: false, error };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
