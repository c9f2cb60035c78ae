import type { EventName } from '../../shared/ipc/channels';
import type { Events } from '../../shared/ipc/contract';
import type { EventSink } from './types';

/** Every open renderer, for events that concern them all (node state, settings). */
export interface EventHub extends EventSink {
  add(sink: EventSink): () => void;
}

export function createEventHub(): EventHub {
  const sinks = new Set<EventSink>();
  return {
    add(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    send<E extends EventName>(event: E, payload: Events[E]) {
      for (const sink of sinks) sink.send(event, payload);
    },
  };
}
