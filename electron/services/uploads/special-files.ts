import type { Stats } from 'node:fs';
import { AppError } from '../../../shared/errors';

/** A FIFO, socket or device never ends (or blocks) when read: refused before anything waits on it. */
export function refuseSpecial(path: string, info: Stats): void {
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : null;
  if (kind) {
    throw new AppError('UNSUPPORTED', `${path} is ${kind}: Cairn adds regular files and folders only.`, {
      path,
      problem: 'not-regular',
    });
  }
}
