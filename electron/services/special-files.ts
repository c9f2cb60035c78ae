import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { unreadable } from './walk';

export type SpecialKind = 'fifo' | 'socket' | 'device';

const described: Record<SpecialKind, string> = {
  fifo: 'a named pipe (FIFO)',
  socket: 'a socket',
  device: 'a device',
};

/**
 * Opening a FIFO to read waits for a writer, for ever, where no cancel reaches: files are opened
 * without waiting (which changes nothing for a regular file) and refused once seen. Windows has no FIFOs.
 */
export const NO_WAIT = process.platform === 'win32' ? 0 : constants.O_NONBLOCK;

export function specialKind(info: Stats): SpecialKind | null {
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  return info.isCharacterDevice() || info.isBlockDevice() ? 'device' : null;
}

/** A FIFO, socket or device never ends (or blocks) when read: refused before anything waits on it. */
export function refuseSpecial(path: string, info: Stats): void {
  const kind = specialKind(info);
  if (kind) throw specialFile(path, kind);
}

export function specialFile(path: string, kind: SpecialKind): AppError {
  return new AppError('UNSUPPORTED', `${path} is ${described[kind]}: Cairn adds regular files and folders only.`, {
    path,
    problem: 'not-regular',
  });
}

/**
 * Opens a file to read it, whatever it became since it was walked: a file replaced by a FIFO
 * (or a socket, or a device) is refused instead of blocking its upload, its cancel and the app's quit.
 */
export async function openToRead(path: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | NO_WAIT).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  try {
    refuseSpecial(path, await handle.stat());
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
