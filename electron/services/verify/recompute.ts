import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import {
  importer,
  type BufferImporter,
  type ImportCandidate,
  type ImporterOptions,
  type BufferImporterResult,
} from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced, trickle } from 'ipfs-unixfs-importer/layout';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { AppError } from '../../../shared/errors';
import type { ImportSettings } from '../../../shared/ipc/contract';
import { addedDigestBytes, hashCodeOf } from '../../../shared/verify/hashes';
import { unrecomputable } from '../../../shared/verify/import-settings';
import { multihashOf } from '../digests';
import { fileChanged } from '../small-files';
import { specialFile } from '../special-files';
import { unreadable } from '../walk';
import { LeafReadFailure, type FileLeaf, type HashPool } from './hash-pool';
import type { FilesOnDisk } from './local-source';
import { kuboTreeBuilder } from './kubo-tree';
import { rehashing, type BlockHash } from './rehash';
import { wholeFileBuilder } from './whole-files';

/** The importer hashes every block itself; keeping none of them is what keeps memory flat. */
const hashOnly = { put: async (cid: CID) => Promise.resolve(cid) };

export interface Recomputed {
  root: CID;
}

/**
 * The CID these settings give the candidates, computed as `ipfs add --only-hash` would, without a
 * node.
 */
export async function recompute(
  candidates: Iterable<ImportCandidate> | AsyncIterable<ImportCandidate>,
  settings: ImportSettings,
  rootName: string,
  hashing?: LeafHashing,
): Promise<Recomputed> {
  if (settings.hash !== 'sha2-256') return rehashed(candidates, settings, hashing?.pool);
  let root: CID | undefined;
  const options = importerOptions(settings);
  if (hashing) options.bufferImporter = leavesHashedIn(hashing, settings, options.leafType ?? 'file');
  options.dagBuilder = wholeFileBuilder(settings, options) ?? undefined;
  for await (const entry of importer(candidates, hashOnly, options)) root = entry.cid;
  if (!root) throw new Error('nothing was imported');
  return { root };
}

/**
 * With another hash function than sha2-256: the importer's blocks made again with it, on the pool's
 * threads when there are some (the importer puts several blocks at once: each thread takes one).
 */
async function rehashed(
  candidates: Iterable<ImportCandidate> | AsyncIterable<ImportCandidate>,
  settings: ImportSettings,
  pool: HashPool | undefined,
): Promise<Recomputed> {
  const code = hashCodeOf(settings.hash);
  const length = addedDigestBytes(settings.hash);
  // Identity's digest is the block itself: nothing to hash.
  const hash: BlockHash =
    pool && length !== null
      ? (block) => pool.digestWith(code, length, block)
      : (block) => Promise.resolve(multihashOf(code, block, length ?? block.byteLength));
  const again = rehashing(hash);
  // The importer's blocks, hashed with sha2-256, are made again with the settings' own function.
  const options = importerOptions({ ...settings, hash: 'sha2-256' });
  options.treeBuilder = kuboTreeBuilder(options, again.result);
  options.dagBuilder = wholeFileBuilder(settings, options, hash) ?? undefined;
  let root: CID | undefined;
  for await (const entry of importer(candidates, again.blockstore, options)) root = entry.cid;
  if (!root) throw new Error('nothing was imported');
  return { root: again.result({ cid: root, size: 0n }).cid };
}

/**
 * The importer set to build as `ipfs add` does with these settings, folders included. It hashes with
 * sha2-256 only: settings naming another function are refused, never built with sha2-256 instead
 * (an upload would get a CID other than the one asked for; `recompute` makes the blocks again itself).
 */
export function importerOptions(settings: ImportSettings): ImporterOptions {
  if (settings.hash !== 'sha2-256') {
    throw new AppError('VALIDATION', `Cairn's importer hashes with sha2-256 only, not ${settings.hash}.`);
  }
  const { chunker } = settings;
  // Rabin settings are never tried (see `unrecomputable`): a CID from this importer's rabin is none Kubo gives.
  if (chunker.kind !== 'size') throw new AppError('VALIDATION', unrecomputable(settings) ?? 'not a fixed-size chunker');
  const options: ImporterOptions = {
    cidVersion: settings.cidVersion,
    rawLeaves: settings.rawLeaves,
    chunker: fixedSize({ chunkSize: chunker.size }),
    // Kubo's trickle DAG wraps leaves as UnixFS 'raw' and never reduces a single leaf to the root.
    ...(settings.layout === 'trickle'
      ? {
          layout: trickle({ maxChildrenPerNode: settings.maxLinks, layerRepeat: 4 }),
          leafType: 'raw',
          reduceSingleLeafToSelf: false,
        }
      : { layout: balanced({ maxChildrenPerNode: settings.maxLinks }) }),
    shardSplitStrategy: settings.hamtEstimation === 'block' ? 'block-bytes' : 'links-bytes',
    shardSplitThresholdBytes: settings.hamtThresholdBytes,
    shardFanoutBits: Math.log2(settings.hamtFanout),
    wrapWithDirectory: settings.wrap,
  };
  options.treeBuilder = kuboTreeBuilder(options);
  return options;
}

