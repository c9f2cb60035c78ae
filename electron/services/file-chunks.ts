import type { Stats } from 'node:fs';
import { fileChanged, type SmallFile } from './small-files';
import { openToRead } from './special-files';

export interface ChunkReading {
  /** Bytes per read. */
  chunk: number;
  /** The buffer a read goes into: a recycled one, or a fresh one where the reader keeps what it is given. */
  take(bytes: number): Buffer;
  /** A buffer taken and not handed on. */
  give?(buffer: Buffer): void;
  /**
   * For a file whose bytes may still be arriving, known by its stats once opened: waits until its
   * first `bytes` are on disk. Such a file grows while it is read, as it should.
   */
  arriving?(info: Stats): ((bytes: number) => Promise<void>) | undefined;
}

/**
 * A file's bytes as its walk sized them: exactly `size`, in chunks, then one byte past the end to
 * be sure it ends there. A file that grew, shrank or was rewritten meanwhile fails by name, before
 * anything past its size is read: what an upload sends and counts is never more than the file it
 * announced, nor less with no word.
 */
export async function* fileChunks(file: SmallFile, reading: ChunkReading): AsyncGenerator<Buffer> {
  const handle = await openToRead(file.path);
  try {
    const before = await handle.stat();
    const arrived = reading.arriving?.(before);
    let read = 0;
    while (read < file.size) {
      const wanted = Math.min(reading.chunk, file.size - read);
      await arrived?.(read + wanted);
      const buffer = reading.take(reading.chunk);
      const { bytesRead } = await handle.read(buffer, 0, wanted, read);
      if (bytesRead === 0) {
        reading.give?.(buffer);
        throw fileChanged(file, read);
      }
      read += bytesRead;
      yield bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead);
    }
    const past = await handle.read(Buffer.alloc(1), 0, 1, file.size);
    const after = await handle.stat();
    const rewritten = !arrived && (after.size !== before.size || after.mtimeMs !== before.mtimeMs);
    if (past.bytesRead > 0 || rewritten) throw fileChanged(file, Math.max(after.size, read));
  } finally {
    await handle.close();
  }
}
