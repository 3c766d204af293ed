import { channelNames, eventNames, TILL_API_KEY } from '../../../common/contract';
import { buildTillApi } from '../../../preload/bridge';

// The init script that gives a Chromium page the same `window.till` the preload gives the Electron
// window. It runs the preload's own buildTillApi, sent as source text, with calls going to the
// `__tillInvoke` binding (the harness's router) and events arriving through `__tillEmit`.

/** Name of the Playwright binding that carries calls to the router. */
export const INVOKE_BINDING = '__tillInvoke';
/** Name of the page function the harness calls to deliver a main → renderer event. */
export const EMIT_FUNCTION = '__tillEmit';

export function createBridgeScript(): string {
  // Transpilers may wrap named functions in a `__name(fn, "name")` helper that only exists in
  // Node; the page gets a stand-in that returns the function unchanged.
  return `(() => {
  const __name = (target) => target;
  const buildTillApi = (${buildTillApi.toString()});
  const listeners = new Map();
  const invoke = (channel, request) => window[${JSON.stringify(INVOKE_BINDING)}](channel, request);
  const subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => { set.delete(listener); };
  };
  Object.defineProperty(window, ${JSON.stringify(EMIT_FUNCTION)}, {
    value: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  });
  const api = buildTillApi(${JSON.stringify(channelNames)}, ${JSON.stringify(eventNames)}, invoke, subscribe);
  Object.defineProperty(window, ${JSON.stringify(TILL_API_KEY)}, { value: api, enumerable: true });
})();`;
}
