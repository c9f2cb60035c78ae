import { importer, type ImportCandidate, type ImporterOptions } from 'ipfs-unixfs-importer';
import { fixedSize, rabin } from 'ipfs-unixfs-importer/chunker';
import { balanced, trickle } from 'ipfs-unixfs-importer/layout';
import type { CID } from 'multiformats/cid';
import type { ImportSettings } from '../../../shared/ipc/contract';

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
): Promise<Recomputed> {
  const entries = new Map<string, CID>();
  let root: CID | undefined;
  for await (const entry of importer(candidates, hashOnly, importerOptions(settings))) {
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

function importerOptions(settings: ImportSettings): ImporterOptions {
  const { chunker } = settings;
  return {
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
}
