import type { KuboRPCClient } from 'kubo-rpc-client';
import type { CID } from 'multiformats/cid';

/**
 * A small raw block Cairn stores on the node (unpinned) to ask gateways for when the user named no
 * content: what the node has, a gateway that fetches from it can serve.
 */
export async function probeBlock(client: KuboRPCClient): Promise<CID> {
  const added = await client.add(new TextEncoder().encode('Cairn gateway check\n'), {
    cidVersion: 1,
    rawLeaves: true,
    pin: false,
  });
  return added.cid;
}
