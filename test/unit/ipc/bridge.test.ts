import { describe, expect, it } from 'vitest';
import { channelNames, eventNames, type TillApi } from '../../../common/contract';
import { buildTillApi } from '../../../preload/bridge';

describe('buildTillApi', () => {
  it('maps every contract channel to a function', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = buildTillApi(channelNames, eventNames, async (channel, request) => {
      calls.push([channel, request]);
      return { ok: true, value: channel };
    }, () => () => undefined) as unknown as TillApi;

    const lookup = await api.member.lookup({ query: 'CARD201609010101' });
    const status = await api.till.status();
    const resolve = await api.payment.resolve({ orderNo: 'S001-T01-20261204153012-0007' });

    expect(lookup).toEqual({ ok: true, value: 'member:lookup' });
    expect(status).toEqual({ ok: true, value: 'till:status' });
    expect(resolve).toEqual({ ok: true, value: 'payment:resolve' });
    expect(calls).toEqual([
      ['member:lookup', { query: 'CARD201609010101' }],
      ['till:status', undefined],
      ['payment:resolve', { orderNo: 'S001-T01-20261204153012-0007' }],
    ]);
  });

  it('exposes exactly one function per channel', () => {
    const api = buildTillApi(channelNames, eventNames, async () => null, () => () => undefined);

    const exposed = Object.entries(api)
      .filter(([namespace]) => namespace !== 'events')
      .flatMap(([namespace, group]) => Object.keys(group).map((verb) => `${namespace}.${verb}`));
    const expected = channelNames.map((name) => {
      const [namespace, verb] = name.split(':') as [string, string];
      return `${namespace}.${verb.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase())}`;
    });
    expect(exposed.sort()).toEqual(expected.sort());
  });

  it('names event listeners after the event', () => {
    const subscriptions: string[] = [];
    const api = buildTillApi(['till:status'], ['till:status-changed', 'outbox:changed'], async () => null, (event) => {
      subscriptions.push(event);
      return () => undefined;
    });

    expect(Object.keys(api.events ?? {})).toEqual(['onTillStatusChanged', 'onOutboxChanged']);
    const onStatus = api.events?.onTillStatusChanged as (listener: () => void) => () => void;
    expect(typeof onStatus(() => undefined)).toBe('function');
    expect(subscriptions).toEqual(['till:status-changed']);
  });

  it('passes event payloads and unsubscribes', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const api = buildTillApi([], ['till:status-changed'], async () => null, (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }) as unknown as TillApi;
    const received: unknown[] = [];

    const unsubscribe = api.events.onTillStatusChanged((status) => received.push(status.connection));
    listeners.get('till:status-changed')?.({ connection: 'offline' });
    unsubscribe();

    expect(received).toEqual(['offline']);
    expect(listeners.size).toBe(0);
  });

  it('rejects a listener that is not a function', () => {
    const api = buildTillApi([], ['till:status-changed'], async () => null, () => () => undefined);
    const onStatus = api.events?.onTillStatusChanged as (listener: unknown) => unknown;

    expect(() => onStatus('alert(1)')).toThrow("Listener for 'till:status-changed' must be a function");
  });

  it('freezes the API', () => {
    const api = buildTillApi(['member:lookup'], [], async () => null, () => () => undefined);

    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.member)).toBe(true);
    expect(Object.isFrozen(api.events)).toBe(true);
  });

  it('throws on a malformed or clashing name', () => {
    const invoke = async () => null;
    const subscribe = () => () => undefined;

    expect(() => buildTillApi(['memberLookup'], [], invoke, subscribe)).toThrow("Invalid IPC name 'memberLookup'");
    expect(() => buildTillApi(['Member:lookup'], [], invoke, subscribe)).toThrow("Invalid IPC name 'Member:lookup'");
    expect(() => buildTillApi(['events:list'], [], invoke, subscribe)).toThrow("'events' is reserved");
    expect(() => buildTillApi(['till:status', 'till:status'], [], invoke, subscribe)).toThrow('map to the same function');
    expect(() => buildTillApi([], ['a:b', 'a:b'], invoke, subscribe)).toThrow('map to the same listener');
  });

  it('still works after a round trip through its source text', async () => {
    // The e2e harness sends the function to Chromium as text, so it must not close over anything.
    const rebuilt = new Function(`return (${buildTillApi.toString()});`)() as typeof buildTillApi;
    const api = rebuilt(channelNames, eventNames, async (channel) => channel, () => () => undefined);

    expect(await (api.payment?.unresolved as () => Promise<unknown>)()).toBe('payment:unresolved');
  });
});
