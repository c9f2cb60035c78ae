import type { Dispatcher } from '../../electron/ipc/dispatch';
import type { EventSink } from '../../electron/ipc/types';
import type { CairnError } from '../../shared/errors';
import type { Channel, EventName } from '../../shared/ipc/channels';
import type { Events, FolderBatch, MfsEntry, RequestIn, Responses } from '../../shared/ipc/contract';

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
  let listings = 0;
  /** Lists an MFS folder as the renderer does: its entries are the `files.listBatch` events of the call's opId. */
  async function listFolder(folder: string): Promise<{ cid: string; count: number; batches: MfsEntry[][] }> {
    const opId = `list-folder-${++listings}`;
    const listed = await call('files.list', { opId, folder });
    const batches = events
      .filter(({ event, payload }) => event === 'files.listBatch' && (payload as FolderBatch).opId === opId)
      .map(({ payload }) => (payload as FolderBatch).entries);
    return { ...listed, batches };
  }
  return { call, events, listFolder };
}
