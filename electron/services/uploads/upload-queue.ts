import { randomUUID } from 'node:crypto';
import { lstat, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { AppError, cairnErrorOf } from '../../../shared/errors';
import type { UploadItem, UploadKind, UploadOptions, UploadSource } from '../../../shared/ipc/contract';
import { parseContentRef } from '../../../shared/links/content-ref';
import type { OnDisk } from '../grants/grants';
import type { Logger } from '../log';
import { importPath } from '../content-argument';
import type { KuboClient } from '../kubo/kubo-client';
import type { DataStore } from '../store/data-store';
import { uploadsFile, type StoredUpload } from '../store/files/uploads-file';
import { cancelUntilSent } from './cancel-until-sent';
import { changePacer } from './change-pacer';
import { pendingUploads } from './pending-uploads';
import { folderPlacer } from './place-in-files';
import { runUpload, type Landed, type Progress, type StoredSource } from './run-upload';
import { refuseSpecial } from '../special-files';
import { takeAnnouncedSize } from './arrivals';
import {
  adopt,
  isReceived,
  isStagedCopy,
  removeUnclaimed,
  stage,
  stagedPath,
  STAGING_FOLDER,
  unstage,
} from './staging';
import { unreadable } from '../walk';
import { removeLeftPins } from './left-pins';
import { storageError } from '../store/storage-errors';

/**
 * Two adds at a time keep both cores busy without one large file starving the rest of the queue.
 * An upload gives its turn up once its content is added: linking it into Files waits for its
 * folder's next flush (see FolderPlacer), and the next uploads add meanwhile.
 */
const CONCURRENCY = 2;
/** Progress at most every 150 ms; state changes a few at once, then at most 20 a second. */
const CHANGE_PACE = { progressMs: 150, stateMs: 50, burst: 4 };
/** An upload that failed because the node was down is tried again on its own, this often at most. */
const AUTO_RETRIES = 5;
const NODE_DOWN = new Set(['NODE_UNREACHABLE', 'NODE_UNAVAILABLE']);

export interface UploadChange {
  items: UploadItem[];
  removed: string[];
}

/** What the queue takes: the contract's sources, each grant resolved to the path main granted. */
export type QueueSource = OnDisk<UploadSource>;

export interface UploadQueue {
  list(): UploadItem[];
  enqueue(request: { folder: string; sources: QueueSource[]; options: UploadOptions }): Promise<UploadItem[]>;
  cancel(ids: string[] | 'all'): void;
  retry(ids: string[] | 'failed'): void;
  clear(ids: string[] | 'finished' | 'landed'): Promise<void>;
  /** Stops uploading: running uploads go back to the queue (to start over), and nothing new starts. */
  pause(): void;
  resume(): void;
  paused(): boolean;
  onChange(listener: (change: UploadChange) => void): () => void;
  /** Resolves when every item has left the queue (tests and benchmarks). */
  idle(): Promise<void>;
  /** Stops running uploads, which come back as interrupted next time. */
  dispose(): Promise<void>;
}

export interface UploadQueueOptions {
  store: DataStore;
  /** The node to add to, asked at the start of each upload; throws when no node runs. */
  kubo(): KuboClient;
  log: Logger;
  /** Tells the queue when the node runs again, so that uploads waiting for it start at once. */
  onNodeRunning?(listener: () => void): () => void;
  /** Called once an upload is in Files, before it is saved as added: remote pins, folder refreshes. */
  onLanded?(item: UploadItem): Promise<void>;
  /**
   * The node's recursive pins as last read, without asking it (see KeepService), taken as an upload
   * starts: `add` renames a pin the content already had, and a cleared row must not remove that one.
   */
  pinnedBefore?(): ((cid: string) => boolean) | null;
}

type Entry = StoredUpload;

/**
 * An upload back in the queue (retried, paused, waiting for the node) counts nothing done: the next
 * attempt reads it again from its first byte, and the queue's total must not drop when it starts.
 */
const BACK_IN_QUEUE = { state: 'queued', startedAt: null, bytesDone: 0, filesDone: 0 } as const;

const finished = new Set<UploadItem['state']>(['added', 'duplicate', 'failed', 'cancelled', 'interrupted']);
const retryable = new Set<UploadItem['state']>(['failed', 'cancelled', 'interrupted']);
const landed = new Set<UploadItem['state']>(['added', 'duplicate']);

/**
 * The upload queue: each item is saved on every change of its state (one journal line, whatever
 * the queue's length), so that after a crash or a restart nothing is forgotten: what was queued or
 * running comes back as interrupted, with retry.
 */
export async function openUploadQueue(options: UploadQueueOptions): Promise<UploadQueue> {
  const { store, log } = options;
  const dataDir = store.dir;
  const file = await store.openList(uploadsFile);
  const entries = new Map<string, Entry>();
  /** Each entry's place in the queue (the order it was queued in), and those waiting to start. */
  const places = new Map<string, number>();
  let nextPlace = 0;
  const queued = new Set<string>();
  const pending = pendingUploads();
  const interrupted: Entry[] = [];
  for (const stored of file.values()) {
    const entry = resumed(stored);
    if (entry !== stored) interrupted.push(entry);
    entries.set(entry.item.id, entry);
    places.set(entry.item.id, nextPlace++);
  }
  // Saved as interrupted, so that the next start does not date their interruption again.
  if (interrupted.length > 0) file.put(interrupted).catch(() => undefined);
  // A link planted in its place is set aside first: the clean-up deletes in it.
  const staging = await store.folder(STAGING_FOLDER);
  // Only from a list read whole: a row set aside with a damaged journal may still be recovered, copy and all.
  // A landed row needs no copy (see saveLanded): one a stop left, or an older Cairn kept, goes too.
  if (file.whole && staging !== null) {
    const unlanded = [...entries.values()].filter(({ item }) => !landed.has(item.state)).map(({ item }) => item.id);
    for (const { name, error } of await removeUnclaimed(dataDir, new Set(unlanded)))
      log.warn(
        `Could not remove the staged copy ${name}, which no upload needs; the next start tries again: ${describe(error)}`,
      );
  }
  /** Every upload under way, adding or being placed in Files. */
  const running = new Map<string, AbortController>();
  /** The uploads adding now, which hold the turns CONCURRENCY allows. */
  const adding = new Set<string>();
  const placer = folderPlacer();
  const listeners = new Set<(change: UploadChange) => void>();
  const changed = new Set<string>();
  const removed = new Set<string>();
  let closing = false;
  let paused = false;
  /** Uploads the node's absence failed, waiting to be tried again: their timers and attempts so far. */
  const waiting = new Map<string, NodeJS.Timeout>();
  const autoRetries = new Map<string, number>();
  const stopWatchingNode = options.onNodeRunning?.(() => {
    for (const id of [...waiting.keys()]) release(id);
  });

  function release(id: string): void {
    clearTimeout(waiting.get(id));
    waiting.delete(id);
    const place = places.get(id);
    if (queued.has(id) && place !== undefined) pending.add(id, place);
    pump();
  }
  let idleWaiters: (() => void)[] = [];

  /** An item leaves the queue (its removal is told in the next event). */
  function forget(id: string): void {
    entries.delete(id);
    places.delete(id);
    queued.delete(id);
    changed.delete(id);
    removed.add(id);
  }

  /** Changes reach listeners many items an event, paced (see change-pacer.ts). */
  const pacer = changePacer(() => {
    const change: UploadChange = {
      items: [...changed].flatMap((id) => entries.get(id)?.item ?? []),
      removed: [...removed],
    };
    changed.clear();
    removed.clear();
    for (const listener of listeners) listener(change);
  }, CHANGE_PACE);

  function changedItem(id: string, newState = false): void {
    changed.add(id);
    if (newState) pacer.state();
    else pacer.progress();
  }

  /**
   * Saves these items in the background (the store writes changes made during a write together
   * with the next one): a failure is reported by the store, and the item's next change saves it again.
   */
  function save(saved: Entry[]): void {
    file.put(saved.map(({ item, source }) => ({ item, source }))).catch(() => undefined);
  }

  function update(id: string, patch: Partial<UploadItem>, saveIt: boolean): void {
    const entry = entries.get(id);
    if (!entry) return;
    const was = entry.item.state;
    entry.item = { ...entry.item, ...patch };
    if (entry.item.state !== was) noteState(id, entry.item.state);
    // A new state is told at once (in a flood of them, at a steady pace); progress waits for the next event.
    changedItem(id, patch.state !== undefined);
    if (saveIt) save([entry]);
  }

  /** Keeps the index of queued items, so that finding the next upload does not look at every item. */
  function noteState(id: string, state: UploadItem['state']): void {
    if (state !== 'queued') {
      queued.delete(id);
      return;
    }
    queued.add(id);
    const place = places.get(id);
    if (place !== undefined) pending.add(id, place);
  }

  function pump(): void {
    if (closing || paused) return;
    while (adding.size < CONCURRENCY) {
      const id = pending.take();
      if (id === undefined) break;
      const entry = entries.get(id);
      // Taken before it stopped waiting (cancelled, cleared): skipped; one waiting for the node comes back on release.
      if (entry?.item.state !== 'queued' || waiting.has(id)) continue;
      void start(entry);
    }
    if (running.size === 0 && queued.size === 0) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  }

  async function start({ item, source }: Entry): Promise<void> {
    const controller = new AbortController();
    const cancel = cancelUntilSent(controller.signal);
    running.set(item.id, controller);
    adding.add(item.id);
    update(item.id, { state: 'adding', startedAt: Date.now(), bytesDone: 0, filesDone: 0, error: undefined }, true);
    const doneAdding = () => {
      if (adding.delete(item.id)) pump();
    };
    try {
      // Inside: with no node running, this throws, and the upload waits for the node.
      const kubo = options.kubo();
      const pinnedAtStart = options.pinnedBefore?.() ?? null;
      const landed = await runUpload(item, source, {
        kubo,
        cancel,
        report: (progress: Progress) => update(item.id, progress, false),
        place: async (cid, name) => {
          doneAdding();
          await noteLinking(item.id, cid, pinnedAtStart?.(cid) ?? false);
          // The same content at that name is this upload's own, when an attempt a stop interrupted linked it.
          const own = item.linking?.includes(cid) ?? false;
          return placer.place(kubo, cid, item.folder, name, { signal: cancel.signal, own });
        },
      });
      autoRetries.delete(item.id);
      // Aborted, yet landed: a cancel that came once all of it was sent (see CancelUntilSent).
      if (controller.signal.aborted && !closing && !paused) landed.notes.push({ kind: 'cancel-too-late' });
      const patch = landedPatch(landed);
      const current = entries.get(item.id)?.item;
      if (current) await options.onLanded?.({ ...current, ...patch });
      update(item.id, patch, false);
      await saveLanded(item.id);
    } catch (error) {
      if (!controller.signal.aborted && !closing && waitForNode(item, error)) return;
      // A cancel that came too late to stop the upload does not make its failure a cancel.
      update(item.id, failurePatch(error, cancel.signal, { closing, paused }), true);
      if (!cancel.signal.aborted) log.warn(`Upload of ${item.name} failed: ${describe(error)}`);
    } finally {
      running.delete(item.id);
      adding.delete(item.id);
      pump();
    }
  }

  /**
   * Saves a landed upload, then removes its staged copy: a landed upload is never read again (it is
   * not retried, and its CID is kept), and kept until its row was cleared, every dropped or pasted
   * file took its size twice on disk, in the data folder and in the node. Removed only once the row
   * saying it landed is on disk: a stop before that brings it back as interrupted, retried from the copy.
   */
  async function saveLanded(id: string): Promise<void> {
    const entry = entries.get(id);
    if (!entry) return;
    const saved = await file.put([{ item: entry.item, source: entry.source }]).then(
      () => true,
      // Reported by the store; the copy stays for the row as it is on disk.
      () => false,
    );
    if (!saved || entry.source.kind !== 'path' || !isStagedCopy(dataDir, id, entry.source.path)) return;
    await unstageOrLeave(id, entry.item.name);
  }

  /**
   * Removes the staged copy of an upload whose row no longer needs it (landed, or cleared). One that
   * cannot be removed now (held open by another program, on Windows) is said in the log and left:
   * the next start removes it, since no row claims it.
   */
  async function unstageOrLeave(id: string, name: string): Promise<void> {
    await unstage(dataDir, id).catch((error: unknown) => {
      log.warn(`Could not remove the staged copy of ${name}, which the next start removes: ${describe(error)}`);
    });
  }

  /**
   * Saves that the upload begins to link `cid` into Files, before Files changes: a stop at any
   * moment after leaves the item saying that Files may hold it, and the retry taking it as its own.
   */
  async function noteLinking(id: string, cid: string, pinnedBefore: boolean): Promise<void> {
    const entry = entries.get(id);
    const linking = entry?.item.linking ?? [];
    if (!entry || linking.includes(cid)) return;
    const before = entry.item.pinnedBefore ?? [];
    update(id, { linking: [...linking, cid], ...(pinnedBefore ? { pinnedBefore: [...before, cid] } : {}) }, false);
    await file.put([{ item: entry.item, source: entry.source }]);
  }

  /**
   * The node was down: the upload waits (queued, saying why) and starts again once the node runs,
   * or after a backoff (1, 2, 4... s); after AUTO_RETRIES attempts it fails and waits for the user.
   */
  function waitForNode(item: UploadItem, error: unknown): boolean {
    if (!(error instanceof AppError) || !NODE_DOWN.has(error.code)) return false;
    const attempt = (autoRetries.get(item.id) ?? 0) + 1;
    if (attempt > AUTO_RETRIES) return false;
    autoRetries.set(item.id, attempt);
    log.warn(`Upload of ${item.name} waits for the node (attempt ${attempt} of ${AUTO_RETRIES}): ${error.message}`);
    update(item.id, { ...BACK_IN_QUEUE, error: cairnErrorOf(error) }, true);
    waiting.set(
      item.id,
      setTimeout(() => release(item.id), 1000 * 2 ** (attempt - 1)),
    );
    return true;
  }

  /** What cleared uploads that never landed left pinned on the node goes with them (see left-pins.ts). */
  async function removePinsLeftBy(cleared: Entry[]): Promise<void> {
    const others = () => [...entries.values()].map((entry) => entry.item);
    const neededElsewhere = (cid: string, name: string) =>
      others().some(
        (other) =>
          other.result?.cid === cid ||
          other.linking?.includes(cid) ||
          (!finished.has(other.state) && other.name === name),
      );
    for (const { item, source } of cleared) {
      try {
        const kubo = options.kubo();
        await removeLeftPins(item, source, { kubo, log, neededElsewhere: (cid) => neededElsewhere(cid, item.name) });
      } catch (error) {
        log.warn(`Could not remove the pin the upload of ${item.name} may have left: ${describe(error)}`);
      }
    }
  }

  async function add(
    folder: string,
    source: QueueSource,
    options: UploadOptions,
    createdAt: number,
  ): Promise<UploadItem> {
    const id = randomUUID();
    const base: UploadItem = {
      id,
      name: nameOf(source),
      kind: source.kind === 'tree' ? 'folder' : source.kind === 'content' ? 'content' : 'file',
      folder,
      options,
      state: 'queued',
      totalBytes: null,
      totalFiles: null,
      bytesDone: 0,
      filesDone: 0,
      createdAt,
      startedAt: null,
      finishedAt: null,
    };
    const stored = storedSource(dataDir, id, source);
    // Inline bytes are queued only once written whole: a copy a full disk cut short would be added
    // as the whole file, on retry too. The page still holds them, and offers to queue them again.
    if (stored.kind === 'path' && (source.kind === 'bytes' || source.kind === 'tree')) {
      await stage(stored.path, source).catch(async (error: unknown) => {
        await unstage(dataDir, id);
        throw storageError(error, stored.path);
      });
    }
    try {
      base.kind = await prepare(source, stored);
    } catch (error) {
      // Kept and shown, never dropped: the user sees what could not be read, and can retry.
      Object.assign(base, failedPatch(error));
    }
    entries.set(id, { item: base, source: stored });
    places.set(id, nextPlace++);
    changedItem(id);
    return base;
  }

  return {
    list: () => [...entries.values()].map((entry) => entry.item),
    async enqueue({ folder, sources, options: uploadOptions }) {
      const now = Date.now();
      const items: UploadItem[] = [];
      try {
        // Sequential on purpose: staging writes inline bytes, and the order is the order shown.
        for (const [index, source] of sources.entries())
          items.push(await add(folder, source, uploadOptions, now + index));
        await file.put(items.flatMap((item) => entries.get(item.id) ?? []));
        // Started only once on disk: nothing runs that a crash would forget.
        for (const { id } of items) if (entries.get(id)?.item.state === 'queued') noteState(id, 'queued');
      } catch (error) {
        // Not on disk, not queued: nothing starts that a crash would forget.
        for (const { id } of items) {
          forget(id);
          await unstage(dataDir, id);
        }
        pacer.now();
        throw error;
      }
      pump();
      return items;
    },
    cancel(ids) {
      const chosen = ids === 'all' ? null : new Set(ids);
      for (const entry of entries.values()) {
        const { id, state } = entry.item;
        if (chosen && !chosen.has(id)) continue;
        if (state === 'queued') {
          clearTimeout(waiting.get(id));
          waiting.delete(id);
          update(id, { state: 'cancelled', finishedAt: Date.now() }, true);
        }
        running.get(id)?.abort();
      }
    },
    retry(ids) {
      const chosenIds = ids === 'failed' ? null : new Set(ids);
      const retried: Entry[] = [];
      for (const entry of entries.values()) {
        const { id, state } = entry.item;
        const chosen = chosenIds ? chosenIds.has(id) : state === 'failed' || state === 'interrupted';
        if (!chosen || !retryable.has(state)) continue;
        autoRetries.delete(id);
        update(id, { ...BACK_IN_QUEUE, error: undefined, result: undefined, finishedAt: null }, false);
        retried.push(entry);
      }
      if (retried.length > 0) save(retried);
      pump();
    },
    async clear(ids) {
      const gone = new Set(
        [...entries.values()]
          .map((entry) => entry.item)
          .filter(({ id, state }) =>
            ids === 'landed' ? landed.has(state) : (ids === 'finished' || ids.includes(id)) && finished.has(state),
          )
          .map(({ id }) => id),
      );
      if (gone.size === 0) return;
      // Saved first: a failed save leaves the list (and the staged bytes) as they were.
      await file.remove([...gone]);
      const cleared = [...gone].flatMap((id) => entries.get(id) ?? []);
      for (const id of gone) forget(id);
      pacer.progress();
      // Looked at before the staged bytes go: a pin left without its CID is found by hashing them again.
      await removePinsLeftBy(cleared);
      // The rows are gone already: a copy that stays is not the user's failure to clear them.
      for (const { item } of cleared) await unstageOrLeave(item.id, item.name);
    },
    pause() {
      paused = true;
      for (const controller of running.values()) controller.abort();
    },
    resume() {
      paused = false;
      pump();
    },
    paused: () => paused,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        pump();
      });
    },
    async dispose() {
      closing = true;
      stopWatchingNode?.();
      for (const timer of waiting.values()) clearTimeout(timer);
      for (const controller of running.values()) controller.abort();
      while (running.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      pacer.stop();
      await file.flushed();
    },
  };
}

