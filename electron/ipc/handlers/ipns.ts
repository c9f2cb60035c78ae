import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

export function ipnsHandlers({ ipns, platform }: Services): HandlersOf<'ipns'> {
  return {
    'ipns.keys': () => ipns.keys(),
    'ipns.createKey': ({ name }) => ipns.createKey(name),
    'ipns.renameKey': ({ from, to }) => ipns.renameKey(from, to),
    'ipns.removeKey': async ({ name }) => {
      await ipns.removeKey(name);
      return null;
    },
    'ipns.exportKey': async ({ name }) => ({ path: await ipns.exportKey(name, platform.dialogs) }),
    'ipns.importKey': async ({ name }) => ({ key: await ipns.importKey(name, platform.dialogs) }),
    'ipns.publish': (request) => ipns.publish(request),
    'ipns.inspect': ({ key }) => ipns.inspect(key),
    'ipns.resolve': ({ input }) => ipns.resolve(input),
    'ipns.importToFiles': ({ input, fileName }) => ipns.importToFiles(input, fileName),
    'ipns.bindings': () => Promise.resolve(ipns.bindings.list()),
    'ipns.bind': (request) => ipns.bind(request),
    'ipns.unbind': async ({ keyId }) => {
      await ipns.bindings.unbind(keyId);
      return null;
    },
    'ipns.retryBinding': ({ keyId }) => ipns.bindings.retry(keyId),
  };
}
