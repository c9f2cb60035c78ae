import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';
import { cidArgument } from '../../services/content-argument';

export function pinsHandlers({ pins, keep }: Services): HandlersOf<'pins'> {
  const cid = (text: string) => cidArgument(text).toString();
  return {
    'pins.listLocal': async ({ opId, indirect }, op) => ({
      count: await pins.local.list({ indirect: indirect ?? false, signal: op.signal }, (batch) =>
        op.emit('pins.localBatch', { opId, pins: batch }),
      ),
    }),
    'pins.localNames': async ({ opId }, op) => ({
      count: await pins.local.names(op.signal, (names) => op.emit('pins.localNames', { opId, names })),
    }),
    'pins.localSize': async (request) => {
      const size = await pins.local.size(cid(request.cid));
      if (size === null) keep.lacksBlocks();
      return { size };
    },
    'pins.addLocal': ({ ref }) => pins.local.add(ref),
    'pins.removeLocal': async (request) => {
      await pins.local.remove(await keep.asPinned(cid(request.cid)));
      return { cid: request.cid };
    },
    'pins.saveService': ({ service }) => pins.saveService(service),
    'pins.removeService': ({ id }) => pins.removeService(id),
    'pins.testService': ({ service }) => pins.testService(service),
    'pins.registerWithKubo': ({ id, registered, token }) => pins.registerWithKubo(id, registered, token),
    'pins.requestRemote': (request) => pins.requestRemote({ ...request, cids: request.cids.map(cid) }),
    'pins.requests': () => Promise.resolve(pins.requests()),
    'pins.recheckPinned': () => Promise.resolve({ asked: pins.recheckPinned() }),
    'pins.retryRequest': ({ id }) => pins.retryRequest(id),
    'pins.removeRequest': async ({ id, alsoOnService }) => {
      await pins.removeRequest(id, alsoOnService);
      return { id };
    },
    'pins.listRemote': (request) => pins.listRemote(request),
    'pins.removeRemote': async ({ serviceId, requestId }) => {
      await pins.removeRemote(serviceId, requestId);
      return { requestId };
    },
    'pins.replaceRemote': ({ serviceId, requestId, cid: text, name, meta }) =>
      pins.replaceRemote(serviceId, requestId, cid(text), { name, meta }),
  };
}
