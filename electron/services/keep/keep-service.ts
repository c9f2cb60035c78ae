import { AppError } from '../../../shared/errors';
import type {
  AfterUnpin,
  GcPreview,
  KeepChange,
  KeepStatus,
  Kept,
  LocalKeep,
  NodeKeep,
  PinType,
  RemoteKeep,
} from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { refusedAs } from '../kubo/kubo-errors';
import { keptAfterUnpin } from './after-unpin';
import { keptAsBlock, keptBlocks, type KeptBlocks } from './block-keep';
import { contentAt } from './content-at';
import { contentKey } from './content-key';
import { readFilesPaths } from './files-paths';
import { previewGc } from './gc-preview';
import {
  listedPin,
  readContentDag,
  readFilesBlocks,
  readFilesRoot,
  readInPins,
  readPinnedDags,
  readPinSets,
  type PinSets,
  type Reached,
} from './node-sets';

/** Changes reported together within this time reach the views as one event. */
const SETTLE_MS = 50;
const STAT_TIMEOUT_MS = 30_000;

export interface KeepService {
  /**
   * What keeps one content on the node and on each pinning service; with `filesPath`, the Files
   * path that holds it, which walks every folder in Files once per change of Files. A path inside
   * a CID answers for what is at its end.
   */
  status(cid: string, options: { filesPath: boolean }): Promise<KeepStatus>;
  /**
   * What keeps each entry of a Files listing: a pin at any depth, else Files itself. One pass over
   * the cached pin sets, however many rows.
   */
  rows(cids: string[]): Promise<Record<string, Kept<LocalKeep>>>;
  /**
   * What keeps each CID on this node, for content that may be outside Files: a pin at any depth,
   * else Files, else nothing. From the cached sets, however many CIDs.
   */
  onNode(cids: string[]): Promise<Record<string, Kept<NodeKeep>>>;
  /** Finds the Files path that holds content now (null when none does), for many CIDs from one walk. */
  filesPaths(): Promise<(cid: string) => string | null>;
  /**
   * For Kubo's commands that match pins by CID: the CID as given where the node pinned that very CID,
   * else as the node pinned its content (CIDv0 or CIDv1), else as given.
   */
  asPinned(cid: string): Promise<string>;
  /** What of the node's pins keeps content once the pin that Unpin removes for this CID is gone; may walk every other pin. */
  afterUnpin(cid: string): Promise<AfterUnpin>;
  /** Cairn changed pins or Files: forget what was read, tell every view. */
  changed(): void;
  /** A pinning service's state changed: the node's sets stay, views ask again. */
  remoteChanged(): void;
  /**
   * A read of content found blocks missing (the node could give no size for it): the walks of pins
   * and Files are read, once for what the node holds now, so that every view says what is
   * incomplete, rows answered before included. Sizes are asked of rows on screen, so this reads the
   * walks only where something on screen lacks blocks.
   */
  lacksBlocks(): void;
  /**
   * Whether the node pins content recursively, as Cairn last read its pins (null when it has not read
   * them from this node): asks the node nothing, for an upload whose add may rename an existing pin.
   */
  pinnedAsLastRead(): ((cid: string) => boolean) | null;
  /** Reads pins and the Files root again, for changes made behind Cairn's back; true when they differ. */
  recheck(): Promise<boolean>;
  gcPreview(signal: AbortSignal): Promise<GcPreview>;
  /** Of these CIDs, the ones the node pins recursively and Files holds too, with their Files paths. */
  pinnedAndInFiles(cids: string[]): Promise<{ cid: string; mfsPath: string }[]>;
  onChange(listener: (change: KeepChange) => void): () => void;
}

/** A value read once, on first use; a failed read is tried again next time. */
interface Lazy<T> {
  (): Promise<T>;
  peek(): T | undefined;
}

