import { AppError } from '../../../shared/errors';
import type { MfsEntryType, MfsStat, Removed } from '../../../shared/ipc/contract';
import { baseName, isWithin, joinPath, parentOf } from '../../../shared/mfs-path';
import type { KuboClient } from '../kubo/kubo-client';
import type { MfsChanges } from './mfs-changes';
import { quoted } from '../../../shared/hidden-characters';

interface KuboStat {
  Hash: string;
  Size: number;
  CumulativeSize: number;
  Type: string;
}

/** One MFS path's CID, type and size; NOT_FOUND when nothing is there. */
export async function statPath(kubo: KuboClient, path: string): Promise<MfsStat> {
  const stat = await kubo.call<KuboStat>('files/stat', { arg: path }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw new AppError('NOT_FOUND', `Nothing is at ${path} in Files.`, { path });
    }
    throw error;
  });
  const type: MfsEntryType = stat.Type === 'directory' ? 'folder' : 'file';
  return {
    path,
    name: path === '/' ? '/' : baseName(path),
    type,
    size: type === 'folder' ? stat.CumulativeSize : stat.Size,
    cid: stat.Hash,
  };
}

export async function makeFolder(
  kubo: KuboClient,
  changes: MfsChanges,
  folder: string,
  name: string,
): Promise<MfsStat> {
  await expectFolder(kubo, folder);
  const path = joinPath(folder, name);
  await refuseTaken(kubo, path);
  await kubo.call('files/mkdir', { arg: path });
  changes.notifyChanged(folder);
  return statPath(kubo, path);
}

/** Rename (same folder, new name) and move (another folder) are one operation, as in `files/mv`. */
export async function movePath(
  kubo: KuboClient,
  changes: MfsChanges,
  from: string,
  toFolder: string,
  name: string,
): Promise<MfsStat> {
  if (from === '/')
    throw new AppError('VALIDATION', 'The root folder cannot be moved or renamed.', { problem: 'root-move' });
  const to = joinPath(toFolder, name);
  if (to === from) return statPath(kubo, from);
  if (isWithin(toFolder, from)) {
    throw new AppError('VALIDATION', `${baseName(from)} cannot be moved into itself.`, {
      from,
      toFolder,
      problem: 'into-itself',
    });
  }
  await statPath(kubo, from);
  await expectFolder(kubo, toFolder);
  // files/mv onto an existing folder would move the item inside it: refuse instead.
  await refuseTaken(kubo, to);
  await kubo.call('files/mv', [
    ['arg', from],
    ['arg', to],
  ]);
  changes.notifyChanged(parentOf(from));
  if (toFolder !== parentOf(from)) changes.notifyChanged(toFolder);
  return statPath(kubo, to);
}

/** Removes an item from Files and, when asked, the node's own recursive pin of its CID. */
export async function removePath(
  kubo: KuboClient,
  changes: MfsChanges,
  path: string,
  unpin: boolean,
): Promise<Omit<Removed, 'stillPinnedAs'>> {
  if (path === '/') throw new AppError('VALIDATION', 'The root folder cannot be deleted.', { problem: 'root-delete' });
  const { cid } = await statPath(kubo, path);
  // files/rm answers 200 even for a missing path, so the stat above is what reports NOT_FOUND.
  await kubo.call('files/rm', { arg: path, recursive: 'true' });
  changes.notifyChanged(parentOf(path));
  const unpinned = unpin && (await unpinRecursive(kubo, cid));
  return { path, cid, unpinned };
}

/** True when a recursive pin of the CID was there and is removed; other pins are left. */
async function unpinRecursive(kubo: KuboClient, cid: string): Promise<boolean> {
  try {
    await kubo.call('pin/rm', { arg: cid, recursive: 'true' });
    return true;
  } catch (error) {
    if (error instanceof AppError && /not pinned|pinned indirectly|is pinned directly/i.test(error.message))
      return false;
    throw error;
  }
}

async function expectFolder(kubo: KuboClient, folder: string): Promise<void> {
  const stat = await statPath(kubo, folder);
  if (stat.type !== 'folder')
    throw new AppError('VALIDATION', `${folder} is a file, not a folder.`, { path: folder, problem: 'not-a-folder' });
}

async function refuseTaken(kubo: KuboClient, path: string): Promise<void> {
  const taken = await statPath(kubo, path).then(
    () => true,
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
      throw error;
    },
  );
  if (taken) {
    throw new AppError('ALREADY_EXISTS', `${parentOf(path)} already has an item named ${quoted(baseName(path))}.`, {
      path,
    });
  }
}
