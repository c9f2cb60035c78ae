import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * The data folder's files are opened without following a symbolic link: a link planted in a
 * file's place must not lead Cairn to read, append to or cut short a file elsewhere. (Windows has
 * no such flag; creating a link there takes an administrator.)
 */
const NO_FOLLOW = process.platform === 'win32' ? 0 : constants.O_NOFOLLOW;
/**
 * Nor do they wait: opening a FIFO (named pipe) waits for a process at its other end, which may
 * never come, and held start-up for good. Regular files ignore the flag.
 */
const NO_WAIT = process.platform === 'win32' ? 0 : constants.O_NONBLOCK;

/** The code of the error saying that what stands in a file's place is not a regular file. */
export const NOT_A_FILE = 'ENOTFILE';

/**
 * Opens the file itself, never what a link in its place points to: a link is refused, saying so,
 * and so is a FIFO, a socket or a device (a folder is left to fail as it does, on its first read).
 */
export async function openInPlace(path: string, flags: number, mode?: number): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, flags | NO_FOLLOW | NO_WAIT, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw Object.assign(new Error('it is a symbolic link, which Cairn does not follow', { cause: error }), {
        code: 'ELOOP',
      });
    }
    // A socket, or a FIFO opened for writing while nothing reads it.
    if (code === 'ENXIO') throw notAFile(error);
    throw error;
  }
  const found = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (found.isFile() || found.isDirectory()) return handle;
  await handle.close();
  throw notAFile();
}

const notAFile = (cause?: unknown) =>
  Object.assign(
    new Error('it is not a regular file (a named pipe, a socket or a device), which Cairn does not read', { cause }),
    { code: NOT_A_FILE },
  );

export async function readInPlace(path: string): Promise<string> {
  return (await readBytesInPlace(path)).toString('utf8');
}

export async function readBytesInPlace(path: string): Promise<Buffer> {
  const handle = await openInPlace(path, constants.O_RDONLY);
  try {
    return await handle.readFile();
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
