import { Worker } from 'node:worker_threads';
import { NO_WAIT, specialKind, type SpecialKind } from './special-files';

/** What the thread answers for each path it was asked to lstat. */
export type LstatAnswer =
  { kind: 'file' | 'folder' | 'symlink' | 'other'; size: number } | { kind: 'error'; code?: string; message: string };

/** A file it could not read whole: `bytesRead` when it read a size other than the one given. */
export interface ReadFailure {
  index: number;
  bytesRead?: number;
  /** What it is instead of a regular file (it became one since it was walked). */
  special?: SpecialKind;
  code?: string;
  message?: string;
}

/**
 * Synchronous file-system work on a thread of its own, a batch per message: each lstat, open or read
 * through fs/promises costs the main thread a trip through libuv's pool and the event loop (about
 * 9 µs an lstat, three trips to read a small file), which a folder of 10,000 files multiplies.
 */
export interface FsThread {
  lstat(paths: string[]): Promise<LstatAnswer[]>;
  /**
   * The files' bytes end to end in one buffer (moved here, not copied), each read to one byte past
   * its given size so that a file that grew is caught; or the first file that failed.
   */
  read(files: { path: string; size: number }[]): Promise<{ bytes: Uint8Array<ArrayBuffer> } | { failed: ReadFailure }>;
  /** As `read`, hashed here: each file's sha2-256, 32 bytes each, end to end; or the first file that failed. */
  digests(
    files: { path: string; size: number }[],
  ): Promise<{ digests: Uint8Array<ArrayBuffer> } | { failed: ReadFailure }>;
  close(): Promise<void>;
}

// Plain JavaScript evaluated by the worker (as the hash pool's), so it runs the same under Node,
// vitest and Electron's bundle, with no second entry point to build.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync, lstatSync, fstatSync, constants } = require('node:fs');
const { createHash } = require('node:crypto');
const specialKind = ${specialKind.toString()};
const work = {
  lstat(paths) {
    const answer = paths.map((path) => {
      try {
        const info = lstatSync(path);
        const kind = info.isSymbolicLink() ? 'symlink' : info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
        return { kind, size: info.size };
      } catch (error) {
        return { kind: 'error', code: error.code, message: error.message };
      }
    });
    return { answer };
  },
  read(files) {
    const into = Buffer.allocUnsafeSlow(files.reduce((sum, file) => sum + file.size, 0) + 1);
    let at = 0;
    for (const [index, file] of files.entries()) {
      let fd;
      try {
        fd = openSync(file.path, constants.O_RDONLY | ${NO_WAIT});
        const special = specialKind(fstatSync(fd));
        if (special) return { answer: { failed: { index, special } } };
        const bytesRead = readSync(fd, into, at, file.size + 1, 0);
        if (bytesRead !== file.size) return { answer: { failed: { index, bytesRead } } };
      } catch (error) {
        return { answer: { failed: { index, code: error.code, message: error.message } } };
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
      at += file.size;
    }
    return { answer: { bytes: new Uint8Array(into.buffer, 0, at + 1) }, transfer: [into.buffer] };
  },
  digests(files) {
    const { answer } = work.read(files);
    if (answer.failed) return { answer };
    const digests = new Uint8Array(32 * files.length);
    let at = 0;
    for (const [index, file] of files.entries()) {
      digests.set(createHash('sha256').update(answer.bytes.subarray(at, at + file.size)).digest(), 32 * index);
      at += file.size;
    }
    return { answer: { digests }, transfer: [digests.buffer] };
  },
};
parentPort.on('message', ({ id, op, input }) => {
  const { answer, transfer = [] } = work[op](input);
  parentPort.postMessage({ id, answer }, transfer);
});
`;

export function startFsThread(): FsThread {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const pending = new Map<number, { resolve: (answer: never) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', ({ id, answer }: { id: number; answer: never }) => {
    pending.get(id)?.resolve(answer);
    pending.delete(id);
  });
  worker.on('error', (error) => failAll(new Error(`the file-system thread failed: ${error.message}`)));
  worker.on('exit', (code) => failAll(new Error(`the file-system thread stopped (exit code ${code})`)));
  const call = <T>(op: 'lstat' | 'read' | 'digests', input: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, input });
    });
  return {
    lstat: (paths) => call('lstat', paths),
    read: (files) =>
      call(
        'read',
        files.map(({ path, size }) => ({ path, size })),
      ),
    digests: (files) =>
      call(
        'digests',
        files.map(({ path, size }) => ({ path, size })),
      ),
    async close() {
      await worker.terminate();
    },
  };
}

/**
 * A file-system thread started only when first asked for something, to be shared: a walk and the
 * reads after it, one thread (each started thread costs about 30 ms of CPU to boot).
 */
export function lazyFsThread(): FsThread {
  let thread: FsThread | undefined;
  const started = () => (thread ??= startFsThread());
  return {
    lstat: (paths) => started().lstat(paths),
    read: (files) => started().read(files),
    digests: (files) => started().digests(files),
    close: async () => thread?.close(),
  };
}
