import { create, type KuboRPCClient } from 'kubo-rpc-client';
import type { NodeService } from '../../electron/services/node/node-service';

/**
 * kubo-rpc-client on the running node, for tests that prepare or check the node's state by a
 * path of its own rather than through Cairn's client.
 */
export function rpcClient(node: NodeService, headers: Record<string, string> = {}): KuboRPCClient {
  return create({ url: node.kubo().url, headers });
}
