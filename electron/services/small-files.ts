import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { unreadable } from './walk';

/** Files up to this size are read in one call (a folder of 10,000 JSON files). */
const SMALL_FILE = 256 * 1024;
/** Files per message to the reading thread: one round trip, not one per file. */
const BATCH_FILES = 256;
/** Bytes per batch, at most (past one file larger than this alone): what a batch read ahead holds. */
const BATCH_BYTES = 4 * 1024 * 1024;

export interface SmallFile {
  path: string;
  size: number;
}

export function isSmallFile(entry: { type: string; size: number }): boolean {
  return entry.type === 'file' && entry.size <= SMALL_FILE;
}

/** One read of one byte more than expected: a file that grew or shrank since the walk is caught by name. */
export async function readSmallFile(entry: SmallFile): Promise<Buffer> {
  const handle = await open(entry.path, 'r').catch((error: unknown) => {
    throw unreadable(entry.path, error);
  });
  try {
    const buffer = Buffer.allocUnsafe(entry.size + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, 0);
    if (bytesRead !== entry.size) throw fileChanged(entry, bytesRead);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function fileChanged(entry: SmallFile, read: number): AppError {
  return new AppError(
    'FILE_CHANGED',
    `${entry.path} changed while it was being added (${entry.size} bytes when the upload began, ${read} read). Retry to add it as it is now.`,
  );
}

/** A thread that reads small files a batch at a time. */
export interface SmallFileThread {
  read(files: SmallFile[]): Promise<Buffer[]>;
  close(): Promise<void>;
}

// Plain JavaScript evaluated by the worker (as the hash pool's), so it runs the same under Node,
// vitest and Electron's bundle. Each file is read into one buffer for the batch, one byte more than
// expected (the next file's read overwrites it), and the batch's buffer is moved back, not copied.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
parentPort.on('message', ({ id, files }) => {
  const into = Buffer.allocUnsafeSlow(files.reduce((sum, file) => sum + file.size, 0) + 1);
  let at = 0;
  for (const [index, file] of files.entries()) {
    let fd;
    try {
      fd = openSync(file.path, 'r');
      const bytesRead = readSync(fd, into, at, file.size + 1, 0);
      if (bytesRead !== file.size) return parentPort.postMessage({ id, failed: { index, bytesRead } });
    } catch (error) {
      return parentPort.postMessage({ id, failed: { index, code: error.code, message: error.message } });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    at += file.size;
  }
  const bytes = new Uint8Array(into.buffer, 0, at + 1);
  parentPort.postMessage({ id, bytes }, [into.buffer]);
});
`;

type Answer =
  | { id: number; bytes: Uint8Array<ArrayBuffer> }
  | { id: number; failed: { index: number; bytesRead?: number; code?: string; message?: string } };

/**
 * Small files read on a thread of their own: opening, reading and closing each on the main thread
 * through fs/promises cost three trips through the event loop and a FileHandle per file.
 */
export function startSmallFileThread(): SmallFileThread {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const pending = new Map<
    number,
    { files: SmallFile[]; resolve: (files: Buffer[]) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (answer: Answer) => {
    const batch = pending.get(answer.id);
    pending.delete(answer.id);
    if (!batch) return;
    if ('failed' in answer) {
      const { index, bytesRead, code, message } = answer.failed;
      const file = batch.files[index] as SmallFile;
      batch.reject(
        bytesRead === undefined
          ? unreadable(file.path, Object.assign(new Error(message), { code }))
          : fileChanged(file, bytesRead),
      );
      return;
    }
    let at = 0;
    batch.resolve(
      batch.files.map((file) => {
        const bytes = Buffer.from(answer.bytes.buffer, at, file.size);
        at += file.size;
        return bytes;
      }),
    );
  });
  worker.on('error', (error) => failAll(new Error(`the file reading thread failed: ${error.message}`)));
  worker.on('exit', (code) => failAll(new Error(`the file reading thread stopped (exit code ${code})`)));
  return {
    read(files) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { files, resolve, reject });
        worker.postMessage({ id, files: files.map(({ path, size }) => ({ path, size })) });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/**
 * Small files in the order they will be asked for, read by the thread in batches, the next batch
 * asked for as soon as one is: `read(index)` gives the bytes of `files[index]`. A batch is let go
 * once all its files have been taken.
 */
export function readAhead(files: SmallFile[], thread: SmallFileThread): (index: number) => Promise<Buffer> {
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
  const reading = new Map<number, { read: Promise<Buffer[]>; left: number }>();
  const started = new Set<number>();
  const start = (batch: number) => {
    const wanted = batches[batch];
    if (!wanted || started.has(batch)) return;
    started.add(batch);
    const read = thread.read(wanted.files);
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
    return (await entry.read)[index - first] as Buffer;
  };
}
