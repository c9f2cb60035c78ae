import {
  DEFAULT_LIFETIME_SECONDS,
  DEFAULT_TTL_SECONDS,
  type Binding,
  type IpnsKey,
  type IpnsRecordInfo,
  type PublishResult,
  type ResolvedName,
} from '../../../shared/ipc/contract';
import type { Logger } from '../log';
import type { NodeService } from '../node/node-service';
import type { Dialogs } from '../platform';
import type { DataStore } from '../store/data-store';
import { openBindings, type BindingService, type BindingTiming } from './bindings';
import { createKey, exportingRepo, exportKey, findKey, importKey, listKeys, removeKey, renameKey } from './keys';
import { openPublishLog, type PublishLog } from './publish-log';
import { filesCid, inspectName, publishName, type PublishRequest } from './records';
import { importToFiles, ownRecordValue, resolveName } from './resolve';
import { revealName, withoutDeceptive } from '../../../shared/hidden-characters';

const KEY_FILES = [{ name: 'IPNS key', extensions: ['key', 'pem'] }];

export interface IpnsService {
  publishLog: PublishLog;
  bindings: BindingService;
  keys(): Promise<IpnsKey[]>;
  createKey(name: string): Promise<IpnsKey>;
  renameKey(from: string, to: string): Promise<IpnsKey>;
  /**
   * Removes the key, the binding of a folder to it, which could never be published again, and what
   * Cairn published under it.
   */
  removeKey(name: string): Promise<void>;
  /** Asks where to save the key file; null when the user chose nothing. */
  exportKey(name: string, dialogs: Dialogs): Promise<string | null>;
  /** Asks for a key file; null when the user chose nothing. */
  importKey(name: string, dialogs: Dialogs): Promise<IpnsKey | null>;
  publish(request: PublishRequest): Promise<PublishResult>;
  inspect(key: string): Promise<IpnsRecordInfo>;
  resolve(input: string): Promise<ResolvedName>;
  importToFiles(input: string, fileName: string): Promise<{ mfsPath: string; cid: string }>;
  bind(request: { key: string; mfsPath: string; minIntervalSeconds: number }): Promise<Binding>;
  dispose(): Promise<void>;
}

/**
 * Keys, names and the state IPNS keeps between calls: what Cairn published and when, and the
 * folders bound to keys, republished through the node that is running at the time.
 */
export async function openIpns(options: {
  store: DataStore;
  node: NodeService;
  log: Logger;
  timing?: BindingTiming;
}): Promise<IpnsService> {
  const { node } = options;
  const kubo = () => node.kubo();
  const publishLog = await openPublishLog(options.store);
  const resolving = () => ({ offline: node.offline(), log: publishLog });
  const bindings = await openBindings({
    store: options.store,
    log: options.log,
    ...(options.timing ? { timing: options.timing } : {}),
    effects: {
      folderCid: (mfsPath) => filesCid(kubo(), mfsPath),
      async publish(keyId, cid) {
        const key = await findKey(kubo(), keyId, ['id']);
        await publishName(
          kubo(),
          {
            key: key.name,
            value: `/ipfs/${cid}`,
            lifetimeSeconds: DEFAULT_LIFETIME_SECONDS,
            ttlSeconds: DEFAULT_TTL_SECONDS,
          },
          resolving(),
        );
        return key.name;
      },
      async nameNow(keyId) {
        const key = await findKey(kubo(), keyId, ['id']);
        return { keyName: key.name, value: await ownRecordValue(kubo(), key.id) };
      },
    },
  });
  return {
    publishLog,
    bindings,
    keys: () => listKeys(kubo()),
    createKey: (name) => createKey(kubo(), name),
    renameKey: (from, to) => renameKey(kubo(), from, to),
    async removeKey(name) {
      const key = await findKey(kubo(), name);
      await removeKey(kubo(), key.name);
      if (bindings.list().some((binding) => binding.keyId === key.id)) await bindings.unbind(key.id);
      await publishLog.forget(key.id);
    },
    async exportKey(name, dialogs) {
      const repo = exportingRepo(node.local()?.repo ?? null);
      const key = await findKey(kubo(), name);
      const path = await dialogs.chooseSavePath({
        // As a file's export: the dialog offers the name without what would make it read as another.
        title: `Export the key ${revealName(key.name)}`,
        defaultName: `${withoutDeceptive(key.name) || 'key'}.key`,
        filters: KEY_FILES,
      });
      if (path) await exportKey(repo, key.name, path);
      return path;
    },
    async importKey(name, dialogs) {
      const [file] = await dialogs.choosePaths({ kind: 'files', multiple: false, filters: KEY_FILES });
      return file ? importKey(kubo(), name, file) : null;
    },
    publish: (request) => publishName(kubo(), request, resolving()),
    inspect: (key) => inspectName(kubo(), key, publishLog),
    resolve: (input) => resolveName(kubo(), input, resolving()),
    importToFiles: (input, fileName) => importToFiles(kubo(), input, fileName, resolving()),
    async bind({ key, mfsPath, minIntervalSeconds }) {
      const found = await findKey(kubo(), key);
      return bindings.bind({ keyId: found.id, keyName: found.name, mfsPath, minIntervalSeconds });
    },
    dispose: () => bindings.dispose(),
  };
}