/** Hashing threads, and the files they read themselves. */
export interface LeafHashing {
  pool: HashPool;
  filesOnDisk?: FilesOnDisk;
}

/**
 * The importer's leaves, as its own buffer importer makes them, hashed by the pool: a file on disk
 * read by the pool's threads, leaf by leaf, any other content as the importer chunks it. Each leaf's
 * hash starts as soon as its bytes are read, so reading and hashing overlap.
 */
function leavesHashedIn(
  { pool, filesOnDisk }: LeafHashing,
  settings: ImportSettings,
  leafType: 'file' | 'raw',
): BufferImporter {
  const leafOf = leafMaker(settings, leafType);
  return async function* (file) {
    const onDisk = filesOnDisk?.get(file.originalPath ?? '');
    if (onDisk && settings.chunker.kind === 'size') {
      const { size: leafSize } = settings.chunker;
      const lengths = Array.from({ length: Math.max(1, Math.ceil(onDisk.size / leafSize)) }, (_, index) =>
        Math.min(leafSize, onDisk.size - index * leafSize),
      );
      let index = 0;
      try {
        for await (const digest of pool.fileLeaves(onDisk, lengths.map(leafOf.frame))) {
          onDisk.signal.throwIfAborted();
          const length = lengths[index++] ?? 0;
          onDisk.onBytes(length);
          const leaf = leafOf.hashed(digest, length);
          yield () => Promise.resolve(leaf);
        }
      } catch (error) {
        throw readFailure(onDisk, error);
      }
      return;
    }
    for await (const chunk of file.content) {
      const unixfs = settings.rawLeaves ? undefined : new UnixFS({ type: leafType, data: chunk });
      const block = unixfs ? dagPb.encode({ Data: unixfs.marshal(), Links: [] }) : chunk;
      const hashed = pool.digest(block);
      // Awaited by the task below; this only keeps a leaf that is never awaited (a cancel) quiet.
      hashed.catch(() => undefined);
      yield async () => ({ cid: leafOf.cid(await hashed), size: BigInt(block.byteLength), block, unixfs });
    }
  };
}

/**
 * The block of a leaf whose bytes stayed on a thread. The importer reads a leaf's block only to
 * rebuild a lone leaf that must carry an mtime or mode, which verification never sets.
 */
const UNREAD = new Uint8Array(0);

type Sha256 = Awaited<ReturnType<HashPool['digest']>>;

/**
 * A leaf's CID from its hash; for a leaf hashed on a thread, its frame (the bytes around its data in
 * its block) and the importer's result for it. The importer reads only the length of a UnixFS leaf's data (for its parent's block sizes):
 * for bytes hashed on a thread, zeros of that length stand in.
 */
function leafMaker(settings: ImportSettings, leafType: 'file' | 'raw') {
  const frames = new Map<number, { leaf: FileLeaf; data: Uint8Array }>();
  const frameOf = (length: number) => {
    let frame = frames.get(length);
    if (!frame) {
      frame = settings.rawLeaves ? { leaf: { length }, data: new Uint8Array(0) } : unixfsFrame(length, leafType);
      frames.set(length, frame);
    }
    return frame;
  };
  const cid = (digest: Sha256) =>
    settings.rawLeaves ? CID.create(1, raw.code, digest) : CID.create(settings.cidVersion, dagPb.code, digest);
  return {
    cid,
    frame: (length: number) => frameOf(length).leaf,
    hashed(digest: Sha256, length: number): BufferImporterResult {
      if (settings.rawLeaves) return { cid: cid(digest), size: BigInt(length), block: UNREAD };
      const { leaf, data } = frameOf(length);
      const size = (leaf.prefix?.byteLength ?? 0) + length + (leaf.suffix?.byteLength ?? 0);
      return { cid: cid(digest), size: BigInt(size), unixfs: new UnixFS({ type: leafType, data }), block: UNREAD };
    },
  };
}

/** Where the data sits in a UnixFS leaf's block of this length: the bytes that differ between two fillings. */
function unixfsFrame(length: number, leafType: 'file' | 'raw'): { leaf: FileLeaf; data: Uint8Array } {
  const data = new Uint8Array(length);
  const encode = (filling: Uint8Array) =>
    dagPb.encode({ Data: new UnixFS({ type: leafType, data: filling }).marshal(), Links: [] });
  const zeros = encode(data);
  const ones = encode(new Uint8Array(length).fill(0xff));
  const start = length === 0 ? zeros.byteLength : zeros.findIndex((byte, at) => byte !== ones[at]);
  // Copies, not views: a view would take the whole block along to the thread.
  return { leaf: { length, prefix: zeros.slice(0, start), suffix: zeros.slice(start + length) }, data };
}

/** A file that could not be read, or changed, in the words used when read here; anything else as it is. */
function readFailure(file: { path: string; size: number }, error: unknown): unknown {
  if (!(error instanceof LeafReadFailure)) return error;
  if (error.special) return specialFile(file.path, error.special);
  return error.bytesRead === undefined ? unreadable(file.path, error) : fileChanged(file, error.bytesRead);
}
