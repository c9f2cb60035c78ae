import type { UploadSource } from '../../../shared/ipc/contract';
import { MAX_INLINE_BYTES } from '../../../shared/ipc/limits';
import { cairn } from '../../app/api';

/**
 * The one place that knows the difference between the hosts: Electron gives a path that main
 * streams from disk; a browser has no paths, so the bytes are read and sent.
 */
export async function toUploadSource(file: File): Promise<UploadSource> {
  const path = cairn().pathForFile(file);
  if (path) return { kind: 'path', path };
  if (file.size > MAX_INLINE_BYTES) {
    throw new Error(
      `${file.name} is over 64 MiB, more than the browser harness sends inline. Add it from the desktop app.`,
    );
  }
  return { kind: 'bytes', name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}
