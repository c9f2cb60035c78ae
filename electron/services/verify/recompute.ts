import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { importer, type BufferImporter, type ImportCandidate, type ImporterOptions } from 'ipfs-unixfs-importer';
import { fixedSize, rabin } from 'ipfs-unixfs-importer/chunker';
import { balanced, trickle } from 'ipfs-unixfs-importer/layout';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import type { ImportSettings } from '../../../shared/ipc/contract';
import type { HashPool } from './hash-pool';
import { kuboTreeBuilder } from './kubo-tree';
import { wholeFileBuilder } from './whole-files';

/** The importer hashes every block itself; keeping none of them is what keeps memory flat. */
const hashOnly = { put: async (cid: CID) => Promise.resolve(cid) };

export interface Recomputed {
  root: CID;
  /** The CID of every entry, by its path under the root ('' for the root). */
  entries: Map<string, CID>;
}

/**
 * The CID these settings give the candidates, computed as `ipfs add --only-hash` would, without a
 * node.
 */
export async function recompute(
  candidates: Iterable<ImportCandidate> | AsyncIterable<ImportCandidate>,
  settings: ImportSettings,
  rootName: string,
  pool?: HashPool,
): Promise<Recomputed> {
  const entries = new Map<string, CID>();
  let root: CID | undefined;
  const options = importerOptions(settings);
  if (pool) options.bufferImporter = leavesHashedIn(pool, settings, options.leafType ?? 'file');
  options.dagBuilder = wholeFileBuilder(settings, options) ?? undefined;
  for await (const entry of importer(candidates, hashOnly, options)) {
    const path = entry.path ?? '';
    entries.set(
      path === rootName ? '' : path.startsWith(`${rootName}/`) ? path.slice(rootName.length + 1) : path,
      entry.cid,
    );
    root = entry.cid;
  }
  if (!root) throw new Error('nothing was imported');
  return { root, entries };
}

/** The importer set to build as `ipfs add` does with these settings, folders included. */
export function importerOptions(settings: ImportSettings): ImporterOptions {
  const { chunker } = settings;
  const options: ImporterOptions = {
    cidVersion: settings.cidVersion,
    rawLeaves: settings.rawLeaves,
    chunker:
      chunker.kind === 'size'
        ? fixedSize({ chunkSize: chunker.size })
        : rabin({ minChunkSize: chunker.min, avgChunkSize: chunker.avg, maxChunkSize: chunker.max }),
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

/**
 * The importer's leaves, as its own buffer importer makes them, hashed by the pool. Each leaf's hash
 * starts as soon as its bytes are read, so reading and hashing overlap.
 */
function leavesHashedIn(pool: HashPool, settings: ImportSettings, leafType: 'file' | 'raw'): BufferImporter {
  return async function* (file) {
    let first = true;
    for await (const chunk of file.content) {
      const unixfs = settings.rawLeaves ? undefined : new UnixFS({ type: leafType, data: chunk });
      const block = unixfs ? dagPb.encode({ Data: unixfs.marshal(), Links: [] }) : chunk;
      const size = BigInt(block.byteLength);
      // The importer keeps a file's first block (the file itself when it is the only leaf) and
      // only the CIDs and sizes of the others, whose buffers can go back to the reader.
      const kept = first;
      first = false;
      const hashed = pool.digest(block).then(({ digest, bytes }) => {
        if (!kept) pool.release(bytes);
        return { digest, block: kept ? bytes : RECYCLED };
      });
      // Awaited by the task below; this only keeps a leaf that is never awaited (a cancel) quiet.
      hashed.catch(() => undefined);
      yield async () => {
        const { digest, block: leaf } = await hashed;
        const cid = settings.rawLeaves
          ? CID.create(1, raw.code, digest)
          : CID.create(settings.cidVersion, dagPb.code, digest);
        return { cid, size, block: leaf, unixfs };
      };
    }
  };
}

const RECYCLED = new Uint8Array(0);
