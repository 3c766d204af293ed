// Builds the `window.till` object from the contract's channel and event names. The preload runs it
// with `ipcRenderer`, and the end-to-end harness runs the same function inside Chromium (it is sent
// there as source text), so the two cannot expose different APIs.
//
// NOTE: the function must stay self-contained: no imports, no module-level helpers, no closures
// over outer variables, because the harness serializes it with Function.prototype.toString.

export type Invoke = (channel: string, request: unknown) => Promise<unknown>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * Maps `namespace:verb-name` channels to `api.namespace.verbName(request)` and
 * `namespace:verb-name` events to `api.events.onNamespaceVerbName(listener)`. Every object in
 * the result is frozen. Throws on a name that does not have the `namespace:verb` form or that
 * would overwrite another.
 */
export function buildTillApi(
  channelNames: readonly string[],
  eventNames: readonly string[],
  invoke: Invoke,
  subscribe: Subscribe,
): Record<string, Record<string, unknown>> {
  const namePattern = /^([a-z][a-z0-9]*):([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/;
  const camelCase = (text: string): string => text.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
  const splitName = (name: string): [string, string] => {
    const match = namePattern.exec(name);
    if (!match || match[1] === undefined || match[2] === undefined) {
      throw new Error(`Invalid IPC name '${name}': expected 'namespace:verb' in lower case`);
    }
    return [match[1], match[2]];
  };

  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channelNames) {
    const [namespace, verb] = splitName(channel);
    if (namespace === 'events') throw new Error(`Invalid IPC name '${channel}': 'events' is reserved`);
    const group = api[namespace] ?? (api[namespace] = {});
    const key = camelCase(verb);
    if (key in group) throw new Error(`IPC channels '${channel}' and another map to the same function`);
    group[key] = (request?: unknown) => invoke(channel, request);
  }

  const listeners: Record<string, unknown> = {};
  for (const event of eventNames) {
    const [namespace, verb] = splitName(event);
    const key = `on${capitalize(camelCase(`${namespace}-${verb}`))}`;
    if (key in listeners) throw new Error(`IPC events '${event}' and another map to the same listener`);
    listeners[key] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`Listener for '${event}' must be a function`);
      return subscribe(event, listener);
    };
  }

  for (const group of Object.values(api)) Object.freeze(group);
  api.events = Object.freeze(listeners);
  return Object.freeze(api);
}
