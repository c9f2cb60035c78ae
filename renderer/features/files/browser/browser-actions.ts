import type { MfsEntry } from '../../../../shared/ipc/contract';
import { joinPath } from '../../../../shared/mfs-path';
import { cairn, call, CallError, messageOf } from '../../../app/api';
import { useAppStore } from '../../../app/store';

/** Runs one operation on the open folder; a failure becomes a notice that says what happened. */
async function attempt<T>(what: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    useAppStore.getState().notify('error', `${what}: ${messageOf(error)}`);
    return null;
  }
}

export async function makeFolder(name: string): Promise<boolean> {
  const { folder, select } = useAppStore.getState();
  const made = await attempt(`Could not create “${name}”`, () => call('files.mkdir', { folder, name }));
  if (made) select(made.name);
  return made !== null;
}

export async function renameEntry(entry: MfsEntry, name: string): Promise<boolean> {
  const { folder, select } = useAppStore.getState();
  const moved = await attempt(`Could not rename “${entry.name}”`, () =>
    call('files.move', { from: joinPath(folder, entry.name), toFolder: folder, name }),
  );
  if (moved) select(moved.name);
  return moved !== null;
}

export async function moveEntry(from: string, toFolder: string): Promise<void> {
  const name = from.slice(from.lastIndexOf('/') + 1);
  const moved = await attempt(`Could not move “${name}”`, () => call('files.move', { from, toFolder, name }));
  if (moved) useAppStore.getState().notify('info', `Moved “${name}” to ${toFolder}.`);
}

export async function removeEntry(entry: MfsEntry, unpin: boolean): Promise<void> {
  const { folder, notify, notePinned } = useAppStore.getState();
  const removed = await attempt(`Could not delete “${entry.name}”`, () =>
    call('files.remove', { path: joinPath(folder, entry.name), unpin }),
  );
  if (!removed) return;
  if (removed.unpinned) notePinned({ [removed.cid]: false });
  const kept =
    removed.stillPinnedAs === 'indirect'
      ? ' Its content stays on this node: another pin contains it.'
      : removed.stillPinnedAs
        ? ' Its content stays on this node: it is still pinned.'
        : unpin
          ? ' Its content is no longer pinned and goes at the next garbage collection.'
          : '';
  notify('info', `Deleted “${entry.name}”.${kept}`);
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
      notify('info', `Saved “${entry.name}”${as === 'car' ? ' as a CAR' : ''} to ${done.destination}.`);
  } catch (error) {
    if (!(error instanceof CallError && error.error.code === 'CANCELLED')) {
      notify('error', `Could not download “${entry.name}”: ${messageOf(error)}`);
    }
  } finally {
    stop();
    onProgress(null);
  }
}

export function cancelExport(opId: string): void {
  void cairn().cancel(opId);
}

/** Asks main for the pin state of CIDs not known yet (the rows on screen), in one call. */
export async function loadPinned(cids: string[]): Promise<void> {
  const { pinned, notePinned } = useAppStore.getState();
  const unknown = [...new Set(cids)].filter((cid) => !(cid in pinned)).slice(0, 1000);
  if (unknown.length === 0) return;
  try {
    notePinned(await call('files.pinned', { cids: unknown }));
  } catch {
    // Pin states are a hint on each row; the list stays usable without them.
  }
}

/** Refreshes the open folder when main says it (or a folder inside the path shown) changed. */
export function followFolderChanges(): () => void {
  return cairn().on('files.changed', ({ folder }) => {
    const state = useAppStore.getState();
    if (folder === state.folder) state.refresh();
  });
}