function lazy<T>(read: () => Promise<T>): Lazy<T> {
  let value: Promise<T> | null = null;
  let settled: { value: T } | null = null;
  const get = () => {
    value ??= read().then(
      (result) => {
        settled = { value: result };
        return result;
      },
      (error: unknown) => {
        value = null;
        throw error;
      },
    );
    return value;
  };
  return Object.assign(get, { peek: () => settled?.value });
}

/** The node's pin of a content key at any depth, and the blocks its pinned DAG lacks. */
interface PinsOf {
  pin(key: string): PinType | null;
  missing(key: string): number;
}

/** What the node keeps, as it was at one moment; replaced whole when anything changes. */
interface Snapshot {
  kubo: KuboClient;
  pins: Lazy<PinSets>;
  /** Every node inside a recursive pin, at any depth, but those pinned themselves. */
  inPins: Lazy<Reached>;
  /** The same with the pinned ones: a slower walk, only to tell whether a direct pin is inside another. */
  pinnedDags: Lazy<Reached>;
  filesRoot: Lazy<string>;
  filesBlocks: Lazy<Reached>;
  filesPaths: Lazy<Map<string, string>>;
  /** The same, block by block (by multihash): only asked when a CID is reached by none of them. */
  blocks: Lazy<KeptBlocks>;
  /** The repo's size when the walks were read: blocks lost or brought since change it, pins and Files alike. */
  repoSize: Lazy<bigint>;
}

/**
 * A snapshot whose walks, where one finds blocks missing, call `foundMissing`: rows answered before
 * that walk was read said nothing of what they lack, and are asked again.
 */
function snapshotOf(kubo: KuboClient, foundMissing: () => void, pinsRead: (pins: PinSets) => void): Snapshot {
  const repoSize = lazy(async () => (await kubo.repoSize()).repoSize);
  const telling = (read: () => Promise<Reached>) => async () => {
    await repoSize();
    const reached = await read();
    if (reached.incomplete.size > 0) foundMissing();
    return reached;
  };
  const filesRoot = lazy(() => readFilesRoot(kubo));
  const pins = lazy(async () => {
    const sets = await readPinSets(kubo);
    pinsRead(sets);
    return sets;
  });
  const inPins = lazy(telling(async () => readInPins(kubo, await pins())));
  const filesBlocks = lazy(telling(async () => readFilesBlocks(kubo, await filesRoot())));
  return {
    kubo,
    pins,
    inPins,
    pinnedDags: lazy(telling(async () => readPinnedDags(kubo, await pins()))),
    filesRoot,
    filesBlocks,
    filesPaths: lazy(async () => readFilesPaths(kubo, await filesRoot(), AbortSignal.timeout(10 * 60_000))),
    blocks: lazy(async () => keptBlocks(await pins(), await inPins(), (await filesBlocks()).keys)),
    repoSize,
  };
}

/**
 * Whether the node's blocks changed under what a snapshot walked, pins and Files the same: a repo
 * smaller than at its walks lost blocks (another program's collection or `block rm`, a damaged
 * disk Kubo noticed); a larger one may have brought back what a walk found missing.
 */
async function blocksChanged(before: Snapshot, fresh: Snapshot): Promise<boolean> {
  const walked = before.repoSize.peek();
  if (walked === undefined) return false;
  const now = await fresh.repoSize();
  const foundMissing = [before.inPins, before.filesBlocks].some((walk) => (walk.peek()?.incomplete.size ?? 0) > 0);
  return now < walked || (now > walked && foundMissing);
}

/**
 * The one answer to "what keeps this content, and where", by codec and multihash (as Kubo's
 * collector walks DAGs): pins at any depth, Files, pinning services, or nothing. The node's sets are read in a few streamed calls and kept until
 * Cairn changes something, or a recheck finds that another program did; every view asks here.
 */
