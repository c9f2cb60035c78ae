import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { UploadSource } from '../../../shared/ipc/contract';
import { insideFolder } from '../files/inside-folder';

/**
 * Inline bytes (the browser harness, pasted text) are written to the data folder before they are
 * queued, so that every upload reads from disk and can be retried after a restart like any other.
 */
function stagingRoot(dataDir: string): string {
  return join(dataDir, 'upload-staging');
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

export async function unstage(dataDir: string, id: string): Promise<void> {
  await rm(join(stagingRoot(dataDir), id), { recursive: true, force: true });
}
