import { inlineBytes, type UploadOptions, type UploadSource } from '../../../shared/ipc/contract';
import { MAX_INLINE_BYTES, MAX_SOURCES_PER_ENQUEUE } from '../../../shared/ipc/limits';
import { sendInBatches } from '../../../shared/ipc/send-in-batches';
import { cairn, call } from '../../app/api';
import { attempt, describeFailure, reportFailure } from '../../app/failure';
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

type Read = () => Promise<UploadSource[]>;

/**
 * Reads what was dropped or picked, one item at a time, into the Files folder open now, with the
 * upload options from Settings. Sent in requests within main's per-call limits, so that a drop of
 * any size lands whole; while it is read, the queue shows how far it has got.
 */
async function enqueue(reads: Read[]): Promise<void> {
  const { settings, notify, folder, setQueuing } = useAppStore.getState();
  if (reads.length === 0) return;
  if (!settings) {
    notify('error', 'Settings are still loading; try again in a moment.');
    return;
  }
  setQueuing({ read: 0, total: reads.length });
  try {
    await send(readEach(reads), folder, settings.uploads);
  } finally {
    setQueuing(null);
  }
}

/** Reads the browser's files and folders into sources; one that cannot be read is said, the rest go on. */
async function* readEach(reads: Read[]): AsyncGenerator<UploadSource> {
  for (const [index, read] of reads.entries()) {
    try {
      yield* await read();
    } catch (error) {
      reportFailure('Could not read what was dropped or picked', error);
    }
    useAppStore.getState().setQueuing({ read: index + 1, total: reads.length });
  }
}

/** Sends sources in batches; the batches main did not take are said once, with a Retry that sends them again. */
async function send(
  sources: AsyncIterable<UploadSource> | UploadSource[],
  folder: string,
  options: UploadOptions,
): Promise<void> {
  const failed = await sendInBatches(sources, inlineBytes, ENQUEUE_LIMITS, async (batch) => {
    useAppStore.getState().addUploads(await call('uploads.enqueue', { folder, sources: batch, options }));
  });
  const [first] = failed;
  if (!first) return;
  const unsent = failed.flatMap((batch) => batch.items);
  const { reason, details } = describeFailure(first.error);
  useAppStore.getState().notify('error', reason, {
    title: `Could not queue ${unsent.length === 1 ? 'the upload' : `${unsent.length} uploads`}`,
    details,
    sticky: true,
    action: { label: 'Retry queuing', run: () => void send(unsent, folder, options) },
  });
}

const ENQUEUE_LIMITS = { items: MAX_SOURCES_PER_ENQUEUE, bytes: MAX_INLINE_BYTES };

export async function uploadFiles(files: Iterable<File>, car = false): Promise<void> {
  await enqueue(Array.from(files, (file) => async () => [await fileSource(file, car)]));
}

export async function uploadPickedFolder(files: File[]): Promise<void> {
  await enqueue([() => pickedFolderSources(files)]);
}

/** Files and folders dropped on the window; entries must be taken before the drop event ends. */
export async function uploadDropped(transfer: DataTransfer): Promise<void> {
  const reads = Array.from(transfer.items).flatMap((item): Read[] => {
    if (item.kind !== 'file') return [];
    const entry = item.webkitGetAsEntry();
    const file = item.getAsFile();
    if (entry && isDirectory(entry)) return [async () => [await droppedFolderSource(entry, file)]];
    if (!file) return [];
    return [async () => [await fileSource(file)]];
  });
  await enqueue(reads);
}

export async function uploadText(name: string, text: string): Promise<void> {
  await enqueue([() => Promise.resolve([{ kind: 'bytes', name, data: new TextEncoder().encode(text) }])]);
}

export async function importContent(ref: string, name?: string): Promise<void> {
  await enqueue([() => Promise.resolve([{ kind: 'content', ref, ...(name ? { name } : {}) }])]);
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
