import { open as openFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { AddedFile, UploadSource } from '../../../shared/ipc/contract';
import type { RpcTarget } from '../node/remote';
import { addStream } from './kubo-add';

export interface AddFileOptions {
  signal: AbortSignal;
  progress(bytes: number, totalBytes: number | null): void;
}

/**
 * Adds one file to the node, pinned, with the node's import settings. A path is streamed from
 * disk, so memory stays flat whatever the size; bytes come from the browser harness.
 */
export async function addFile(target: RpcTarget, source: UploadSource, options: AddFileOptions): Promise<AddedFile> {
  const { name, content, size } = await openSource(source);
  const added = await addStream(
    target,
    { name, content },
    {
      signal: options.signal,
      progress: (bytes) => options.progress(bytes, size),
    },
  );
  return { cid: added.cid, name, size };
}

async function openSource(
  source: UploadSource,
): Promise<{ name: string; content: Iterable<Uint8Array> | AsyncIterable<Uint8Array>; size: number }> {
  if (source.kind === 'bytes') return { name: source.name, content: [source.data], size: source.data.byteLength };
  // Opening first turns permission and existence problems into a clear error before Kubo is involved.
  const handle = await openFile(source.path, 'r').catch((error: unknown) => {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new AppError('FILE_UNREADABLE', `Cannot read ${source.path}: ${code ?? message}`);
  });
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new AppError('FILE_UNREADABLE', `${source.path} is not a regular file.`);
  }
  return {
    name: basename(source.path),
    content: handle.createReadStream(),
    size: info.size,
  };
}
