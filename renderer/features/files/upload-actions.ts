import { inlineBytes, type UploadOptions, type UploadSource } from '../../../shared/ipc/contract';
import { MAX_INLINE_BYTES, MAX_SOURCES_PER_ENQUEUE } from '../../../shared/ipc/limits';
import { sendInBatches } from '../../../shared/ipc/send-in-batches';
import { cairn, call } from '../../app/api';
import { attempt, describeFailure, reportFailure } from '../../app/failure';
import { fieldFaultOf, type FieldFault } from '../../app/field-faults';
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

/** Takes a refusal of one field of what a form typed (a source's `name`), or says it did not. */
type AtField = (fault: FieldFault) => boolean;

/**
 * Reads what was dropped or picked, one item at a time, into the Files folder open now, with the
 * upload options from Settings. Sent in requests within main's per-call limits, so that a drop of
 * any size lands whole; while it is read, the queue shows how far it has got. True once what was sent
 * is queued or in a notice that retries it; false when the form has to show a refusal or try again.
 */
async function enqueue(reads: Read[], atField?: AtField): Promise<boolean> {
  const { settings, notify, folder, setQueuing } = useAppStore.getState();
  if (reads.length === 0) return true;
  if (!settings) {
    notify('error', 'Settings are still loading; try again in a moment.');
    return false;
  }
  setQueuing({ read: 0, total: reads.length });
  try {
    return await send(readEach(reads), folder, settings.uploads, atField);
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

/**
 * Sends sources in batches; the batches main did not take are said once, with a Retry that sends
 * them again. A form's one source refused for one of its fields goes to `atField` instead.
 */
async function send(
  sources: AsyncIterable<UploadSource> | UploadSource[],
  folder: string,
  options: UploadOptions,
  atField?: AtField,
): Promise<boolean> {
  const failed = await sendInBatches(sources, inlineBytes, ENQUEUE_LIMITS, async (batch) => {
    useAppStore.getState().addUploads(await call('uploads.enqueue', { folder, sources: batch, options }));
  });
  const [first] = failed;
  if (!first) return true;
  const fault = fieldFaultOf(first.error);
  // A form sends one source: its fields are `sources.0.<field>` in the request.
  const field = fault?.field.match(/^sources\.0\.(.+)$/)?.[1];
  if (fault && field && atField?.({ field, reason: fault.reason })) return false;
  // Any other failure is the notice's to retry: the form is done, so that it is not sent twice.
  const unsent = failed.flatMap((batch) => batch.items);
  const { reason, details } = describeFailure(first.error);
  useAppStore.getState().notify('error', reason, {
    title: `Could not queue ${unsent.length === 1 ? 'the upload' : `${unsent.length} uploads`}`,
    details,
    sticky: true,
    action: { label: 'Retry queuing', run: () => void send(unsent, folder, options) },
  });
  return true;
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

/** Text typed in a form as a new file; a refused `name` goes to `atField`. True when the form is done. */
export function uploadText(name: string, text: string, atField: AtField): Promise<boolean> {
  return enqueue(
    [() => Promise.resolve([{ kind: 'bytes', name, data: new TextEncoder().encode(text), typed: true }])],
    atField,
  );
}

/** A reference typed in a form; a refused `ref` or `name` goes to `atField`. True when the form is done. */
export function importContent(ref: string, name: string | undefined, atField: AtField): Promise<boolean> {
  return enqueue([() => Promise.resolve([{ kind: 'content', ref, ...(name ? { name } : {}) }])], atField);
}

export function cancelUploads(ids: string[] | 'all'): void {
  void attempt('Could not cancel', () => call('uploads.cancel', { ids }));
}

export function retryUploads(ids: string[] | 'failed'): void {
  void attempt('Could not retry', () => call('uploads.retry', { ids }));
}

export function clearUploads(ids: string[] | 'finished' | 'landed'): void {
  void attempt('Could not clear', () => call('uploads.clear', { ids }));
}
