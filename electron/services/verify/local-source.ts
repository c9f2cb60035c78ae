import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportCandidate } from 'ipfs-unixfs-importer';
import { AppError } from '../../../shared/errors';
import type { VerifySource } from '../../../shared/ipc/contract';

interface ReadOptions {
  hidden: boolean;
  onBytes: (count: number) => void;
  signal: AbortSignal;
}

export interface LocalInput {
  name: string;
  folder: boolean;
  totalBytes: number;
  /** Every entry, paths under `name`; file contents are read only when the importer gets to them. */
  candidates: (options: ReadOptions) => Iterable<ImportCandidate> | AsyncIterable<ImportCandidate>;
}

/**
 * One shape for both hosts: a path on disk is walked and streamed (Electron), bytes sent by the
 * browser harness are used as they are. Either way the importer sees the same candidates.
 */
export async function openLocalInput(source: VerifySource): Promise<LocalInput> {
  if (source.kind === 'bytes') return bytesInput(source);
  const info = await lstat(source.path).catch((error: unknown) => {
    throw new AppError(
      'FILE_UNREADABLE',
      `Cannot read ${source.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  });
  const name = basename(source.path);
  if (info.isFile()) {
    return {
      name,
      folder: false,
      totalBytes: info.size,
      candidates: (options) => [{ path: name, content: fileContent(source.path, options) }],
    };
  }
  if (!info.isDirectory()) throw new AppError('FILE_UNREADABLE', `${source.path} is neither a file nor a folder.`);
  return {
    name,
    folder: true,
    totalBytes: await folderSize(source.path),
    candidates: (options) => walk(source.path, name, options),
  };
}

function bytesInput(source: Extract<VerifySource, { kind: 'bytes' }>): LocalInput {
  const total = source.entries.reduce((sum, entry) => sum + entry.data.byteLength, 0);
  return {
    name: source.name,
    folder: source.folder,
    totalBytes: total,
    candidates: ({ hidden, onBytes }) => bytesCandidates(source, hidden, onBytes),
  };
}

function* bytesCandidates(
  source: Extract<VerifySource, { kind: 'bytes' }>,
  hidden: boolean,
  onBytes: (count: number) => void,
): Iterable<ImportCandidate> {
  if (!source.folder) {
    const [only] = source.entries;
    if (only) yield { path: source.name, content: counted([only.data], onBytes) };
    return;
  }
  for (const entry of source.entries) {
    if (!hidden && entry.path.split('/').some((part) => part.startsWith('.'))) continue;
    yield { path: `${source.name}/${entry.path}`, content: counted([entry.data], onBytes) };
  }
}

/** Like `ipfs add -r`: sorted names, empty folders kept, symlinks as symlinks, dot files only when asked. */
async function* walk(dir: string, prefix: string, options: ReadOptions): AsyncIterable<ImportCandidate> {
  const names = (await readdir(dir)).sort();
  let any = false;
  for (const name of names) {
    if (!options.hidden && name.startsWith('.')) continue;
    options.signal.throwIfAborted();
    const full = join(dir, name);
    const path = `${prefix}/${name}`;
    const info = await lstat(full);
    any = true;
    if (info.isSymbolicLink()) yield { path, link: await readlink(full) } as ImportCandidate;
    else if (info.isDirectory()) yield* walk(full, path, options);
    else if (info.isFile()) yield { path, content: fileContent(full, options) };
  }
  if (!any) yield { path: prefix };
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await lstat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function fileContent(path: string, options: ReadOptions): AsyncIterable<Uint8Array> {
  return counted(
    {
      [Symbol.asyncIterator]: () =>
        (createReadStream(path, { highWaterMark: 1024 * 1024, signal: options.signal }) as AsyncIterable<Uint8Array>)[
          Symbol.asyncIterator
        ](),
    },
    options.onBytes,
  );
}

async function* counted(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  onBytes: (count: number) => void,
): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}
