import type { MfsEntry, PinType } from '../../../../shared/ipc/contract';
import { baseName, joinPath } from '../../../../shared/mfs-path';
import { cairn, call, CallError } from '../../../app/api';
import { attempt, plainMessage, reportFailure } from '../../../app/failure';
import { useAppStore } from '../../../app/store';
import { eachEntry, reportEachFailed } from './each-entry';
import { quoted } from '../../../../shared/hidden-characters';

interface FolderListing {
  opId: string;
  entries: MfsEntry[];
  cid: string | null;
  /** Known once `files.list` answered: in the browser bridge, its last batches may still be on their way. */
  count: number | null;
  /** Stops following its batches. */
  stop: () => void;
}

/** The listing in progress; batches of a listing a newer one replaced are dropped. */
let listing: FolderListing | null = null;
let runs = 0;

/**
 * Lists `folder`, its entries pushed by main in batches. Opening a folder shows each batch as it
 * comes; a refresh keeps the rows on screen and swaps them once the new listing is complete, so a
 * large folder does not flicker.
 */
async function list(folder: string, refreshing: boolean): Promise<void> {
  const set = useAppStore.setState;
  if (listing) {
    listing.stop();
    void cairn().cancel(listing.opId);
  }
  const mine: FolderListing = {
    opId: `files-ls-${Date.now().toString(36)}-${++runs}`,
    entries: [],
    cid: null,
    count: null,
    stop: () => undefined,
  };
  listing = mine;
  mine.stop = cairn().on('files.listBatch', ({ opId, cid, entries }) => {
    if (opId !== mine.opId) return;
    mine.entries = mine.entries.concat(entries);
    mine.cid = cid;
    if (!refreshing && mine.count === null) set({ entries: mine.entries, folderCid: cid, listing: 'partial' });
    settle(mine);
  });
  set(
    refreshing
      ? { listingError: null }
      : {
          folder,
          listing: 'loading',
          listingError: null,
          selected: [],
          anchor: null,
          cursor: null,
          entries: [],
          folderCid: null,
          previewing: null,
          filter: '',
        },
  );
  try {
    const listed = await call('files.list', { opId: mine.opId, folder });
    mine.cid = listed.cid;
    mine.count = listed.count;
    settle(mine);
  } catch (error) {
    if (listing !== mine) return;
    mine.stop();
    listing = null;
    set({ listing: 'error', listingError: plainMessage(error) });
  }
}

/** Shows the listing as done once main answered and every batch it sent has arrived. */
function settle(mine: FolderListing): void {
  if (listing !== mine || mine.count === null || mine.entries.length < mine.count) return;
  mine.stop();
  listing = null;
  useAppStore.setState({ entries: mine.entries, folderCid: mine.cid, listing: 'done' });
}

export function openFolder(path: string): void {
  void list(path, false);
}

/** Lists the open folder again (after a change by Cairn, an upload or the user). */
export function refreshFolder(): void {
  void list(useAppStore.getState().folder, true);
}

/** Creates a folder in the open folder and selects it; a failure is thrown for the dialog to show. */
export async function makeFolder(name: string): Promise<void> {
  const { folder, select } = useAppStore.getState();
  const made = await call('files.mkdir', { folder, name });
  select(made.name);
}

/** Renames an entry of the open folder and selects it; a failure is thrown for the dialog to show. */
export async function renameEntry(entry: MfsEntry, name: string): Promise<void> {
  const { folder, select } = useAppStore.getState();
  const moved = await call('files.move', { from: joinPath(folder, entry.name), toFolder: folder, name });
  select(moved.name);
}

export async function moveEntry(from: string, toFolder: string): Promise<void> {
  const name = from.slice(from.lastIndexOf('/') + 1);
  const moved = await attempt(`Could not move ${quoted(name)}`, () => call('files.move', { from, toFolder, name }));
  if (moved) useAppStore.getState().notify('info', `Moved ${quoted(name)} to ${toFolder}.`);
}

/** Moves what was cut into the open folder, then forgets the cut; pasting where they are does nothing. */
export async function pasteCut(): Promise<void> {
  const { cut, folder, setCut, selectAll, notify } = useAppStore.getState();
  if (!cut || cut.folder === folder) return;
  const { done, failed } = await eachEntry(cut.names, (name) =>
    call('files.move', { from: joinPath(cut.folder, name), toFolder: folder, name }),
  );
  setCut(null);
  const moved = done.map((item) => item.name);
  if (moved.length > 0) {
    selectAll(moved);
    notify('info', `Moved ${moved.length === 1 ? quoted(moved[0] ?? '') : `${moved.length} items`} to ${folder}.`);
  }
  reportEachFailed('move', failed, cut.names.length);
}

/** The CIDs of the entries, one a line, on the clipboard. */
export async function copyCids(entries: readonly MfsEntry[]): Promise<void> {
  const copied = await attempt('Could not copy', () => cairn().copyText(entries.map((entry) => entry.cid).join('\n')));
  if (copied !== null)
    useAppStore.getState().notify('info', entries.length === 1 ? 'Copied the CID.' : `Copied ${entries.length} CIDs.`);
}

/** Deletes entries of the open folder one by one; a notice sums up what was deleted and what stays. */
export async function removeEntries(entries: MfsEntry[], unpin: boolean): Promise<void> {
  const { folder } = useAppStore.getState();
  const names = entries.map((entry) => entry.name);
  const { done, failed } = await eachEntry(names, (name) =>
    call('files.remove', { path: joinPath(folder, name), unpin }),
  );
  reportRemoved(
    done.map((removed) => baseName(removed.path)),
    done.reduce<PinType | null>((kept, removed) => removed.stillPinnedAs ?? kept, null),
    unpin,
  );
  reportEachFailed('delete', failed, names.length);
}

