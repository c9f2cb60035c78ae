import { cairn, call, CallError, messageOf } from '../../app/api';
import { useAppStore } from '../../app/store';
import { toUploadSource } from './file-source';

/** The File behind each unfinished upload, kept for retry; dropped once the upload succeeds. */
const pendingFiles = new Map<string, File>();

export function addFiles(files: Iterable<File>): void {
  for (const file of files) void runUpload(crypto.randomUUID(), file);
}

export function retryUpload(id: string): void {
  const file = pendingFiles.get(id);
  if (file) void runUpload(id, file);
}

export function cancelUpload(id: string): void {
  void cairn().cancel(id);
}

/** Applies progress events from main to the uploads they belong to. */
export function followUploadProgress(): () => void {
  return cairn().on('op.progress', ({ opId, bytes }) => {
    useAppStore.getState().patchUpload(opId, { bytesDone: bytes });
  });
}

async function runUpload(id: string, file: File): Promise<void> {
  const { putUpload, patchUpload, notify } = useAppStore.getState();
  pendingFiles.set(id, file);
  putUpload({ id, name: file.name, size: file.size, bytesDone: 0, state: 'adding' });
  try {
    const added = await call('files.add', { opId: id, source: await toUploadSource(file) });
    pendingFiles.delete(id);
    patchUpload(id, { state: 'added', cid: added.cid, bytesDone: added.size });
  } catch (error) {
    if (error instanceof CallError && error.error.code === 'CANCELLED') {
      patchUpload(id, { state: 'cancelled' });
      return;
    }
    const message = messageOf(error);
    patchUpload(id, { state: 'failed', error: message });
    notify('error', `Could not add ${file.name}: ${message}`);
  }
}
