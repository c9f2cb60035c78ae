import type { KuboClient } from '../kubo/kubo-client';
import { refusedAs } from '../kubo/kubo-errors';
import { ipfsPath } from '../content-argument';
import { contentKey } from './content-key';

const RESOLVE_TIMEOUT_MS = 30_000;

/**
 * The CID of what a content address names. A CID is itself; a path inside one
 * (`/ipfs/<cid>/sub/file`, an `ipfs://` link, a gateway URL) names the content at its end, not the
 * folder it starts from, so Kubo walks there without the network. Null when the node lacks a block
 * on the way; refused when the text is no content address.
 */
export async function contentAt(kubo: KuboClient, text: string): Promise<string | null> {
  if (contentKey(text)) return text;
  const params = { arg: ipfsPath(text), offline: 'true' };
  return kubo
    .call<{ Path: string }>('resolve', params, { timeoutMs: RESOLVE_TIMEOUT_MS })
    .then(({ Path }) => Path.replace(/^\/ipfs\//, ''), refusedAs(null));
}
