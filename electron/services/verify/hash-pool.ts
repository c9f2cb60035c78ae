import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { create as createDigest, type Digest } from 'multiformats/hashes/digest';
import { sha256 } from 'multiformats/hashes/sha2';
import { bufferRecycler } from '../recycled-buffers';

/**
 * sha2-256 on worker threads, with the buffers to read into. Recomputing a CID is one hash pass over
 * every byte: the importer alone makes it on the main thread, a block at a time, with the other
 * cores idle.
 */
export interface HashPool {
  /**
   * Hashes on a thread. Bytes read into a buffer from `buffer` are lent, not copied: they are
   * unusable until the answer gives them back. Any other bytes are copied, and stay the caller's.
   */
  digest(bytes: Uint8Array): Promise<{ digest: Digest<typeof sha256.code, number>; bytes: Uint8Array }>;
  /** A buffer to read into: one given back with `release`, or a new one. */
  buffer(size: number): Uint8Array;
  /** Bytes nothing uses any more, kept for `buffer` if they came from it (or back from `digest`). */
  release(bytes: Uint8Array): void;
  close(): Promise<void>;
}

// Plain JavaScript evaluated by each worker, so it runs the same under Node, vitest and Electron's
// bundle, with no second entry point to build. The bytes are handed back with the digest (copied
// out of Node's shared pool, so that only its 32 bytes cross).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
parentPort.on('message', ({ id, bytes }) => {
  const digest = new Uint8Array(createHash('sha256').update(bytes).digest());
  parentPort.postMessage({ id, digest, bytes }, [bytes.buffer]);
});
`;

interface Hashed {
  digest: Uint8Array;
  /** The bytes that were hashed, back from the thread they were lent to. */
  bytes: Uint8Array<ArrayBuffer>;
}

interface Pending {
  resolve: (hashed: Hashed) => void;
  reject: (error: Error) => void;
}

export function startHashPool(threads = Math.min(availableParallelism(), 4)): HashPool {
  const pending = new Map<number, Pending>();
  const load = new Map<Worker, Set<number>>();
  const buffers = bufferRecycler();
  let nextId = 0;
  let closed = false;

  function startWorker(): [Worker, Set<number>] {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const ids = new Set<number>();
    load.set(worker, ids);
    worker.on('message', ({ id, ...hashed }: Hashed & { id: number }) => {
      ids.delete(id);
      pending.get(id)?.resolve(hashed);
      pending.delete(id);
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

  for (let i = 0; i < Math.max(1, threads); i++) startWorker();

  /** The thread with the fewest digests in flight; a new one when every thread has died. */
  function leastBusy(): [Worker, Set<number>] {
    let best: [Worker, Set<number>] | undefined;
    for (const entry of load) if (!best || entry[1].size < best[1].size) best = entry;
    return best ?? startWorker();
  }

  return {
    async digest(bytes) {
      if (closed) throw new Error('the hash pool is closed');
      const [worker, ids] = leastBusy();
      const id = nextId++;
      const ours = buffers.owns(bytes);
      const lent = ours ? bytes : new Uint8Array(bytes);
      const hashed = new Promise<Hashed>((resolve, reject) => pending.set(id, { resolve, reject }));
      ids.add(id);
      worker.postMessage({ id, bytes: lent }, [lent.buffer]);
      const answer = await hashed;
      const back = ours ? buffers.adopt(answer.bytes) : answer.bytes;
      return { digest: createDigest(sha256.code, answer.digest), bytes: back };
    },
    buffer: (size) => buffers.take(size),
    release: (bytes) => buffers.give(bytes),
    async close() {
      closed = true;
      await Promise.all([...load.keys()].map((worker) => worker.terminate()));
    },
  };
}
