import { AppError } from '../../../shared/errors';
import type { LocalPin, LocalPinState, LocalPinType, PinName } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal, refusedAs } from '../kubo/kubo-errors';
import type { DataStore } from '../store/data-store';
import { localPinsFile } from '../store/files/local-pins-file';
import { contentRefArgument, kuboPath } from '../content-argument';

const LIST_TIMEOUT_MS = 10 * 60_000;
/** Bounds a call about one CID or one folder. */
const ONE_CALL = { timeoutMs: 30_000 };
/**
 * Pins go to the renderer as soon as the first ones arrive (the first rows on screen), then in
 * batches this big or every BATCH_MS, whichever comes first: fewer, larger updates cost it less.
 */
const BATCH_SIZE = 10_000;
const BATCH_MS = 250;
/** Files (MFS) entries read to name pins; a larger tree is named only as far as this goes. */
const MFS_INDEX_LIMIT = 20_000;
const MFS_INDEX_TTL_MS = 30_000;

export interface LocalPins {
  /** Streams every pin of the node in batches, named by their Files path where known; resolves with the count. */
  list(options: { indirect: boolean; signal: AbortSignal }, onBatch: (pins: LocalPin[]) => void): Promise<number>;
  /**
   * The pins that have a pin name, streamed. Kubo looks each name up one by one (three times slower
   * than the list), so names come in a second pass, after the rows are on screen.
   */
  names(signal: AbortSignal, onBatch: (names: PinName[]) => void): Promise<number>;
  /** A CID, `/ipfs/` path or link, or a Files path such as `/photos/cat.jpg`. */
  add(ref: string): Promise<LocalPin>;
  remove(cid: string): Promise<void>;
  /** What the node has of a CID, and whether it would survive garbage collection. */
  state(cid: string): Promise<{ local: LocalPinState; mfsPath: string | null }>;
  /** The DAG's total size, read from the node's own blocks only; null when they are not all there. */
  size(cid: string): Promise<number | null>;
  mfsPathOf(cid: string): Promise<string | null>;
}

/**
 * The node's own pins (`pin/ls?stream=true` is read line by line, so the first rows show before
 * the last pin is listed). Cairn remembers when it pinned something, in its own file,
 * because Kubo does not.
 */
export async function openLocalPins(store: DataStore, node: () => KuboClient): Promise<LocalPins> {
  const pinTimes = await store.open(localPinsFile);
  let mfsIndex: { at: number; walking: boolean; paths: Promise<Map<string, string>> } | null = null;
  /**
   * The Files index. `fresh` callers get a walk that started after they asked, or one still under
   * way (so the badges of one screen share it); the others take one up to MFS_INDEX_TTL_MS old.
   */
  const mfsPaths = (fresh: boolean) => {
    const usable = mfsIndex && (fresh ? mfsIndex.walking : Date.now() - mfsIndex.at < MFS_INDEX_TTL_MS);
    if (!mfsIndex || !usable) {
      const index = { at: Date.now(), walking: true, paths: Promise.resolve(new Map<string, string>()) };
      index.paths = indexMfs(node())
        .catch(() => new Map<string, string>())
        .finally(() => (index.walking = false));
      mfsIndex = index;
    }
    return mfsIndex.paths;
  };

  return {
    async list({ indirect, signal }, onBatch) {
      const names = await mfsPaths(true);
      let count = 0;
      for (const type of indirect ? ['all'] : ['recursive', 'direct']) {
        count += await streamPins(node(), { type }, signal, (pins) =>
          onBatch(
            pins.map((pin) => ({
              cid: pin.Cid,
              type: pin.Type,
              name: names.get(pin.Cid) ?? '',
              pinnedAt: pinTimes.get()[pin.Cid] ?? null,
            })),
          ),
        );
      }
      return count;
    },
    async names(signal, onBatch) {
      let count = 0;
      for (const type of ['recursive', 'direct']) {
        await streamPins(node(), { type, names: 'true' }, signal, (pins) => {
          const named = pins.filter((pin) => pin.Name).map((pin) => ({ cid: pin.Cid, name: pin.Name ?? '' }));
          count += named.length;
          if (named.length > 0) onBatch(named);
        });
      }
      return count;
    },
    async add(ref) {
      const path = await resolveRef(ref, node());
      const added = await node().call<{ Pins?: string[] }>(
        'pin/add',
        { arg: path, recursive: 'true' },
        { timeoutMs: LIST_TIMEOUT_MS },
      );
      const cid = added.Pins?.[0];
      if (!cid) throw new AppError('NODE_ERROR', `Kubo pinned nothing for ${ref}.`);
      const times = await pinTimes.update((stored) => ({ ...stored, [cid]: Date.now() }));
      return {
        cid,
        type: 'recursive',
        name: (await mfsPaths(true)).get(cid) ?? '',
        pinnedAt: times[cid] ?? null,
      };
    },
    async remove(cid) {
      await node().call('pin/rm', { arg: cid }, { timeoutMs: LIST_TIMEOUT_MS });
      if (cid in pinTimes.get()) {
        await pinTimes.update(({ [cid]: _removed, ...rest }) => rest);
      }
    },
    async state(cid) {
      const pinned = await node()
        .call<{ Keys?: Record<string, { Type: string }> }>('pin/ls', { arg: cid, type: 'all' }, ONE_CALL)
        .catch(refusedAs(null));
      if (pinned) {
        const type = Object.values(pinned.Keys ?? {})[0]?.Type ?? '';
        const local: LocalPinType = type.startsWith('indirect')
          ? 'indirect'
          : type === 'direct'
            ? 'direct'
            : 'recursive';
        return { local, mfsPath: (await mfsPaths(false)).get(cid) ?? null };
      }
      // Whether garbage collection would remove it depends on Files as it is now.
      const mfsPath = (await mfsPaths(true)).get(cid) ?? null;
      if (mfsPath) return { local: 'files', mfsPath };
      const has = await node()
        .call('block/stat', { arg: cid, offline: 'true' }, ONE_CALL)
        .then(() => true, refusedAs(false));
      return { local: has ? 'unprotected' : 'absent', mfsPath };
    },
    async size(cid) {
      const found = await node()
        .call<{ CumulativeSize?: number; Local?: boolean }>(
          'files/stat',
          { arg: `/ipfs/${cid}`, offline: 'true', 'with-local': 'true' },
          ONE_CALL,
        )
        .catch(refusedAs(null));
      return !found || found.Local === false ? null : (found.CumulativeSize ?? null);
    },
    mfsPathOf: async (cid) => (await mfsPaths(true)).get(cid) ?? null,
  };
}

