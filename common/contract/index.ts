import type { z } from 'zod';
import type { IpcReply, ReplyOf, RequestOf } from './base';
import { memberChannels } from './member';
import { orderChannels } from './order';
import { outboxChannels, outboxEvents } from './outbox';
import { paymentChannels, paymentEvents } from './payment';
import { refundChannels } from './refund';
import { settingsChannels } from './settings';
import { tillChannels, tillEvents } from './till';

// The one IPC contract, imported by main, preload and renderer. Each concern declares its
// channels in its own file, and this module joins them. A channel is named `namespace:verb` and the
// preload exposes it as `window.till.<namespace>.<verb in camelCase>`, so `payment:resolve` is
// `window.till.payment.resolve(request)`. Events flow from main to the renderer only, and
// `till:status-changed` is `window.till.events.onTillStatusChanged(listener)`.

export * from './base';
export * from './member';
export * from './order';
export * from './outbox';
export * from './payment';
export * from './refund';
export * from './settings';
export * from './till';

/** Every request/reply channel, keyed by name. Add a concern's channels here with one spread. */
export const channels = {
  ...tillChannels,
  ...memberChannels,
  ...paymentChannels,
  ...refundChannels,
  ...outboxChannels,
  ...orderChannels,
  ...settingsChannels,
};

/** Every main → renderer event, keyed by name, with the schema of its payload. */
export const events = {
  ...tillEvents,
  ...outboxEvents,
  ...paymentEvents,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type Events = typeof events;
export type EventName = keyof Events;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

/** The global name the preload exposes the API under: `window.till`. */
export const TILL_API_KEY = 'till';

export type ChannelRequest<N extends ChannelName> = RequestOf<Channels[N]>;
export type ChannelValue<N extends ChannelName> = ReplyOf<Channels[N]>;
export type ChannelReply<N extends ChannelName> = IpcReply<ChannelValue<N>>;
export type EventPayload<N extends EventName> = z.output<Events[N]>;

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type NamespaceOf<N> = N extends `${infer Namespace}:${string}` ? Namespace : never;
type VerbOf<N> = N extends `${string}:${infer Verb}` ? Verb : never;

/** A channel's function; the request is optional when the channel's schema accepts none. */
export type ChannelFunction<N extends ChannelName> = undefined extends ChannelRequest<N>
  ? (request?: ChannelRequest<N>) => Promise<ChannelReply<N>>
  : (request: ChannelRequest<N>) => Promise<ChannelReply<N>>;

/** `till:status-changed` → `onTillStatusChanged`. */
export type EventListenerName<E extends string> = `on${Capitalize<CamelCase<`${NamespaceOf<E>}-${VerbOf<E>}`>>}`;

/** Adds a listener for one event and returns the function that removes it. */
export type EventSubscriber<E extends EventName> = (listener: (payload: EventPayload<E>) => void) => () => void;

/** The API the preload exposes as `window.till`, derived from the channel and event lists above. */
export type TillApi = {
  readonly [Namespace in NamespaceOf<ChannelName>]: {
    readonly [N in ChannelName as NamespaceOf<N> extends Namespace ? CamelCase<VerbOf<N>> : never]: ChannelFunction<N>;
  };
} & {
  readonly events: {
    readonly [E in EventName as EventListenerName<E>]: EventSubscriber<E>;
  };
};

/** For the renderer: `declare global { interface Window extends TillWindow {} }`. */
export interface TillWindow {
  readonly till: TillApi;
}
