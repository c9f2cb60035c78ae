import type { Dispatcher } from '../../electron/ipc/dispatch';
import type { EventSink } from '../../electron/ipc/types';
import type { CairnError } from '../../shared/errors';
import type { Channel, EventName } from '../../shared/ipc/channels';
import type { Events, RequestIn, Responses } from '../../shared/ipc/contract';

export class CallFailed extends Error {
  constructor(readonly error: CairnError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** Calls a channel through the real dispatcher (validation included), as the renderer would; events are recorded. */
export function caller(dispatcher: Dispatcher) {
  const events: { event: EventName; payload: Events[EventName] }[] = [];
  const sink: EventSink = { send: (event, payload) => events.push({ event, payload }) };
  async function call<C extends Channel>(channel: C, request: RequestIn<C>): Promise<Responses[C]> {
    const result = await dispatcher.dispatch(channel, request, sink);
    if (!result.ok) throw new CallFailed(result.error);
    return result.data as Responses[C];
  }
  return { call, events };
}
