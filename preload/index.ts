// Exposes the till's IPC channels to the renderer as named functions under `window.till`. The
// renderer gets no reference to `ipcRenderer` itself, so it can call only the contract's channels.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { TILL_API_KEY, channelNames, eventNames } from '../common/contract';
import { buildTillApi } from './bridge';

const api = buildTillApi(
  channelNames,
  eventNames,
  (channel, request) => ipcRenderer.invoke(channel, request),
  (event, listener) => {
    // Only the payload crosses over: the IPC event object would hand the renderer `sender`.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
);

contextBridge.exposeInMainWorld(TILL_API_KEY, api);
