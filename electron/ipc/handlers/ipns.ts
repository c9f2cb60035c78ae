import {
  createKey,
  exportingRepo,
  exportKey,
  findKey,
  importKey,
  listKeys,
  removeKey,
  renameKey,
} from '../../services/ipns/keys';
import { inspectName, publishName } from '../../services/ipns/records';
import { importToFiles, resolveName } from '../../services/ipns/resolve';
import type { Services } from '../../services/services';
import type { HandlersOf } from '../types';

const KEY_FILES = [{ name: 'IPNS key', extensions: ['key', 'pem'] }];

export function ipnsHandlers({ node, ipns, platform }: Services): HandlersOf<'ipns'> {
  const target = () => node.rpcTarget();
  const resolving = () => ({ offline: node.offline(), log: ipns.publishLog });
  return {
    'ipns.keys': () => listKeys(target()),
    'ipns.createKey': ({ name }) => createKey(target(), name),
    'ipns.renameKey': ({ from, to }) => renameKey(target(), from, to),
    'ipns.removeKey': async ({ name }) => {
      const key = await findKey(target(), name);
      await removeKey(target(), key.name);
      // A folder bound to a key that no longer exists could never be published again.
      if (ipns.bindings.list().some((binding) => binding.keyId === key.id)) await ipns.bindings.unbind(key.id);
      return null;
    },
    'ipns.exportKey': async ({ name }) => {
      const repo = exportingRepo(node.local()?.repo ?? null);
      const key = await findKey(target(), name);
      const path = await platform.dialogs.chooseSavePath({
        title: `Export the key ${key.name}`,
        defaultName: `${key.name}.key`,
        filters: KEY_FILES,
      });
      if (path) await exportKey(repo, key.name, path);
      return { path };
    },
    'ipns.importKey': async ({ name }) => {
      const [file] = await platform.dialogs.choosePaths({ kind: 'files', multiple: false, filters: KEY_FILES });
      return { key: file ? await importKey(target(), name, file) : null };
    },
    'ipns.publish': (request) => publishName(target(), request, resolving()),
    'ipns.inspect': ({ key }) =>
      inspectName(target(), key, { gatewayUrl: node.local()?.gatewayUrl ?? null, log: ipns.publishLog }),
    'ipns.resolve': ({ input }) => resolveName(target(), input, resolving()),
    'ipns.importToFiles': ({ input, fileName }) => importToFiles(target(), input, fileName, resolving()),
    'ipns.bindings': () => Promise.resolve(ipns.bindings.list()),
    'ipns.bind': async ({ key, mfsPath, minIntervalSeconds }) => {
      const found = await findKey(target(), key);
      return ipns.bindings.bind({ keyId: found.id, keyName: found.name, mfsPath, minIntervalSeconds });
    },
    'ipns.unbind': async ({ keyId }) => {
      await ipns.bindings.unbind(keyId);
      return null;
    },
    'ipns.retryBinding': ({ keyId }) => ipns.bindings.retry(keyId),
  };
}
