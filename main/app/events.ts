import { events, type EventName, type EventPayload } from '../../common/contract';
import { createLogger, type Logger } from '../logging/logger';

// Main → renderer events. Services emit here; the Electron shell forwards each event to the window
// with `webContents.send`, and the end-to-end harness forwards it into Chromium.

export type TillEventListener = (name: EventName, payload: EventPayload<EventName>) => void;

export interface EventBus {
  /** Validates `payload` against the event's schema and passes the parsed value to every listener. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Adds a listener for every event and returns the function that removes it. */
  subscribe(listener: TillEventListener): () => void;
}

export function createEventBus(logger: Logger = createLogger('events')): EventBus {
  const listeners = new Set<TillEventListener>();

  return {
    emit(name, payload) {
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) {
        logger.error('Event payload does not match its schema; not sent', { event: name });
        return;
      }
      for (const listener of listeners) {
        try {
          listener(name, parsed.data as EventPayload<EventName>);
        } catch (error) {
          logger.error('Event listener failed', { event: name, error: String(error) });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
