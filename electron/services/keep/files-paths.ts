import { folderLinks } from '../files/folder-links';
import type { KuboClient } from '../kubo/kubo-client';
import { contentKey } from './content-key';

const LS_TIMEOUT_MS = 10 * 60_000;

/**
 * Content key → the Files path that holds it now, for every file and folder in Files, walked
 * breadth first from the root's CID (so the first path found is the shallowest). `ls --stream` on
 * CIDs reads the blocks without loading them into Files' own state, which a later change would
 * then have to write back.
 */
export async function readFilesPaths(
  kubo: KuboClient,
  root: string,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const folders: { cid: string; path: string }[] = [{ cid: root, path: '' }];
  for (let next = folders.shift(); next; next = folders.shift()) {
    try {
      for await (const entry of folderLinks(kubo, next.cid, { timeoutMs: LS_TIMEOUT_MS, signal })) {
        const key = contentKey(entry.cid);
        const path = `${next.path}/${entry.name}`;
        if (!key || paths.has(key)) continue;
        paths.set(key, path);
        // The same folder in two places is walked once.
        if (entry.type === 'folder') folders.push({ cid: entry.cid, path });
      }
    } catch {
      // A folder whose blocks are not on the node (linked by reference): its entries stay unnamed.
      if (signal.aborted) throw signal.reason;
    }
  }
  return paths;
}
