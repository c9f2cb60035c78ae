import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { create as createDigest, type Digest } from 'multiformats/hashes/digest';
import { sha256 } from 'multiformats/hashes/sha2';
import { hasherOf, nobleModulePaths } from '../hashers';
import { NO_WAIT, specialKind, type SpecialKind } from '../special-files';

type Sha256 = Digest<typeof sha256.code, number>;

/** One leaf of a file: its next `length` bytes, hashed between the bytes that frame them in its block. */
export interface FileLeaf {
  length: number;
  prefix?: Uint8Array;
  suffix?: Uint8Array;
}

/**
 * sha2-256 on worker threads. Recomputing a CID is one hash pass over every byte: the importer alone
 * makes it on the main thread, a block at a time, with the other cores idle.
 */
export interface HashPool {
  /** The hash of these bytes (copied to a thread; they stay the caller's). */
  digest(bytes: Uint8Array): Promise<Sha256>;
  /**
   * Their hash with another function (a multihash code), `length` bytes of it: the ones @noble/hashes
   * computes in JavaScript take some ten times sha2-256's time, which on the main thread stalls it.
   */
  digestWith(code: number, length: number, bytes: Uint8Array): Promise<Digest<number, number>>;
  /**
   * The hash of each leaf of a file, in order, each thread reading the leaves it hashes: the bytes
   * never cross to this thread (passing 1 MiB buffers between threads left the hashing threads idle
   * half the time, waiting on this one's reads and messages). Fails with a `LeafReadFailure`
   * when the file cannot be read or no longer has `size` bytes.
   */
  fileLeaves(file: { path: string; size: number }, leaves: Iterable<FileLeaf>): AsyncIterable<Sha256>;
  close(): Promise<void>;
}

// Plain JavaScript evaluated by each worker, so it runs the same under Node, vitest and Electron's
// bundle, with no second entry point to build. Each thread reads into one buffer of its own, kept
// from one batch to the next; only the digests come back. Other hash functions than sha2-256 are
// hashers.ts's own (hasherOf), with @noble/hashes imported from where this process has it, once asked.
const workerSource = (noblePaths: string[]) => `
const { parentPort } = require('node:worker_threads');
const { createHash, getHashes } = require('node:crypto');
const { openSync, readSync, closeSync, fstatSync, constants } = require('node:fs');
const { pathToFileURL } = require('node:url');
const specialKind = ${specialKind.toString()};
const hasherOf = ${hasherOf.toString()};
let library;
const libraryOnce = () =>
  (library ??= Promise.all(${JSON.stringify(noblePaths)}.map((path) => import(pathToFileURL(path).href))).then(
    (modules) => Object.assign({ createHash, native: new Set(getHashes()) }, ...modules),
  ));
function hashedWith(lib, { code, length }, bytes) {
  const hasher = hasherOf(lib, code, length);
  if (!hasher) throw new Error('no hash function 0x' + code.toString(16));
  hasher.update(bytes);
  return new Uint8Array(hasher.digest().subarray(0, length));
}
let into = Buffer.allocUnsafeSlow(1);
const changed = (bytesRead) => Object.assign(new Error('the file changed while it was read'), { bytesRead });
function readLeaves({ path, size, position, leaves }) {
  const digests = new Uint8Array(32 * leaves.length);
  const fd = openSync(path, constants.O_RDONLY | ${NO_WAIT});
  try {
    const special = specialKind(fstatSync(fd));
    if (special) throw Object.assign(new Error('not a regular file'), { special });
    for (const [index, { length, prefix, suffix }] of leaves.entries()) {
      if (into.byteLength < length) into = Buffer.allocUnsafeSlow(length);
      let filled = 0;
      while (filled < length) {
        const bytesRead = readSync(fd, into, filled, length - filled, position + filled);
        if (bytesRead === 0) throw changed(position + filled);
        filled += bytesRead;
      }
      const hash = createHash('sha256');
      if (prefix) hash.update(prefix);
      hash.update(into.subarray(0, length));
      if (suffix) hash.update(suffix);
      digests.set(hash.digest(), 32 * index);
      position += length;
    }
    // One byte past the last leaf: a file that grew since it was measured is caught too.
    if (position === size && readSync(fd, into, 0, 1, position) > 0) throw changed(size + 1);
  } finally {
    closeSync(fd);
  }
  return digests;
}
parentPort.on('message', async ({ id, bytes, file, hash }) => {
  try {
    const digests = file
      ? readLeaves(file)
      : hash
        ? hashedWith(await libraryOnce(), hash, bytes)
        : new Uint8Array(createHash('sha256').update(bytes).digest());
    parentPort.postMessage({ id, digests }, [digests.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, failed: { code: error.code, message: error.message, bytesRead: error.bytesRead, special: error.special } });
  }
});
`;

