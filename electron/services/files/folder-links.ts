import type { MfsEntry } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';

interface LsLine {
  Objects?: { Links?: { Name: string; Hash: string; Size: number; Type: number }[] }[];
}

/** A folder's entries as `ls --stream` gives them, one at a time, whatever the folder's size. */
export async function* folderLinks(
  kubo: KuboClient,
  cid: string,
  options: { timeoutMs: number; signal: AbortSignal },
): AsyncGenerator<MfsEntry> {
  const params = { arg: cid, stream: 'true', size: 'true', 'resolve-type': 'true' };
  for await (const line of kubo.lines<LsLine>('ls', params, options)) {
    for (const link of line.Objects?.[0]?.Links ?? []) {
      // UnixFS types: 1 directory, 5 sharded directory, 4 symlink; files, raw leaves and symlinks show as files.
      const folder = link.Type === 1 || link.Type === 5;
      const entry: MfsEntry = {
        name: link.Name,
        type: folder ? 'folder' : 'file',
        size: folder ? null : link.Size,
        cid: link.Hash,
      };
      if (link.Type === 4) entry.symlink = true;
      yield entry;
    }
  }
}
