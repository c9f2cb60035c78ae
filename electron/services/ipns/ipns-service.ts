import { DEFAULT_LIFETIME_SECONDS, DEFAULT_TTL_SECONDS } from '../../../shared/ipc/contract';
import type { Logger } from '../log';
import type { NodeService } from '../node/node-service';
import { openBindings, type BindingService, type BindingTiming } from './bindings';
import { findKey } from './keys';
import { openPublishLog, type PublishLog } from './publish-log';
import { filesCid, publishName } from './records';

export interface IpnsService {
  publishLog: PublishLog;
  bindings: BindingService;
  dispose(): Promise<void>;
}

/**
 * The state IPNS keeps between calls: what Cairn published and when, and the folders bound to keys,
 * republished through the node that is running at the time.
 */
export async function openIpns(options: {
  dataDir: string;
  node: NodeService;
  log: Logger;
  timing?: BindingTiming;
}): Promise<IpnsService> {
  const { node } = options;
  const publishLog = await openPublishLog(options.dataDir, options.log);
  const bindings = await openBindings({
    dataDir: options.dataDir,
    log: options.log,
    ...(options.timing ? { timing: options.timing } : {}),
    effects: {
      folderCid: (mfsPath) => filesCid(node.rpcTarget(), mfsPath),
      async publish(keyId, cid) {
        const target = node.rpcTarget();
        const key = await findKey(target, keyId);
        await publishName(
          target,
          {
            key: key.name,
            value: `/ipfs/${cid}`,
            lifetimeSeconds: DEFAULT_LIFETIME_SECONDS,
            ttlSeconds: DEFAULT_TTL_SECONDS,
          },
          { offline: node.offline(), log: publishLog },
        );
        return key.name;
      },
    },
  });
  return { publishLog, bindings, dispose: () => bindings.dispose() };
}