/** Bytes and leaves per message at most: a few milliseconds of hashing, so that threads share a file evenly. */
const BATCH_BYTES = 8 * 1024 * 1024;
const BATCH_LEAVES = 256;
/** Batches of one file in flight per thread: one hashed while the next waits. */
const AHEAD_PER_THREAD = 2;

type Request =
  | { bytes: Uint8Array; hash?: { code: number; length: number } }
  | { file: { path: string; size: number; position: number; leaves: FileLeaf[] } };

/** Why a file's leaves could not be hashed: the file's error code, or how many bytes it had when it changed. */
export class LeafReadFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly bytesRead?: number,
    /** What the file is instead of a regular one (it became one since it was walked). */
    readonly special?: SpecialKind,
  ) {
    super(message);
  }
}

type Answer =
  { digests: Uint8Array } | { failed: { code?: string; message: string; bytesRead?: number; special?: SpecialKind } };

interface Pending {
  resolve: (digests: Uint8Array) => void;
  reject: (error: Error) => void;
}

export function startHashPool(threads = Math.min(availableParallelism(), 4)): HashPool {
  const pending = new Map<number, Pending>();
  const load = new Map<Worker, Set<number>>();
  let nextId = 0;
  let closed = false;

  function startWorker(): [Worker, Set<number>] {
    const worker = new Worker(source, { eval: true });
    const ids = new Set<number>();
    load.set(worker, ids);
    worker.on('message', ({ id, ...answer }: Answer & { id: number }) => {
      ids.delete(id);
      const waiting = pending.get(id);
      pending.delete(id);
      if ('digests' in answer) waiting?.resolve(answer.digests);
      else
        waiting?.reject(
          new LeafReadFailure(
            answer.failed.message,
            answer.failed.code,
            answer.failed.bytesRead,
            answer.failed.special,
          ),
        );
    });
    // A thread that died leaves the pool at once: otherwise, with nothing in flight, it would look
    // the least busy and take every later digest, which would then wait forever.
    const leave = (error: Error) => {
      load.delete(worker);
      for (const id of ids) {
        pending.get(id)?.reject(error);
        pending.delete(id);
      }
      ids.clear();
    };
    worker.on('error', (error) => leave(new Error(`a hashing thread failed: ${error.message}`)));
    worker.on('exit', (code) => leave(new Error(`a hashing thread stopped (exit code ${code})`)));
    return [worker, ids];
  }

  const source = workerSource(nobleModulePaths());
  for (let i = 0; i < Math.max(1, threads); i++) startWorker();

  /** The thread with the fewest requests in flight; a new one when every thread has died. */
  function leastBusy(): [Worker, Set<number>] {
    let best: [Worker, Set<number>] | undefined;
    for (const entry of load) if (!best || entry[1].size < best[1].size) best = entry;
    return best ?? startWorker();
  }

  /** The digests the request gives, 32 bytes each, end to end. */
  function ask(request: Request): Promise<Uint8Array> {
    if (closed) return Promise.reject(new Error('the hash pool is closed'));
    const [worker, ids] = leastBusy();
    const id = nextId++;
    const answer = new Promise<Uint8Array>((resolve, reject) => pending.set(id, { resolve, reject }));
    ids.add(id);
    worker.postMessage({ id, ...request });
    return answer;
  }

  return {
    async digest(bytes) {
      return createDigest(sha256.code, await ask({ bytes }));
    },
    async digestWith(code, length, bytes) {
      return createDigest(code, await ask({ bytes, hash: { code, length } }));
    },
    async *fileLeaves({ path, size }, leaves) {
      const batches = batchesOf(leaves);
      const inFlight: Promise<Uint8Array>[] = [];
      const fill = () => {
        while (inFlight.length < AHEAD_PER_THREAD * Math.max(1, load.size)) {
          const next = batches.next();
          if (next.done) return;
          const answer = ask({ file: { path, size, ...next.value } });
          // Awaited in turn below; this only keeps a batch that is never awaited (a cancel) quiet.
          answer.catch(() => undefined);
          inFlight.push(answer);
        }
      };
      fill();
      for (let batch = inFlight.shift(); batch; batch = inFlight.shift()) {
        const digests = await batch;
        fill();
        for (let at = 0; at < digests.byteLength; at += 32) {
          yield createDigest(sha256.code, digests.subarray(at, at + 32));
        }
      }
    },
    async close() {
      closed = true;
      await Promise.all([...load.keys()].map((worker) => worker.terminate()));
    },
  };
}

/** The leaves in runs of consecutive ones, each with where in the file it starts. */
function* batchesOf(leaves: Iterable<FileLeaf>): Generator<{ position: number; leaves: FileLeaf[] }> {
  let batch: FileLeaf[] = [];
  let position = 0;
  let bytes = 0;
  for (const leaf of leaves) {
    batch.push(leaf);
    bytes += leaf.length;
    if (bytes >= BATCH_BYTES || batch.length >= BATCH_LEAVES) {
      yield { position, leaves: batch };
      position += bytes;
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) yield { position, leaves: batch };
}
