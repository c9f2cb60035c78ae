import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, symlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import { quoted, withoutDeceptive } from '../../../shared/hidden-characters';
import type { Exported } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import type { Dialogs } from '../platform';
import { folderLinks } from './folder-links';
import { insideFolder, shownInsideFolder } from './inside-folder';
import { statPath } from './mfs';

const STREAM_TIMEOUT_MS = 12 * 60 * 60_000;

export interface ExportOptions {
  signal: AbortSignal;
  progress(bytes: number, totalBytes: number | null): void;
}

/**
 * Writes an MFS item to disk where the OS dialog says: a file streamed from `cat`, a folder as a
 * folder (walked entry by entry, its symbolic links as links), or anything as a CAR from `dag/export`. Nothing is held whole in
 * memory, and a cancelled or failed export leaves no partial file or folder behind.
 */
export async function exportItem(
  kubo: KuboClient,
  dialogs: Dialogs,
  path: string,
  as: 'content' | 'car',
  options: ExportOptions,
): Promise<Exported> {
  const item = await statPath(kubo, path);
  const name = path === '/' ? 'files' : item.name;
  const kind = as === 'content' && item.type === 'folder' ? 'folder' : 'file';
  // The dialog offers the name without what would make it read as another ("invoice\u202Efdp.exe"
  // shows as "invoiceexe.pdf"): the person sees the real extension and confirms or changes it.
  const offered = withoutDeceptive(name) || 'file';
  const chosen =
    kind === 'folder'
      ? ((await dialogs.choosePaths({ kind: 'folder', multiple: false }))[0] ?? null)
      : await dialogs.chooseSavePath({
          title: `Save ${quoted(name)}`,
          defaultName: as === 'car' ? `${offered}.car` : offered,
          filters: [],
        });
  if (!chosen) return { destination: null, bytes: 0, files: 0 };
  const destination = kind === 'folder' ? shownInsideFolder(chosen, [name]) : chosen;
  if (kind === 'folder' && (await exists(destination))) {
    throw new AppError('ALREADY_EXISTS', `${destination} already exists; choose another folder.`, { destination });
  }
  // Named after where it goes, not after the name from IPFS: beside the destination, never elsewhere.
  const partial = insideFolder(dirname(destination), [`.${basename(destination)}.cairn-part`]);
  const counter = { bytes: 0, files: 0 };
  const total = item.type === 'file' || as === 'car' ? item.size : null;
  const count = (bytes: number) => {
    counter.bytes += bytes;
    options.progress(counter.bytes, total);
  };
  try {
    // Whatever is at the working name (a part left by a crash, a link planted there) goes first: the
    // export creates its own, never writing through what it found.
    await rm(partial, { recursive: true, force: true });
    if (as === 'car') await download(kubo, 'dag/export', item.cid, partial, options.signal, count);
    else if (item.type === 'file') await downloadFile(kubo, item.cid, item.size, partial, options.signal, count);
    else await downloadFolder(kubo, item.cid, partial, options.signal, count, counter);
    if (as === 'car' || item.type === 'file') counter.files = 1;
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code && !(error instanceof AppError) && code !== 'ABORT_ERR') {
      throw new AppError('FILE_UNWRITABLE', `Cannot write to ${destination}: ${code}`, { destination });
    }
    throw error;
  }
  return { destination, bytes: counter.bytes, files: counter.files };
}

async function downloadFile(
  kubo: KuboClient,
  cid: string,
  size: number,
  file: string,
  signal: AbortSignal,
  count: (bytes: number) => void,
): Promise<void> {
  const written = await download(kubo, 'cat', cid, file, signal, count);
  // Kubo reports an error met mid-stream only in a trailer, which fetch hides: the length tells.
  if (written !== size) {
    throw new AppError('NODE_ERROR', `The node sent ${written} of ${size} bytes of ${cid}; the export is incomplete.`, {
      action: 'export',
    });
  }
}

async function downloadFolder(
  kubo: KuboClient,
  cid: string,
  folder: string,
  signal: AbortSignal,
  count: (bytes: number) => void,
  counter: { files: number },
): Promise<void> {
  await mkdir(folder);
  for await (const entry of folderLinks(kubo, cid, { timeoutMs: STREAM_TIMEOUT_MS, signal })) {
    // Names come from the DAG, which anyone can craft: never let one leave the folder.
    const inside = shownInsideFolder(folder, [entry.name]);
    if (entry.type === 'folder') {
      await downloadFolder(kubo, entry.cid, inside, signal, count, counter);
    } else if (entry.symlink) {
      // As `ipfs get` writes it; a link is never followed by what comes after it ('wx', mkdir refuse one there).
      const target = await kubo.bytes('cat', { arg: entry.cid }, { timeoutMs: STREAM_TIMEOUT_MS, signal });
      await symlink(new TextDecoder().decode(target), inside);
      counter.files += 1;
    } else {
      await downloadFile(kubo, entry.cid, entry.size ?? 0, inside, signal, count);
      counter.files += 1;
    }
  }
}

/** Streams one Kubo answer into a file; returns the bytes written. */
async function download(
  kubo: KuboClient,
  command: 'cat' | 'dag/export',
  cid: string,
  file: string,
  signal: AbortSignal,
  count: (bytes: number) => void,
): Promise<number> {
  const body = await kubo.stream(command, { arg: cid }, { timeoutMs: STREAM_TIMEOUT_MS, signal });
  let written = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      count(chunk.length);
      done(null, chunk);
    },
  });
  // 'wx': a new file only, so that a name already there (a link, a duplicate in a crafted folder) is an error.
  await pipeline(Readable.fromWeb(body as never), counting, createWriteStream(file, { flags: 'wx' }), { signal });
  return written;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
