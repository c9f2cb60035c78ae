import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { UploadSource } from '../../../shared/ipc/contract';
import { insideFolder } from '../files/inside-folder';
import { beginArrival } from './arrivals';

/**
 * Inline bytes (the browser harness, pasted text) are written to the data folder before they are
 * queued, so that every upload reads from disk and can be retried after a restart like any other.
 */
export const STAGING_FOLDER = 'upload-staging';

function stagingRoot(dataDir: string): string {
  return join(dataDir, STAGING_FOLDER);
}

/** Files the browser harness streamed to main, waiting for the enqueue that names them. */
const RECEIVED = 'received';

function receivedRoot(dataDir: string): string {
  return join(stagingRoot(dataDir), RECEIVED);
}

export function stagedPath(dataDir: string, id: string, name: string): string {
  return insideFolder(stagingRoot(dataDir), [id, name]);
}

/** Writes inline bytes (a file, or a folder's files and folders) to their staged path. */
export async function stage(path: string, source: Extract<UploadSource, { kind: 'bytes' | 'tree' }>): Promise<void> {
  if (source.kind === 'bytes') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, source.data);
    return;
  }
  await mkdir(path, { recursive: true });
  // Relative paths come from the renderer: each segment is checked, and no write leaves the folder.
  for (const folder of source.folders) await mkdir(insideFolder(path, folder.split('/')), { recursive: true });
  for (const file of source.files) {
    const target = insideFolder(path, file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.data);
  }
}

/**
 * Announces a file the browser harness is about to send, `size` bytes: creates it, empty, in the
 * data folder, where its bytes arrive through `fillArrival(id)` while its upload may already read
 * them. Gives its path.
 */
export async function receive(dataDir: string, id: string, name: string, size: number): Promise<string> {
  const path = insideFolder(receivedRoot(dataDir), [randomUUID(), name]);
  await mkdir(dirname(path), { recursive: true });
  await beginArrival(path, size, id);
  return path;
}

/** Whether an upload reads from its own staged copy (inline bytes, or a file the browser harness sent). */
export function isStagedCopy(dataDir: string, id: string, path: string): boolean {
  return dirname(path) === join(stagingRoot(dataDir), id);
}

/** Whether a path is a file `receive` wrote, which its upload takes over (see `adopt`). */
export function isReceived(dataDir: string, path: string): boolean {
  const inside = relative(receivedRoot(dataDir), path).split(sep);
  return inside.length === 2 && !inside.includes('..');
}

/** Moves a received file to its upload's staged path: a rename, no copy; it is then kept and removed like inline bytes. */
export async function adopt(received: string, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rename(received, path);
  await rm(dirname(received), { recursive: true, force: true });
}

/** Received files no upload took (the page went away between the two requests). */
export async function forgetReceived(dataDir: string): Promise<void> {
  await rm(receivedRoot(dataDir), { recursive: true, force: true });
}

export async function unstage(dataDir: string, id: string): Promise<void> {
  await rm(join(stagingRoot(dataDir), id), { recursive: true, force: true });
}

/**
 * Removes the staged copies of uploads not in `ids`: a stop between staging and saving the row, or
 * between saving a row's landing or its clear and removing the copy, leaves one that nothing else
 * would remove. One that cannot be removed now (a file another program holds open, on Windows) is
 * left for the next start, and its failure given back: it must not stop this one.
 */
export async function removeUnclaimed(
  dataDir: string,
  ids: ReadonlySet<string>,
): Promise<{ name: string; error: unknown }[]> {
  const names = await readdir(stagingRoot(dataDir)).catch(() => []);
  const failed: { name: string; error: unknown }[] = [];
  for (const name of names)
    if (name !== RECEIVED && !ids.has(name))
      await rm(join(stagingRoot(dataDir), name), { recursive: true, force: true }).catch((error: unknown) =>
        failed.push({ name, error }),
      );
  return failed;
}
