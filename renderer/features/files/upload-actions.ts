import type { UploadSource } from '../../../shared/ipc/contract';
import { cairn, call } from '../../app/api';
import { attempt, reportFailure } from '../../app/failure';
import { useAppStore } from '../../app/store';
import { droppedFolderSource, fileSource, isDirectory, pickedFolderSources } from './file-source';

/** Loads the queue main kept (interrupted items of a past session included) and follows its changes. */
export function followUploads(): () => void {
  const stop = cairn().on('uploads.changed', (change) => useAppStore.getState().applyUploadChange(change));
  call('uploads.list', {}).then(
    (items) => useAppStore.getState().addUploads(items),
    (error: unknown) => reportFailure('Could not load the upload queue', error),
  );
  return stop;
}

/** Queues sources into the Files folder open in the browser now, with the upload options from Settings. */
export async function enqueue(sources: UploadSource[]): Promise<void> {
  const { settings, notify, addUploads, folder } = useAppStore.getState();
  if (sources.length === 0) return;
  if (!settings) {
    notify('error', 'Settings are still loading; try again in a moment.');
    return;
  }
  try {
    const items = await call('uploads.enqueue', {
      folder,
      sources,
      options: settings.uploads,
    });
    addUploads(items);
  } catch (error) {
    reportFailure('Could not queue the upload', error);
  }
}

/** Reads what the browser gives (files, folders) into sources; a file that cannot be read is said, the rest go on. */
async function collect(reads: (() => Promise<UploadSource[]>)[]): Promise<UploadSource[]> {
  const sources: UploadSource[] = [];
  for (const read of reads) {
    try {
      sources.push(...(await read()));
    } catch (error) {
      reportFailure('Could not read what was dropped or picked', error);
    }
  }
  return sources;
}

export async function uploadFiles(files: Iterable<File>, car = false): Promise<void> {
  await enqueue(await collect(Array.from(files, (file) => async () => [await fileSource(file, car)])));
}

export async function uploadPickedFolder(files: File[]): Promise<void> {
  await enqueue(await collect([() => pickedFolderSources(files)]));
}

/** Files and folders dropped on the window; entries must be taken before the drop event ends. */
export async function uploadDropped(transfer: DataTransfer): Promise<void> {
  const reads = Array.from(transfer.items).flatMap((item) => {
    if (item.kind !== 'file') return [];
    const entry = item.webkitGetAsEntry();
    const file = item.getAsFile();
    if (entry && isDirectory(entry)) return [async () => [await droppedFolderSource(entry, file)]];
    if (!file) return [];
    return [async () => [await fileSource(file)]];
  });
  await enqueue(await collect(reads));
}

export async function uploadText(name: string, text: string): Promise<void> {
  await enqueue([{ kind: 'bytes', name, data: new TextEncoder().encode(text) }]);
}

export async function importContent(ref: string, name?: string): Promise<void> {
  await enqueue([{ kind: 'content', ref, ...(name ? { name } : {}) }]);
}

export function cancelUploads(ids: string[] | 'all'): void {
  void attempt('Could not cancel', () => call('uploads.cancel', { ids }));
}

export function retryUploads(ids: string[] | 'failed'): void {
  void attempt('Could not retry', () => call('uploads.retry', { ids }));
}

export function clearUploads(ids: string[] | 'finished'): void {
  void attempt('Could not clear', () => call('uploads.clear', { ids }));
}
