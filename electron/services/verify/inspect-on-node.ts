import type { CID } from 'multiformats/cid';
import type { NodeCidInfo } from '../../../shared/ipc/contract';
import { cumulativeSize } from '../files/cumulative-size';
import type { KuboClient } from '../kubo/kubo-client';
import { refusedAs } from '../kubo/kubo-errors';

const MAX_CHILDREN = 200;
const REFS_TIMEOUT_MS = 60_000;

/**
 * What the node knows of a CID, from its own blockstore only (`offline=true`: asking must never
 * start a network search): whether it has the root, the type and size, how many blocks, the children.
 */
export async function inspectOnNode(kubo: KuboClient, cid: CID): Promise<NodeCidInfo> {
  const arg = cid.toString();
  const local = { arg, offline: 'true' };
  const root = await kubo.call<{ Size: number }>('block/stat', local).catch(refusedAs(null));
  if (!root) return { has: false };
  // Content that is not UnixFS (dag-cbor, say) has no Files stat: its root block's size stands in.
  const stat = await kubo
    .call<{ Type?: string; Size?: number; CumulativeSize?: number }>('files/stat', {
      arg: `/ipfs/${arg}`,
      offline: 'true',
    })
    .catch(refusedAs(null));
  // Walking a large DAG takes a while; the default bound is for quick calls.
  let blocks = 1;
  let missing = false;
  const refs = { ...local, recursive: 'true', unique: 'true' };
  // Kubo streams refs as JSON lines and puts a missing block's error in the last one.
  for await (const ref of kubo.lines<{ Err?: string }>('refs', refs, { timeoutMs: REFS_TIMEOUT_MS })) {
    if (ref.Err) missing = true;
    else blocks += 1;
  }
  const info: NodeCidInfo = {
    has: true,
    type:
      cid.code === 0x55 ? 'raw' : stat?.Type === 'directory' ? 'directory' : stat?.Type === 'file' ? 'file' : 'other',
    // A folder's own Size is 0: its cumulative size is what it holds.
    size: stat ? ((stat.Type === 'directory' ? stat.CumulativeSize : stat.Size) ?? root.Size) : root.Size,
    blocks: missing ? null : blocks,
  };
  if (info.type !== 'directory') return info;
  const listing = await kubo.call<{
    Objects?: { Links?: { Name: string; Hash: string; Size: number; Type: number }[] }[];
  }>('ls', { ...local, size: 'true' });
  const links = listing.Objects?.[0]?.Links ?? [];
  // UnixFS types 1 and 5: a folder and a sharded one; `ls` gives a folder no size, its DAG does.
  const isFolder = (type: number) => type === 1 || type === 5;
  const shown = links.slice(0, MAX_CHILDREN);
  const sizes = await Promise.all(
    shown.map((link) => (isFolder(link.Type) ? cumulativeSize(kubo, link.Hash) : Promise.resolve(link.Size))),
  );
  return {
    ...info,
    childCount: links.length,
    children: shown.map((link, index) => ({
      name: link.Name,
      cid: link.Hash,
      size: sizes[index] ?? null,
      folder: isFolder(link.Type),
    })),
  };
}
