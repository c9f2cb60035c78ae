import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { multihashOf } from '../../electron/services/digests';
import { LeafReadFailure, startHashPool, type HashPool } from '../../electron/services/verify/hash-pool';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('startHashPool', () => {
  afterEach(() => vi.restoreAllMocks());

  it('drops a thread that died while idle: later digests go to the threads left, never to it', async () => {
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    const pool = startHashPool(2);
    try {
      const first = new Uint8Array([1, 2, 3]);
      expect(Buffer.from((await pool.digest(first)).digest).toString('hex')).toBe(sha256(first));
      // The thread that hashed it is idle now, as idle as the other: the least busy, were it kept.
      await (posted.mock.contexts[0] as Worker).terminate();
      const inputs = Array.from({ length: 6 }, (_, i) => new Uint8Array(1024).fill(i));
      const digests = await Promise.all(inputs.map((bytes) => pool.digest(bytes)));
      expect(digests.map(({ digest }) => Buffer.from(digest).toString('hex'))).toEqual(inputs.map(sha256));
    } finally {
      await pool.close();
    }
  });

  it('starts a thread again when every one has died', async () => {
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    const pool = startHashPool(1);
    try {
      await pool.digest(new Uint8Array([1]));
      await (posted.mock.contexts[0] as Worker).terminate();
      const bytes = new Uint8Array([4, 5, 6]);
      expect(Buffer.from((await pool.digest(bytes)).digest).toString('hex')).toBe(sha256(bytes));
    } finally {
      await pool.close();
    }
  });

  it('hashes with every other function Cairn computes as this thread does, @noble/hashes imported by the threads', async () => {
    const pool = startHashPool(2);
    try {
      const bytes = randomBytes(300_000);
      // sha1, dbl-sha2-256, sha3-256, shake-256, keccak-256, blake3 (its length free), blake2b-160, blake2s-256.
      for (const [code, length] of [
        [0x11, 20],
        [0x56, 32],
        [0x16, 32],
        [0x19, 64],
        [0x1b, 32],
        [0x1e, 48],
        [0xb214, 20],
        [0xb260, 32],
      ] as const) {
        const digests = await Promise.all([pool.digestWith(code, length, bytes), pool.digestWith(code, length, bytes)]);
        for (const digest of digests) expect(digest.bytes).toEqual(multihashOf(code, bytes, length).bytes);
      }
    } finally {
      await pool.close();
    }
  });

  describe('a file read by the threads themselves', () => {
    const collect = async (pool: HashPool, file: { path: string; size: number }, lengths: number[]) => {
      const digests: string[] = [];
      const leaves = lengths.map((length) => ({
        length,
        prefix: Buffer.from([1, length % 251]),
        suffix: Buffer.from([2]),
      }));
      for await (const digest of pool.fileLeaves(file, leaves))
        digests.push(Buffer.from(digest.digest).toString('hex'));
      return digests;
    };

    it('hashes each leaf between its frame, in order, across batches and threads', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cairn-hash-pool-'));
      const pool = startHashPool(2);
      try {
        // Past the 256 leaves one message holds, with a short last leaf.
        const bytes = randomBytes(600 * 1000 + 7);
        const path = join(dir, 'leaves.bin');
        await writeFile(path, bytes);
        const lengths = [...Array.from({ length: 600 }, () => 1000), 7];
        let at = 0;
        const expected = lengths.map((length) => {
          const leaf = bytes.subarray(at, (at += length));
          return sha256(Buffer.concat([Buffer.from([1, length % 251]), leaf, Buffer.from([2])]));
        });
        expect(await collect(pool, { path, size: bytes.byteLength }, lengths)).toEqual(expected);
      } finally {
        await pool.close();
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('fails with how many bytes the file had when it is shorter or longer than measured, or with the read error', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cairn-hash-pool-'));
      const pool = startHashPool(1);
      try {
        const path = join(dir, 'changed.bin');
        await writeFile(path, randomBytes(3000));
        const failure = (size: number, lengths: number[], at = path) =>
          collect(pool, { path: at, size }, lengths).then(
            () => null,
            (error: unknown) => error,
          );
        expect(await failure(4000, [1000, 1000, 1000, 1000])).toMatchObject({ bytesRead: 3000 });
        expect(await failure(2000, [1000, 1000])).toMatchObject({ bytesRead: 2001 });
        const missing = await failure(10, [10], join(dir, 'gone.bin'));
        expect(missing).toBeInstanceOf(LeafReadFailure);
        expect(missing).toMatchObject({ code: 'ENOENT', bytesRead: undefined });
        expect(await collect(pool, { path, size: 3000 }, [1000, 1000, 1000])).toHaveLength(3);
      } finally {
        await pool.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
