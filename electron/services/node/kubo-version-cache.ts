import { stat } from 'node:fs/promises';
import type { StoredFile } from '../store/data-store';
import { kuboVersion } from './kubo-binary';

/**
 * `ipfs version` costs a start of the Go binary (40-55 ms here, half of what the daemon itself takes
 * to be ready) on every node start. The answer is kept in `file` per binary, keyed by its path, size,
 * modification time, inode and status-change time, so that only a new or replaced binary is asked
 * again. The status-change time is the one that follows the content: no tool can set it back after
 * a rewrite in place (a modification time can be), and it comes with the same `stat`, at no cost.
 */
export function cachedKuboVersion(file: StoredFile<Record<string, string>>): (path: string) => Promise<string | null> {
  return async (path) => {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const key = `${path}|${info.size}|${info.mtimeMs}|${info.ino}|${info.ctimeMs}`;
    const known = file.get()[key];
    if (known) return known;
    const version = await kuboVersion(path);
    // Only the binaries seen this time are kept: the file never grows with old ones. A failed save
    // only means asking again next time.
    if (version) await file.set({ [key]: version }).catch(() => undefined);
    return version;
  };
}
