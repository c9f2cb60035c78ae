import { CID } from 'multiformats/cid';
import { AppError } from '../../../shared/errors';
import type { ImportSettings, LocalVerification, ProgressStage, TriedSettings } from '../../../shared/ipc/contract';
import {
  candidatesFor,
  fromKuboImport,
  sameBlock,
  unrecomputable,
  type Candidate,
} from '../../../shared/verify/import-settings';
import { lazyFsThread, type FsThread } from '../fs-thread';
import type { KuboClient } from '../kubo/kubo-client';
import { SMALL_FILE, smallFileReader, type SmallFileReader } from '../small-files';
import { startHashPool, type HashPool } from './hash-pool';
import { openLocalInput, type FilesOnDisk, type LocalInput, type LocalSource } from './local-source';
import { compareWithNodeCopy } from './node-copy';
import { recompute, type Recomputed } from './recompute';

/** Below this, starting the hashing threads costs more than they save. */
const THREADS_FROM_BYTES = 16 * 1024 * 1024;

export interface VerifyLocalOptions {
  signal: AbortSignal;
  progress: (bytes: number, totalBytes: number | null, stage?: ProgressStage) => void;
  /** The node, for its import settings and the expected folder's listing; null when none answers. */
  node: KuboClient | null;
  /** The input size from which leaves are hashed on worker threads (16 MiB unless given). */
  threadsFromBytes?: number;
}

/**
 * Does this file or folder have this CID? Recomputes it with each plausible set of import settings
 * (or only the user's), streaming from disk, and stops at the first that matches.
 */
export async function verifyLocal(
  source: LocalSource,
  cid: CID,
  explicit: ImportSettings | undefined,
  options: VerifyLocalOptions,
): Promise<LocalVerification> {
  // One file-system thread for the walk and the reads after it, started only if a folder needs one.
  const fs = lazyFsThread();
  try {
    return await verifyInput(await openLocalInput(source, fs), cid, explicit, options, fs);
  } finally {
    await fs.close();
  }
}

async function verifyInput(
  input: LocalInput,
  cid: CID,
  explicit: ImportSettings | undefined,
  options: VerifyLocalOptions,
  fs: FsThread,
): Promise<LocalVerification> {
  const plan = explicit
    ? yours(explicit)
    : candidatesFor(cid, await nodeImportSettings(options.node), { dotFiles: input.dotFiles });
  const tried: TriedSettings[] = [];
  const pool = input.totalBytes >= (options.threadsFromBytes ?? THREADS_FROM_BYTES) ? startHashPool() : undefined;
  const reader = smallFileReader(input.smallFiles, fs);
  const threads = { pool, reader };
  try {
    for (const [index, candidate] of plan.tried.entries()) {
      if (options.signal.aborted) throw new AppError('CANCELLED', 'Verification cancelled.');
      const at = { name: candidate.name, at: index + 1, of: plan.tried.length };
      const result = await attempt(input, candidate, at, options, threads).catch(cancelledAs(options.signal));
      const entry = { name: candidate.name, settings: candidate.settings, cid: result.root.toString() };
      tried.push(entry);
      if (sameBlock(result.root, cid)) {
        const match = { outcome: 'match', cid: cid.toString(), matched: entry, decidedBy: 'settings' } as const;
        return { ...match, tried, bytes: input.totalBytes };
      }
    }
  } finally {
    await Promise.all([pool?.close(), reader.close()]);
  }
  // No settings tried give the CID: the node's copy of it, when it has one, says whether the content is its.
  let compared = 0;
  options.progress(0, input.totalBytes, { stage: 'node-copy' });
  const copy = await compareWithNodeCopy(input, cid, options.node, options.signal, (count) => {
    compared += count;
    options.progress(compared, input.totalBytes, { stage: 'node-copy' });
  }).catch(cancelledAs(options.signal));
  if (copy.same) {
    const decidedBy = copy.byNode ? 'node-copy' : 'cid';
    return { outcome: 'match', cid: cid.toString(), matched: null, decidedBy, tried, bytes: input.totalBytes };
  }
  const decided = copy.same === false;
  return {
    outcome: decided ? 'no-match' : 'unknown',
    cid: cid.toString(),
    tried,
    skipped: plan.skipped,
    bytes: input.totalBytes,
    differences: decided && input.folder ? copy.differences : null,
    differencesNote: !input.folder ? '' : decided ? "Compared with the node's copy of the expected folder." : '',
    undecided: copy.same === null ? copy.why : null,
  };
}

/** The user's settings, tried as they are unless Cairn cannot recompute them at all. */
function yours(settings: ImportSettings): ReturnType<typeof candidatesFor> {
  const name = 'your settings';
  const reason = unrecomputable(settings);
  return reason ? { tried: [], skipped: [{ name, reason }] } : { tried: [{ name, settings }], skipped: [] };
}

/** Whatever broke off once the verification was cancelled, it is said as cancelled. */
function cancelledAs(signal: AbortSignal): (error: unknown) => never {
  return (error) => {
    if (signal.aborted) throw new AppError('CANCELLED', 'Verification cancelled.');
    throw error;
  };
}

async function attempt(
  input: LocalInput,
  candidate: Candidate,
  at: NonNullable<ProgressStage['attempt']>,
  options: VerifyLocalOptions,
  { pool, reader }: { pool?: HashPool; reader: SmallFileReader },
): Promise<Recomputed> {
  let bytes = 0;
  options.progress(0, input.totalBytes, { attempt: at });
  const { chunker } = candidate.settings;
  // Leaves of a fixed size can be read where they are hashed, each thread taking its share of a file;
  // with another function than sha2-256, the threads hash the blocks the importer makes, as it makes them.
  const filesOnDisk: FilesOnDisk | undefined =
    pool && candidate.settings.hash === 'sha2-256' && chunker.kind === 'size' ? new Map() : undefined;
  const candidates = input.candidates({
    hidden: candidate.settings.hidden,
    signal: options.signal,
    smallFiles: reader,
    // A raw leaf's CID is its bytes' hash: with every small file one leaf, only hashes need cross.
    smallFileDigests:
      candidate.settings.hash === 'sha2-256' &&
      candidate.settings.rawLeaves &&
      chunker.kind === 'size' &&
      chunker.size >= SMALL_FILE,
    filesOnDisk,
    onBytes: (count) => {
      bytes += count;
      options.progress(bytes, input.totalBytes, { attempt: at });
    },
  });
  const rootName = candidate.settings.wrap && !input.folder ? '' : input.name;
  return recompute(candidates, candidate.settings, rootName, pool && { pool, filesOnDisk });
}

async function nodeImportSettings(node: KuboClient | null): Promise<ImportSettings | null> {
  if (!node) return null;
  try {
    const config = await node.call<{ Import?: Record<string, unknown> }>('config/show');
    return fromKuboImport(config.Import ?? {});
  } catch {
    return null;
  }
}
