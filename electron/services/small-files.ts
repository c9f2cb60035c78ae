import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { startFsThread, type FsThread, type ReadFailure } from './fs-thread';
import { openToRead, specialFile } from './special-files';
import { unreadable } from './walk';

/** Files up to this size are read in one call (a folder of 10,000 JSON files). */
export const SMALL_FILE = 256 * 1024;
/** Files per message to the reading thread: one round trip, not one per file. */
const BATCH_FILES = 256;
/** Bytes per batch, at most (past one file larger than this alone): what a batch read ahead holds. */
const BATCH_BYTES = 4 * 1024 * 1024;
/** Below this many small files, reading them in turn costs less than starting a thread to read them. */
const THREAD_FROM_FILES = 128;

export interface SmallFile {
  path: string;
  size: number;
}

export function isSmallFile(entry: { type: string; size: number }): boolean {
  return entry.type === 'file' && entry.size <= SMALL_FILE;
}

/** One read of one byte more than expected: a file that grew or shrank since the walk is caught by name. */
export async function readSmallFile(entry: SmallFile): Promise<Buffer> {
  const handle = await openToRead(entry.path);
  try {
    const buffer = Buffer.allocUnsafe(entry.size + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, 0);
    if (bytesRead !== entry.size) throw fileChanged(entry, bytesRead);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** `found`: the bytes the file had when it was read (as many as were read, or its size then). */
export function fileChanged(entry: SmallFile, found: number): AppError {
  return new AppError(
    'FILE_CHANGED',
    `${entry.path} changed while it was being added (${entry.size} bytes when the upload began, ${found} when it was read). Retry to add it as it is now.`,
    { path: entry.path },
  );
}

/** Reads small files a batch at a time. */
export interface SmallFileReader {
  read(files: SmallFile[]): Promise<Buffer[]>;
  /** Each file's sha2-256 (32 bytes), hashed where it was read: the bytes need not cross. */
  digests(files: SmallFile[]): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

/**
 * A reader for this many small files: a thread for many (the one given, left open, or one of its
 * own), reads in this process for a few.
 */
export function smallFileReader(files: number, fs?: FsThread): SmallFileReader {
  if (files >= THREAD_FROM_FILES) return startSmallFileThread(fs);
  return {
    read: (batch) => Promise.all(batch.map(readSmallFile)),
    digests: (batch) =>
      Promise.all(
        batch.map(async (file) =>
          createHash('sha256')
            .update(await readSmallFile(file))
            .digest(),
        ),
      ),
    close: () => Promise.resolve(),
  };
}

/**
 * Small files read on a thread of their own: opening, reading and closing each on the main thread
 * through fs/promises cost three trips through the event loop and a FileHandle per file.
 */
export function startSmallFileThread(shared?: FsThread): SmallFileReader {
  const thread = shared ?? startFsThread();
  return {
    async read(files) {
      const answer = await thread.read(files);
      if ('failed' in answer) throw failure(files, answer.failed);
      let at = 0;
      return files.map((file) => {
        const bytes = Buffer.from(answer.bytes.buffer, at, file.size);
        at += file.size;
        return bytes;
      });
    },
    async digests(files) {
      const answer = await thread.digests(files);
      if ('failed' in answer) throw failure(files, answer.failed);
      return files.map((_, index) => answer.digests.subarray(32 * index, 32 * (index + 1)));
    },
    close: async () => {
      if (!shared) await thread.close();
    },
  };
}

function failure(files: SmallFile[], { index, bytesRead, special, code, message }: ReadFailure): AppError {
  const file = files[index] as SmallFile;
  if (special) return specialFile(file.path, special);
  return bytesRead === undefined
    ? unreadable(file.path, Object.assign(new Error(message), { code }))
    : fileChanged(file, bytesRead);
}

/**
 * Small files in the order they will be asked for, read in batches, the next batch asked for as
 * soon as one is: `read(index)` gives the bytes of `files[index]`. A batch is let go
 * once all its files have been taken.
 */
export function readAhead(files: SmallFile[], reader: SmallFileReader): (index: number) => Promise<Buffer> {
  return batchesAhead(files, (batch) => reader.read(batch));
}

/** As `readAhead`, each file's sha2-256 instead of its bytes. */
export function digestsAhead(files: SmallFile[], reader: SmallFileReader): (index: number) => Promise<Uint8Array> {
  return batchesAhead(files, (batch) => reader.digests(batch));
}

function batchesAhead<T>(
  files: SmallFile[],
  answer: (batch: SmallFile[]) => Promise<T[]>,
): (index: number) => Promise<T> {
  const batchOf: number[] = [];
  const batches: { first: number; files: SmallFile[] }[] = [];
  let bytes = Infinity;
  for (const [index, file] of files.entries()) {
    const last = batches.at(-1);
    if (!last || last.files.length === BATCH_FILES || bytes + file.size > BATCH_BYTES) {
      batches.push({ first: index, files: [file] });
      bytes = file.size;
    } else {
      last.files.push(file);
      bytes += file.size;
    }
    batchOf.push(batches.length - 1);
  }
  const reading = new Map<number, { read: Promise<T[]>; left: number }>();
  const started = new Set<number>();
  const start = (batch: number) => {
    const wanted = batches[batch];
    if (!wanted || started.has(batch)) return;
    started.add(batch);
    const read = answer(wanted.files);
    read.catch(() => undefined); // awaited by the reads of its files
    reading.set(batch, { read, left: wanted.files.length });
  };
  return async (index) => {
    const batch = batchOf[index];
    const first = batches[batch ?? -1]?.first;
    if (batch === undefined || first === undefined) throw new RangeError(`no small file ${index}`);
    start(batch);
    start(batch + 1);
    const entry = reading.get(batch);
    if (!entry) throw new RangeError(`small file ${index} was read already`);
    entry.left -= 1;
    if (entry.left === 0) reading.delete(batch);
    return (await entry.read)[index - first] as T;
  };
}