export function createKeepService(options: {
  kubo: () => KuboClient;
  /** Each pinning service's state for a content key. */
  remote: (key: string) => RemoteKeep[];
}): KeepService {
  let snapshot: Snapshot | null = null;
  /** The pin sets last read, kept past the snapshot they were read for. */
  let lastPins: { kubo: KuboClient; sets: PinSets } | null = null;
  let version = 0;
  let announcing: NodeJS.Timeout | null = null;
  let rechecking: Promise<boolean> | null = null;
  /** Files changed behind Cairn's back since the last announcement. */
  let filesChanged = false;
  const listeners = new Set<(change: KeepChange) => void>();

  const current = () => {
    const kubo = options.kubo();
    if (!snapshot || snapshot.kubo !== kubo) snapshot = freshSnapshot(kubo);
    return snapshot;
  };
  const freshSnapshot = (kubo: KuboClient): Snapshot => {
    const state = snapshotOf(
      kubo,
      () => {
        if (snapshot === state) announce();
      },
      (sets) => (lastPins = { kubo, sets }),
    );
    return state;
  };
  const announce = (files = false) => {
    version += 1;
    filesChanged ||= files;
    if (announcing) return;
    announcing = setTimeout(() => {
      announcing = null;
      const change = { version, files: filesChanged };
      filesChanged = false;
      for (const listener of listeners) listener(change);
    }, SETTLE_MS);
    announcing.unref();
  };
  const keyOf = (cid: string) => {
    const key = contentKey(cid);
    if (!key) throw new AppError('VALIDATION', `“${cid}” is not a CID.`, { input: cid, problem: 'not-a-cid' });
    return key;
  };

  /**
   * The node's pin of each of these keys at any depth, and what each lacks. The walk of every pinned
   * DAG is read when a key is not pinned recursively itself, or when `walk` asks what the keys lack
   * (one status); for many rows, what they lack is told only when that walk was read already. The
   * walk with the pinned nodes too only when a key is pinned directly and not found inside (a direct
   * pin may be inside another pin, which keeps it whole).
   */
  async function pinsOf(state: Snapshot, keys: string[], walk = false): Promise<PinsOf> {
    const pins = await state.pins();
    const needed = pins.recursive.size > 0 && (walk || keys.some((key) => !pins.recursive.has(key)));
    const inPins = needed ? await state.inPins() : state.inPins.peek();
    const inside = (key: string) => inPins?.keys.has(key) ?? false;
    const directNotListed = (key: string) => pins.direct.has(key) && !inside(key);
    const pinned = pins.recursive.size > 0 && keys.some(directNotListed) ? (await state.pinnedDags()).keys : null;
    return {
      pin: (key) => pinIn(pins, inside(key) || (pinned?.has(key) ?? false), key),
      missing: (key) => inPins?.incomplete.get(key) ?? 0,
    };
  }

  /** What keeps content whose own CID nothing reaches: its block, under another codec, or its CID itself. */
  async function keptAsBlockOf(state: Snapshot, cid: string, key: string): Promise<NodeKeep> {
    return keptAsBlock(state.kubo, cid, key, await state.blocks());
  }

  /**
   * Reads the node's pins, Files root and repo size afresh; on a difference, the views are told (and,
   * when Files changed, that open folders are out of date too).
   */
  async function compareWithNode(): Promise<boolean> {
    const before = current();
    const fresh = freshSnapshot(before.kubo);
    const [pins, root, blocks] = await Promise.all([fresh.pins(), fresh.filesRoot(), blocksChanged(before, fresh)]);
    const [oldPins, oldRoot] = [before.pins.peek(), before.filesRoot.peek()];
    // By the CIDs as pinned: a pin replaced by one of the same content under its other CID is a change.
    const samePins = oldPins === undefined || sameSet(oldPins.listed, pins.listed);
    const sameFiles = oldRoot === undefined || oldRoot === root;
    if (snapshot !== before) return false;
    // Nothing read the Files root yet (a Files listing alone does not): this one is the next recheck's baseline.
    if (samePins && sameFiles && !blocks) {
      if (oldRoot === undefined) snapshot = fresh;
      return false;
    }
    snapshot = fresh;
    announce(!sameFiles);
    return true;
  }

  return {
    async status(cid, { filesPath }) {
      const state = current();
      const target = await contentAt(state.kubo, cid);
      if (target === null)
        return { cid, local: 'absent', missing: 0, pin: null, inFiles: false, mfsPath: null, remote: [] };
      const key = keyOf(target);
      const [pinned, files] = await Promise.all([pinsOf(state, [key], true), state.filesBlocks()]);
      const pin = pinned.pin(key);
      const inFiles = files.keys.has(key);
      const mfsPath = inFiles && filesPath ? ((await state.filesPaths()).get(key) ?? null) : null;
      const kept = strongest(pin, inFiles) ?? (await keptAsBlockOf(state, target, key));
      // Kubo lists what a pin or Files links to even where the node lacks the block: that is missing, not kept.
      const present = await presence(state.kubo, target);
      const local: LocalKeep = present === 'absent' ? present : (kept ?? present);
      const missing =
        local === 'absent'
          ? 0
          : walkedWhole(local)
            ? missingIn(local, key, pinned, files)
            : // No walk reached it whole: one `refs -r` of this content alone, as it is asked about.
              ((await readContentDag(state.kubo, target)).incomplete.get(key) ?? 0);
      return { cid, local, missing, pin, inFiles, mfsPath, remote: options.remote(key) };
    },
    async rows(cids) {
      const keys = cids.map(keyOf);
      const state = current();
      const pinned = await pinsOf(state, keys);
      // Rows are Files entries, kept whole by a pin or by Files: no walk is read for them. What they
      // lack is told from the walks read already; one that finds blocks missing has the rows asked again.
      const files = state.filesBlocks.peek() ?? null;
      const answers: Record<string, Kept<LocalKeep>> = {};
      cids.forEach((cid, index) => {
        const key = keys[index] ?? '';
        const keep = strongest(pinned.pin(key), true);
        answers[cid] = { keep, missing: missingIn(keep, key, pinned, files) };
      });
      return answers;
    },
    async onNode(cids) {
      const keys = cids.map(keyOf);
      const state = current();
      const pinned = await pinsOf(state, keys);
      // The walk of Files only when some CID is not kept whole by a pin.
      const files = keys.every((key) => wholeByPin(pinned.pin(key)))
        ? (state.filesBlocks.peek() ?? null)
        : await state.filesBlocks();
      const answers: Record<string, Kept<NodeKeep>> = {};
      for (const [index, cid] of cids.entries()) {
        const key = keys[index] ?? '';
        const keep =
          strongest(pinned.pin(key), files?.keys.has(key) ?? false) ?? (await keptAsBlockOf(state, cid, key));
        answers[cid] = { keep, missing: missingIn(keep, key, pinned, files) };
      }
      return answers;
    },
    async filesPaths() {
      const paths = await current().filesPaths();
      return (cid) => {
        const key = contentKey(cid);
        return key ? (paths.get(key) ?? null) : null;
      };
    },
    async asPinned(cid) {
      const key = keyOf(cid);
      const pins = await current().pins();
      const asGiven = pins.listed.has(listedPin('recursive', cid)) || pins.listed.has(listedPin('direct', cid));
      return asGiven ? cid : (pins.recursive.get(key) ?? pins.direct.get(key) ?? cid);
    },
    async afterUnpin(cid) {
      const state = current();
      // The pins as they are now: another program may have pinned the other CID since the last read.
      const [pinned, pins] = await Promise.all([this.asPinned(cid), readPinSets(state.kubo)]);
      return keptAfterUnpin(state.kubo, pins, pinned);
    },
    changed() {
      snapshot = null;
      announce();
    },
    remoteChanged: () => announce(),
    lacksBlocks() {
      let state: Snapshot;
      try {
        state = current();
      } catch {
        // The node went since the size was read: there is nothing to walk.
        return;
      }
      // A walk that was read already said what it found; blocks lost since are for a recheck to see.
      void Promise.all([state.inPins(), state.filesBlocks()]).catch(() => undefined);
    },
    pinnedAsLastRead() {
      const read = lastPins;
      if (read?.kubo !== options.kubo()) return null;
      return (cid) => {
        const key = contentKey(cid);
        return key !== null && read.sets.recursive.has(key);
      };
    },
    recheck() {
      // One at a time: with a big folder loaded in Kubo's Files cache a `files stat /` can take minutes,
      // and a second ask would queue behind the first and make Kubo do all that work again.
      rechecking ??= compareWithNode().finally(() => {
        rechecking = null;
      });
      return rechecking;
    },
    async gcPreview(signal) {
      const state = current();
      return previewGc(state.kubo, await state.blocks(), signal);
    },
    async pinnedAndInFiles(cids) {
      // Asked about nothing (no upload was pinned), it reads nothing: Pins asks at every opening.
      if (cids.length === 0) return [];
      const state = current();
      const [pins, files, paths] = await Promise.all([state.pins(), state.filesBlocks(), state.filesPaths()]);
      const found = new Map<string, { cid: string; mfsPath: string }>();
      for (const cid of cids) {
        const key = contentKey(cid);
        const pinned = key ? pins.recursive.get(key) : undefined;
        const mfsPath = key ? paths.get(key) : undefined;
        if (key && pinned && mfsPath && files.keys.has(key)) found.set(key, { cid: pinned, mfsPath });
      }
      return [...found.values()];
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Its own recursive pin, else a recursive pin around it, else its own direct pin (its top block only). */
function pinIn(pins: PinSets, insideAPin: boolean, key: string): PinType | null {
  if (pins.recursive.has(key)) return 'recursive';
  if (insideAPin) return 'indirect';
  return pins.direct.has(key) ? 'direct' : null;
}

/** What keeps the whole of the content: a pin of all of it, else Files, else a direct pin, which keeps its top block only. */
function strongest(pin: PinType | null, inFiles: true): PinType | 'files';
function strongest(pin: PinType | null, inFiles: boolean): NodeKeep;
function strongest(pin: PinType | null, inFiles: boolean): NodeKeep {
  if (wholeByPin(pin)) return pin;
  return inFiles ? 'files' : pin;
}

/** A pin of all of it: the walk of the recursive pins went through the whole of its DAG. */
function wholeByPin(pin: PinType | null): boolean {
  return pin === 'recursive' || pin === 'indirect';
}

/** Kept by a pin of all of it or by Files: a walk of the node's sets went through the whole of its DAG. */
function walkedWhole(keep: NodeKeep | LocalKeep): boolean {
  return keep === 'recursive' || keep === 'indirect' || keep === 'files';
}

/**
 * The blocks content lacks, as the walks that keep it found: 0 where none went through all of it,
 * or none was read. The walk of Files reads raw leaves too, which the pins' walk (like Kubo's
 * collector and `pin verify`) takes as present without looking.
 */
function missingIn(keep: NodeKeep | LocalKeep, key: string, pinned: PinsOf, files: Reached | null): number {
  if (!walkedWhole(keep)) return 0;
  const inFiles = files?.incomplete.get(key) ?? 0;
  return keep === 'files' ? inFiles : Math.max(inFiles, pinned.missing(key));
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * Neither pinned nor in Files: on the node until the next garbage collection, or not there at all.
 * Only the node's refusal says it lacks the block: a node that does not answer says nothing of it.
 */
async function presence(kubo: KuboClient, cid: string): Promise<LocalKeep> {
  return kubo
    .call('block/stat', { arg: cid, offline: 'true' }, { timeoutMs: STAT_TIMEOUT_MS })
    .then(() => 'unprotected' as const, refusedAs('absent' as const));
}