/** Where main reads the upload from, now and on any retry: inline bytes are read from their staged copy. */
function storedSource(dataDir: string, id: string, source: QueueSource): StoredSource {
  if (source.kind === 'content') return { kind: 'content', ref: source.ref };
  // A file the browser harness streamed to main is staged like inline bytes (kept for retries, removed once landed or cleared).
  if (source.kind === 'path' && !isReceived(dataDir, source.path))
    return { kind: 'path', path: source.path, car: source.car ?? false };
  return {
    kind: 'path',
    path: stagedPath(dataDir, id, nameOf(source)),
    car: (source.kind === 'bytes' || source.kind === 'path') && (source.car ?? false),
  };
}

/** Checks what can be checked before queueing (inline bytes are staged by then); says what kind of upload it is. */
async function prepare(source: QueueSource, stored: StoredSource): Promise<UploadKind> {
  if (stored.kind === 'content') {
    importPath(stored.ref);
    return 'content';
  }
  if (source.kind === 'path' && source.path !== stored.path) {
    // Kept with the source: its bytes may still be arriving, and a retry refuses the file if they never all did.
    stored.size = takeAnnouncedSize(source.path);
    await adopt(source.path, stored.path);
  }
  if (!isAbsolute(stored.path)) throw new AppError('VALIDATION', `${stored.path} is not an absolute path.`);
  // A CAR is read through a symlink; anything else is looked at as it is (a symlink is kept as a link).
  const info = await (stored.car ? stat : lstat)(stored.path).catch((error: unknown) => {
    throw unreadable(stored.path, error);
  });
  refuseSpecial(stored.path, info);
  if (stored.car) return 'car';
  return info.isDirectory() ? 'folder' : 'file';
}

