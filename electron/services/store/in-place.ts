import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * The data folder's files are opened without following a symbolic link: a link planted in a
 * file's place must not lead Cairn to read, append to or cut short a file elsewhere. (Windows has
 * no such flag; creating a link there takes an administrator.)
 */
const NO_FOLLOW = process.platform === 'win32' ? 0 : constants.O_NOFOLLOW;

/** Opens the file itself, never what a link in its place points to: a link is refused, saying so. */
export async function openInPlace(path: string, flags: number, mode?: number): Promise<FileHandle> {
  try {
    return await open(path, flags | NO_FOLLOW, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    throw Object.assign(new Error('it is a symbolic link, which Cairn does not follow', { cause: error }), {
      code: 'ELOOP',
    });
  }
}

export async function readInPlace(path: string): Promise<string> {
  const handle = await openInPlace(path, constants.O_RDONLY);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

export async function truncateInPlace(path: string, length: number): Promise<void> {
  const handle = await openInPlace(path, constants.O_WRONLY);
  try {
    await handle.truncate(length);
  } finally {
    await handle.close();
  }
}