interface KuboPin {
  Cid: string;
  Type: LocalPinType;
  Name?: string;
}

async function streamPins(
  kubo: KuboClient,
  params: Record<string, string>,
  signal: AbortSignal,
  onBatch: (pins: KuboPin[]) => void,
): Promise<number> {
  let batch: KuboPin[] = [];
  let sentAt = 0;
  let count = 0;
  const flush = () => {
    if (batch.length > 0) onBatch(batch);
    count += batch.length;
    batch = [];
    sentAt = Date.now();
  };
  const query = { stream: 'true', ...params };
  for await (const pin of kubo.lines<KuboPin>('pin/ls', query, { timeoutMs: LIST_TIMEOUT_MS, signal })) {
    batch.push(pin);
    if (batch.length >= BATCH_SIZE || Date.now() - sentAt >= BATCH_MS) flush();
  }
  flush();
  return count;
}

/** A Files path becomes its CID; anything else must read as a CID, `/ipfs/` path or link. */
async function resolveRef(ref: string, kubo: KuboClient): Promise<string> {
  const text = ref.trim();
  if (text.startsWith('/') && !text.startsWith('/ipfs/') && !text.startsWith('/ipns/')) {
    const found = await kubo
      .call<{ Hash: string }>('files/stat', { arg: text, hash: 'true' }, ONE_CALL)
      .catch((error: unknown) => {
        if (!(error instanceof KuboRefusal)) throw error;
        throw new AppError('NOT_FOUND', `Nothing in Files at ${text} (${error.kuboMessage}).`);
      });
    return `/ipfs/${found.Hash}`;
  }
  return kuboPath(contentRefArgument(text));
}

/** CID → Files path for the first entries of the Files tree, breadth first, to name pins and spot what Files keeps. */
async function indexMfs(kubo: KuboClient): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const folders = ['/'];
  while (folders.length > 0 && paths.size < MFS_INDEX_LIMIT) {
    const folder = folders.shift() ?? '/';
    const listing = await kubo
      .call<{ Entries?: { Name: string; Hash: string; Type: number }[] | null }>(
        'files/ls',
        { arg: folder, long: 'true', U: 'true' },
        ONE_CALL,
      )
      .catch(refusedAs(null));
    if (!listing) continue;
    const entries = listing.Entries ?? [];
    for (const entry of entries) {
      const path = `${folder === '/' ? '' : folder}/${entry.Name}`;
      if (!paths.has(entry.Hash)) paths.set(entry.Hash, path);
      if (entry.Type === 1) folders.push(path);
    }
  }
  return paths;
}
