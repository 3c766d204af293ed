import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type IpcReply } from '../../common/contract';
import { createLogger, type Logger } from '../logging/logger';
import type { Router } from './router';
import type { IpcSenderEvent } from '../security';

// The only code that touches `ipcMain`. Each contract channel the router handles gets one
// `ipcMain.handle`, and every call passes the sender check before it reaches the router.

export interface RegisterIpcOptions {
  router: Router;
  /** Usually `isTrustedSender` from main/security: the app's own window, main frame, own page. */
  isTrustedSender: (event: IpcSenderEvent) => boolean;
  logger?: Logger;
}

/** Registers a handler for each of the router's channels and returns a function that removes them. */
export function registerIpc(options: RegisterIpcOptions): () => void {
  const { router, isTrustedSender } = options;
  const logger = options.logger ?? createLogger('ipc');

  for (const channel of router.channelNames) {
    if (!(channel in channels)) throw new Error(`Router channel '${channel}' is not in the contract`);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<IpcReply<unknown>> => {
      if (!isTrustedSender(event)) {
        logger.warn('IPC call from an untrusted sender rejected', { channel, url: event.senderFrame?.url ?? null });
        return { ok: false, error: { code: 'forbidden', message: `Calls to '${channel}' are accepted only from the till window` } };
      }
      return router.handle(channel, request);
    });
  }

  return () => {
    for (const channel of router.channelNames) ipcMain.removeHandler(channel);
  };
}
