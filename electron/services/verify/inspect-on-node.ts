import type { CID } from 'multiformats/cid';
import type { NodeCidInfo } from '../../../shared/ipc/contract';
import { rpc, type RpcTarget } from '../node/remote';

const MAX_CHILDREN = 200;
const REFS_TIMEOUT_MS = 60_000;

/**
 * What the node knows of a CID, from its own blockstore only (`offline=true`: asking must never
 * start a network search): whether it has the root, the type and size, how many blocks, the children.
 */
export async function inspectOnNode(target: RpcTarget, cid: CID): Promise<NodeCidInfo> {
  const arg = cid.toString();
  const local = { arg, offline: 'true' };
  const root = await rpc(target, 'block/stat', local);
  if (!root.ok) return { has: false };
  const stat = (await (await rpc(target, 'files/stat', { arg: `/ipfs/${arg}`, offline: 'true' })).json()) as {
    Type?: string;
    Size?: number;
    CumulativeSize?: number;
  };
  // Walking a large DAG takes a while; the default bound is for quick calls.
  const refs = await rpc(target, 'refs', { ...local, recursive: 'true', unique: 'true' }, REFS_TIMEOUT_MS);
  const lines = (await refs.text()).split('\n').filter(Boolean);
  // Kubo streams refs as JSON lines and puts a missing block's error in the last one.
  const missing = lines.some((line) => Boolean((JSON.parse(line) as { Err?: string }).Err));
  const info: NodeCidInfo = {
    has: true,
    type: cid.code === 0x55 ? 'raw' : stat.Type === 'directory' ? 'directory' : stat.Type === 'file' ? 'file' : 'other',
    size: stat.Size ?? stat.CumulativeSize ?? 0,
    blocks: missing ? null : lines.length + 1,
  };
  if (info.type !== 'directory') return info;
  const listing = (await (await rpc(target, 'ls', { ...local, size: 'true' })).json()) as {
    Objects?: { Links?: { Name: string; Hash: string; Size: number; Type: number }[] }[];
  };
  const links = listing.Objects?.[0]?.Links ?? [];
  return {
    ...info,
    childCount: links.length,
    children: links
      .slice(0, MAX_CHILDREN)
      .map((link) => ({ name: link.Name, cid: link.Hash, size: link.Size, folder: link.Type === 1 })),
  };
}
