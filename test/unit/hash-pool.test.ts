import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHashPool } from '../../electron/services/verify/hash-pool';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('startHashPool', () => {
  afterEach(() => vi.restoreAllMocks());

  it('drops a thread that died while idle: later digests go to the threads left, never to it', async () => {
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    const pool = startHashPool(2);
    try {
      const first = new Uint8Array([1, 2, 3]);
      expect(Buffer.from((await pool.digest(first)).digest.digest).toString('hex')).toBe(sha256(first));
      // The thread that hashed it is idle now, as idle as the other: the least busy, were it kept.
      await (posted.mock.contexts[0] as Worker).terminate();
      const inputs = Array.from({ length: 6 }, (_, i) => new Uint8Array(1024).fill(i));
      const digests = await Promise.all(inputs.map((bytes) => pool.digest(bytes)));
      expect(digests.map(({ digest }) => Buffer.from(digest.digest).toString('hex'))).toEqual(inputs.map(sha256));
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
      expect(Buffer.from((await pool.digest(bytes)).digest.digest).toString('hex')).toBe(sha256(bytes));
    } finally {
      await pool.close();
    }
  });
});
