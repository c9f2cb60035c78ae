import { execFile } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A small disk of its own (tmpfs) mounted at `dir`; null once mounted, else why it could not be
 * (mounting takes root: CI has it, a developer's machine may not).
 */
export async function mountSmallDisk(dir: string, size: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    await run('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    return null;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${String(error).split('\n')[0] ?? ''})`;
  }
}

export async function unmountSmallDisk(dir: string): Promise<void> {
  await run('umount', [dir]).catch(() => undefined);
}

/** Fills the disk holding `dir` to the last byte (down to one-byte writes, so no page is left free). */
export async function fillDisk(dir: string): Promise<string> {
  const filler = join(dir, 'filler');
  const handle = await open(filler, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size);
      await (async () => {
        for (;;) await handle.write(chunk);
      })().catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      });
    }
  } finally {
    await handle.close();
  }
  return filler;
}
