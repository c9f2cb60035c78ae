import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';

/** How Kubo estimates a folder's size to decide whether to shard it (Import.UnixFSHAMTDirectorySizeEstimation). */
export type Estimation = 'links' | 'block';

/** Kubo shards a folder whose estimate is above this (both IPIP-499 profiles' threshold). */
export const THRESHOLD = 256 * 1024;

export interface Link {
  cid: CID;
  /** The linked node's cumulative size, which the block estimate counts. */
  tsize: number;
}

/**
 * Kubo's estimate of a flat folder of these names, each linking to `link`: by links, the bytes of
 * every name and CID; by block, the size of the encoded dag-pb folder node.
 */
export function folderEstimate(estimation: Estimation, names: string[], link: Link): number {
  if (estimation === 'links') {
    return names.reduce((sum, name) => sum + Buffer.byteLength(name) + link.cid.bytes.byteLength, 0);
  }
  const Links = names.map((Name) => ({ Name, Hash: link.cid, Tsize: link.tsize }));
  return dagPb.encode({ Data: new UnixFS({ type: 'directory' }).marshal(), Links }).byteLength;
}

/** The CID and size of a file of these bytes in one leaf: raw (CIDv1) or a UnixFS node (CIDv0). */
export async function leafLink(bytes: Uint8Array, cidVersion: 0 | 1): Promise<Link> {
  if (cidVersion === 1) return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), tsize: bytes.byteLength };
  const block = dagPb.encode({ Data: new UnixFS({ type: 'file', data: bytes }).marshal(), Links: [] });
  return { cid: CID.createV0(await sha256.digest(block)), tsize: block.byteLength };
}

/** Long names (fewer files for the same size), distinct, in the range where a byte more costs exactly one more. */
const NAME_LENGTH = 250;

function nameOf(index: number, length: number): string {
  return String(index).padStart(5, '0').padEnd(length, 'x');
}

/**
 * Names whose folder, each linking to `link`, has exactly this estimate: as many names of the base
 * length as fit, and the rest of the bytes spread one per name.
 */
export function namesWithEstimate(estimation: Estimation, link: Link, target: number): string[] {
  const empty = folderEstimate(estimation, [], link);
  const each = folderEstimate(estimation, [nameOf(0, NAME_LENGTH)], link) - empty;
  const count = Math.floor((target - empty) / each);
  const longer = target - empty - count * each;
  const names = Array.from({ length: count }, (_, index) => nameOf(index, NAME_LENGTH + (index < longer ? 1 : 0)));
  const reached = folderEstimate(estimation, names, link);
  if (reached !== target) throw new Error(`names reach an estimate of ${reached}, not ${target}`);
  return names;
}

/** Writes a folder of files of `bytes`, one per name. */
export async function writeFlatFolder(root: string, names: string[], bytes: Uint8Array): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const name of names) await writeFile(join(root, name), bytes);
}

/** A folder whose files are few but whose subfolders (one file each) take it past the threshold in either estimate. */
export async function writeFolderOfFolders(root: string, bytes: Uint8Array): Promise<void> {
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'a.txt'), bytes);
  await writeFile(join(root, 'b.txt'), bytes);
  // A subfolder link costs at least a name and a 34-byte CID: this many pass the threshold.
  const count = Math.ceil(THRESHOLD / (NAME_LENGTH + 34)) + 10;
  for (let index = 0; index < count; index++) {
    const folder = join(root, nameOf(index, NAME_LENGTH));
    await mkdir(folder);
    await writeFile(join(folder, 'inside.txt'), bytes);
  }
}
