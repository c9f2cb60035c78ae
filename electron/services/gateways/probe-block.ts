import type { CID } from 'multiformats/cid';
import type { KuboClient } from '../kubo/kubo-client';

/**
 * A small raw block Cairn stores on the node (unpinned) to ask gateways for when the user named no
 * content: what the node has, a gateway that fetches from it can serve.
 */
export function probeBlock(kubo: KuboClient): Promise<CID> {
  return kubo.addBytes(new TextEncoder().encode('Cairn gateway check\n'));
}
