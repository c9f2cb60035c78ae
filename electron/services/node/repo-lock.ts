import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface LockHolder {
  pid: number;
  command: string;
}

/**
 * Which process holds `repo.lock`, where the OS tells: Kubo takes a POSIX lock on it, and Linux lists
 * locks with the file's inode in /proc/locks. Elsewhere (or when unreadable) the answer is null.
 */
export async function findRepoLockHolder(repoPath: string): Promise<LockHolder | null> {
  try {
    const { ino } = await stat(join(repoPath, 'repo.lock'));
    const locks = await readFile('/proc/locks', 'utf8');
    for (const line of locks.split('\n')) {
      // e.g. "1: POSIX  ADVISORY  WRITE 4242 fe:01:1234567 0 EOF"
      const match = /^\d+:\s+(?:POSIX|FLOCK)\s+\S+\s+\S+\s+(\d+)\s+[0-9a-f]+:[0-9a-f]+:(\d+)\s/.exec(line);
      if (match?.[2] === String(ino)) {
        const pid = Number(match[1]);
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        return { pid, command: cmdline.split('\0').filter(Boolean).join(' ') || 'unknown' };
      }
    }
  } catch {
    // no lock file, or no /proc: nothing to tell
  }
  return null;
}