function nameOf(source: QueueSource): string {
  if (source.kind === 'path') return basename(source.path) || source.path;
  if (source.kind === 'content') return source.name ?? contentName(source.ref);
  return source.name;
}

/** The name content by reference gets in Files: its filename, the last segment of its path, or its CID. */
function contentName(ref: string): string {
  let parsed;
  try {
    parsed = parseContentRef(ref);
  } catch {
    return ref.slice(0, 80);
  }
  if (parsed.filename) return parsed.filename;
  const last = parsed.path.at(-1);
  if (last) return last;
  return parsed.namespace === 'ipfs' ? parsed.cid.toString() : parsed.name;
}

function landedPatch(landed: Landed): Partial<UploadItem> {
  return {
    state: landed.duplicate ? 'duplicate' : 'added',
    finishedAt: Date.now(),
    result: { cid: landed.cid, path: landed.path, size: landed.size, notes: landed.notes },
    linking: undefined,
    pinnedBefore: undefined,
  };
}

function failurePatch(
  error: unknown,
  signal: AbortSignal,
  { closing, paused }: { closing: boolean; paused: boolean },
): Partial<UploadItem> {
  if (closing) return { state: 'interrupted', finishedAt: Date.now() };
  if (paused && signal.aborted) return BACK_IN_QUEUE;
  if (signal.aborted) return { state: 'cancelled', finishedAt: Date.now() };
  return failedPatch(error);
}

function failedPatch(error: unknown): Partial<UploadItem> {
  return { state: 'failed', finishedAt: Date.now(), error: cairnErrorOf(error) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What was queued or running when the app stopped is interrupted now. */
function resumed({ item, source }: Entry): Entry {
  return item.state === 'queued' || item.state === 'adding'
    ? { item: { ...item, state: 'interrupted', finishedAt: item.finishedAt ?? Date.now() }, source }
    : { item, source };
}
