import * as dagPb from '@ipld/dag-pb';
import type { ImportResult } from 'ipfs-unixfs-importer';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import type { Digest } from 'multiformats/hashes/digest';

const SHA2_256 = 0x12;

/** A block's multihash with the other function: on a hashing thread, or here. */
export type BlockHash = (block: Uint8Array) => Promise<Digest<number, number>>;

/** A block's CID with the other hash function, and its size with every block under it (a link's Tsize). */
interface Rehashed {
  cid: CID;
  size: number;
}

/**
 * The importer hashes every block with sha2-256 and has no other hash function: this takes each
 * block it puts and makes it again as `ipfs add --hash` would, its links (and their sizes, which
 * grow with longer CIDs) to the blocks made again under it. The importer's results are then turned
 * to these blocks' CIDs by `result`: a folder is built from its entries' own, so that its sharding
 * estimate counts their length as Kubo's does.
 */
export function rehashing(hash: BlockHash) {
  const made = new Map<string, Rehashed>();
  const again = (cid: CID): Rehashed | undefined => {
    if (cid.multihash.code !== SHA2_256) return undefined;
    const rehashed = made.get(cid.toString());
    if (!rehashed) throw new Error(`block ${cid.toString()} was linked before it was made`);
    return rehashed;
  };
  const blockstore = {
    // Awaited by the importer before it links the block: a parent's links are all made by then.
    put: async (cid: CID, block: Uint8Array) => {
      made.set(cid.toString(), await remade(cid, block, again, hash));
      return cid;
    },
  };
  return {
    blockstore,
    /** The importer's result for an entry, with its block made again (one already made so, as it is). */
    result: <T extends Pick<ImportResult, 'cid' | 'size'>>(entry: T): T => {
      const rehashed = again(entry.cid);
      return rehashed ? { ...entry, cid: rehashed.cid, size: BigInt(rehashed.size) } : entry;
    },
  };
}

async function remade(
  cid: CID,
  block: Uint8Array,
  again: (cid: CID) => Rehashed | undefined,
  hash: BlockHash,
): Promise<Rehashed> {
  if (cid.code === raw.code) return { cid: CID.createV1(raw.code, await hash(block)), size: block.byteLength };
  const node = dagPb.decode(block);
  const Links = node.Links.map((link) => {
    const rehashed = again(link.Hash);
    return rehashed ? { ...link, Hash: rehashed.cid, Tsize: rehashed.size } : link;
  });
  const bytes = Links.length === 0 ? block : dagPb.encode({ ...node, Links });
  const size = Links.reduce((sum, link) => sum + (link.Tsize ?? 0), bytes.byteLength);
  return { cid: CID.createV1(dagPb.code, await hash(bytes)), size };
}