/** What was deleted, and whether its content stays on the node. */
function reportRemoved(deleted: string[], stillPinnedAs: PinType | null, unpin: boolean): void {
  if (deleted.length === 0) return;
  const one = deleted.length === 1;
  const kept =
    stillPinnedAs === 'indirect'
      ? ` ${one ? 'Its' : 'Some'} content stays on this node: another pin contains it.`
      : stillPinnedAs
        ? ` ${one ? 'Its' : 'Some'} content stays on this node: it is still pinned.`
        : unpin
          ? ` ${one ? 'Its content is' : 'Their content is'} no longer pinned and goes at the next garbage collection.`
          : '';
  useAppStore
    .getState()
    .notify('info', `Deleted ${one ? quoted(deleted[0] ?? '') : `${deleted.length} items`}.${kept}`);
}

export interface ExportProgress {
  opId: string;
  name: string;
  bytes: number;
  totalBytes: number | null;
}

/** Downloads an entry; main asks where with the OS dialog. Progress goes to `onProgress` until it ends. */
export async function exportEntry(
  entry: MfsEntry,
  as: 'content' | 'car',
  onProgress: (progress: ExportProgress | null) => void,
): Promise<void> {
  const { folder, notify } = useAppStore.getState();
  const opId = crypto.randomUUID();
  onProgress({ opId, name: entry.name, bytes: 0, totalBytes: null });
  const stop = cairn().on('op.progress', (event) => {
    if (event.opId === opId) onProgress({ opId, name: entry.name, bytes: event.bytes, totalBytes: event.totalBytes });
  });
  try {
    const done = await call('files.export', { opId, path: joinPath(folder, entry.name), as });
    if (done.destination)
      notify('info', `Saved ${quoted(entry.name)}${as === 'car' ? ' as a CAR' : ''} to ${done.destination}.`);
  } catch (error) {
    if (!(error instanceof CallError && error.error.code === 'CANCELLED')) {
      reportFailure(`Could not download ${quoted(entry.name)}`, error);
    }
  } finally {
    stop();
    onProgress(null);
  }
}

export function cancelExport(opId: string): void {
  void cairn().cancel(opId);
}

/** The rows being asked about, each with the keep version it was asked under. */
const askingPinned = new Map<string, number>();

/**
 * Asks main's keep-status service about the rows on screen not known yet, in one call: not again for
 * rows already being asked about, and an answer that comes after the pins changed is dropped (the
 * rows are asked again under the new version), so that no row shows a state older than the change.
 */
export async function loadPinned(cids: string[]): Promise<void> {
  const { pinned, keepVersion } = useAppStore.getState();
  const unknown = [...new Set(cids)]
    .filter((cid) => !(cid in pinned) && askingPinned.get(cid) !== keepVersion)
    .slice(0, 1000);
  if (unknown.length === 0) return;
  for (const cid of unknown) askingPinned.set(cid, keepVersion);
  try {
    const states = await call('keep.rows', { cids: unknown });
    const now = useAppStore.getState();
    if (now.keepVersion === keepVersion) now.notePinned(states);
  } catch {
    // Pin states are a hint on each row; the list stays usable without them.
  } finally {
    for (const cid of unknown) if (askingPinned.get(cid) === keepVersion) askingPinned.delete(cid);
  }
}

/** Asks main for the cumulative sizes of the folder rows on screen not known yet, in one call. */
export async function loadFolderSizes(cids: string[]): Promise<void> {
  const { folderSizes, noteFolderSizes } = useAppStore.getState();
  const unknown = [...new Set(cids)].filter((cid) => !(cid in folderSizes)).slice(0, 500);
  if (unknown.length === 0) return;
  try {
    noteFolderSizes(await call('files.sizes', { cids: unknown }));
  } catch {
    // Sizes are a hint on each row; the list stays usable without them.
  }
}

/** Refreshes of the open folder are at least this far apart, and four times what the last one took. */
const REFRESH_SPACING_MS = 1000;

/**
 * Refreshes the open folder when main says it (or a folder inside the path shown) changed, or that
 * another program changed Files: at once
 * after a quiet moment, then at most once per spacing while changes keep coming. A drop of
 * thousands of files lands one at a time, and each listing costs what the folder holds.
 */
export function followFolderChanges(): () => void {
  let last = -Infinity;
  let took = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingFor: string | null = null;
  const refresh = (folder: string) => {
    timer = undefined;
    waitingFor = null;
    // Another folder opened meanwhile is listed by its opening.
    if (folder !== useAppStore.getState().folder) return;
    last = Date.now();
    void list(folder, true).finally(() => (took = Date.now() - last));
  };
  const changed = (folder: string) => {
    if (folder !== useAppStore.getState().folder || waitingFor === folder) return;
    clearTimeout(timer);
    waitingFor = folder;
    const wait = last + Math.max(REFRESH_SPACING_MS, 4 * took) - Date.now();
    if (wait <= 0) refresh(folder);
    else timer = setTimeout(() => refresh(folder), wait);
  };
  const stops = [
    cairn().on('files.changed', ({ folder }) => changed(folder)),
    // Another program changed Files: main cannot say which folder, so the open one is listed again.
    cairn().on('keep.changed', ({ files }) => files && changed(useAppStore.getState().folder)),
  ];
  return () => {
    stops.forEach((stop) => stop());
    clearTimeout(timer);
  };
}
