import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { isAlive, processStart } from '../process-alive';
import { tempPathFor } from './atomic-write';
import { NOT_A_FILE, openInPlace, readInPlace } from './in-place';
import { storageError } from './storage-errors';

/**
 * In the data folder: the pid of the process whose services use it, a token of that start, and
 * when that process started (see processStart), to tell it from a later one given the same pid.
 */
export const LOCK_FILE = 'cairn.lock';

/**
 * The locks (and takeover claims) this process holds or is taking: one naming its pid that is not
 * among them was left by an earlier process given the same pid.
 */
const heldHere = new Set<string>();

export interface DataFolderLock {
  /** Removes the lock file, if it is still this start's. */
  release(): Promise<void>;
}

/**
 * Makes this process the only one whose services use `dir`: two would overwrite each other's
 * settings and lists. A folder another live process holds is refused (DATA_FOLDER_IN_USE, with the
 * folder and that pid); a lock left by a process that has ended is taken over.
 */
export async function lockDataFolder(dir: string): Promise<DataFolderLock> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  // The token makes each start's lock unlike any other, so a takeover never removes a newer lock.
  const mine = `${process.pid}\n${randomBytes(8).toString('hex')}\n${processStart(process.pid) ?? ''}\n`;
  // The lock appears whole, by a link to a file already written: no one ever reads half of one.
  const temp = tempPathFor(file);
  let holder: number | null;
  heldHere.add(mine);
  try {
    const handle = await openInPlace(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.writeFile(mine, 'utf8');
    } finally {
      await handle.close();
    }
    holder = await take(file, temp);
  } catch (error) {
    heldHere.delete(mine);
    // Said as the store says it: a full disk as DISK_FULL, with the path, not a bare ENOSPC.
    throw storageError(error, file);
  } finally {
    await rm(temp, { force: true });
  }
  if (holder !== null) {
    heldHere.delete(mine);
    throw new AppError(
      'DATA_FOLDER_IN_USE',
      `Another Cairn (process ${holder}) is using the data folder ${dir}; two would overwrite each other's settings. Quit it first, or start this one with another data folder (CAIRN_DATA_DIR). If no other Cairn runs, that process number now belongs to another program: remove ${file} and start again.`,
      { path: dir, pid: holder },
    );
  }
  return {
    async release() {
      if ((await readLock(file)) === mine) await rm(file, { force: true });
      heldHere.delete(mine);
    },
  };
}

/**
 * Links `temp` as `file` unless a live process holds `file`, whose pid it returns. A file whose
 * holder has ended is removed by one process only: the one that creates its takeover claim, taken
 * the same way (so that a claim whose process died is itself taken over).
 */
async function take(file: string, temp: string): Promise<number | null> {
  for (;;) {
    if (await linkNew(temp, file)) return null;
    const held = await readLock(file);
    if (held === null) continue;
    const pid = liveHolder(held);
    if (pid !== null) return pid;
    const claim = `${file}.${createHash('sha256').update(held).digest('hex').slice(0, 16)}.takeover`;
    const claimant = await take(claim, temp);
    if (claimant !== null) return claimant;
    try {
      // Still the lock that was read: no one else may remove it, and no one else can have replaced it.
      if ((await readLock(file)) === held) await removeEnded(file);
    } finally {
      await rm(claim, { force: true });
    }
  }
}

/** A link never replaces what is there, nor follows a symbolic link in its place. */
async function linkNew(existing: string, file: string): Promise<boolean> {
  try {
    await link(existing, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * The lock's text, or null when there is none. A symbolic link is not followed, and a folder, a FIFO
 * or a socket is no lock: each reads as empty, held by no one.
 */
async function readLock(file: string): Promise<string | null> {
  try {
    return await readInPlace(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP' || code === 'EISDIR' || code === NOT_A_FILE) return '';
    throw error;
  }
}

/** Removes a lock whose holder has ended; a folder in its place is set aside, never deleted with what it holds. */
async function removeEnded(file: string): Promise<void> {
  try {
    await rm(file, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_FS_EISDIR') throw error;
    await rename(file, `${file}.unreadable-${Date.now()}`);
  }
}

/** The pid of the process holding a lock, or null when that process has ended (or the lock names none). */
function liveHolder(text: string): number | null {
  const [first = '', , started = ''] = text.split('\n');
  const pid = Number(/^\d+$/.exec(first)?.[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  if (pid === process.pid) return heldHere.has(text) ? pid : null;
  const now = started ? processStart(pid) : null;
  return now === null || now === started ? pid : null;
}
