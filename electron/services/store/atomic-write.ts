import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from '../process-alive';

/** `<name>.<pid>.<8 hex>.tmp`: what a write leaves behind only if the process dies mid-way. */
const TEMP_FILE = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** Windows refuses a rename while an antivirus or indexer holds the target open; it lets go within moments. */
const RENAME_REFUSALS = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RENAME_ATTEMPTS = 6;
/** What a file system that cannot flush a folder answers: the rename is done, only not flushed. */
const FOLDER_SYNC_REFUSALS = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EISDIR', 'EBADF']);

/** A temporary file beside `file`, named for this process: removeTempFiles clears it if the process dies. */
export function tempPathFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Writes a file so that a crash leaves either the old one or the new one, never half of each:
 * a temporary file beside it, flushed to disk, then renamed over the target, and the rename
 * flushed too. The temporary file is removed whatever fails.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(file));
}

/**
 * Flushes a folder's entries, so that a rename into it survives a power cut: until then only the
 * file's bytes are sure to be on disk, and a journal emptied after its snapshot was renamed into
 * place could outlive that rename on file systems that reorder (btrfs, APFS). Windows cannot open
 * a folder for this and orders renames itself; some file systems (network, FUSE) refuse it, and
 * the write is then as durable as they make it.
 */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch((error: unknown) => {
      if (!FOLDER_SYNC_REFUSALS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    });
  } finally {
    await handle.close();
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !RENAME_REFUSALS.has(code) || attempt >= RENAME_ATTEMPTS) throw error;
      await sleep(20 * 2 ** attempt);
    }
  }
}

/**
 * Removes the temporary files a killed process left in `dir`; returns their names. One whose
 * process still runs (another Cairn on the same folder) may be a write under way, and stays. So
 * does one that cannot be removed, or a folder of that name (no write of Cairn's makes one, and
 * what it holds is not Cairn's to delete): neither stops the start.
 */
export async function removeTempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  const stale = names.filter((name) => {
    const owner = TEMP_FILE.exec(name)?.[1];
    return owner !== undefined && !isAlive(Number(owner));
  });
  const removed = await Promise.all(
    stale.map((name) =>
      rm(join(dir, name), { force: true }).then(
        () => name,
        () => null,
      ),
    ),
  );
  return removed.filter((name) => name !== null).map((name) => basename(name));
}
