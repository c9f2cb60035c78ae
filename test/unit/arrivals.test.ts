import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  arrivalOf,
  beginArrival,
  fillArrival,
  receivedSize,
  takeAnnouncedSize,
} from '../../electron/services/uploads/arrivals';

/** Bytes as a request gives them: a chunk at a time. */
function pieces(...chunks: Buffer[]): AsyncIterable<Buffer> {
  return Readable.from(chunks);
}

describe('files arriving from the browser harness', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-arrivals-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lets a reader wait for bytes not yet written, and forgets the arrival once all are there', async () => {
    const path = join(dir, 'big.bin');
    const data = Buffer.alloc(3 * 1024 * 1024 + 3, 7);
    // The bytes may come before the file is announced: they wait for it.
    const filled = fillArrival('first', pieces(data.subarray(0, 100), data.subarray(100)));
    await beginArrival(path, data.length, 'first');
    const arrival = arrivalOf(await stat(path));
    expect(arrival?.size).toBe(data.length);
    await Promise.all([filled, arrival?.reached(data.length)]);
    expect((await readFile(path)).equals(data)).toBe(true);
    expect(arrivalOf(await stat(path))).toBeUndefined();
    expect(await receivedSize(path, data.length)).toBe(data.length);
    expect(takeAnnouncedSize(path)).toBe(data.length);
    expect(takeAnnouncedSize(path)).toBeUndefined();
  });

  it('fails the readers of a file whose bytes stop coming, and refuses it short afterwards', async () => {
    const path = join(dir, 'stalled.bin');
    await beginArrival(path, 10, 'stalled', 20);
    const arrival = arrivalOf(await stat(path));
    // Nothing is sent: the arrival gives up after its idle time, and says how much came.
    await expect(arrival?.reached(10)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      details: { path: 'stalled.bin', problem: 'incomplete', received: 0, size: 10 },
    });
    await expect(receivedSize(path, 10)).rejects.toMatchObject({ details: { problem: 'incomplete', received: 0 } });
  });

  it('stops a reader waiting for bytes once its upload is cancelled, and leaves the arrival to others', async () => {
    const path = join(dir, 'slow.bin');
    await beginArrival(path, 10, 'slow');
    const arrival = arrivalOf(await stat(path));
    const cancel = new AbortController();
    const cancelled = arrival?.reached(10, cancel.signal);
    cancel.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    await expect(arrival?.reached(10, cancel.signal)).rejects.toMatchObject({ name: 'AbortError' });
    // The bytes still come for a reader that was not cancelled.
    const other = arrival?.reached(10);
    await fillArrival('slow', pieces(Buffer.alloc(10, 1)));
    await expect(other).resolves.toBeUndefined();
  });

  it('refuses a file that is not announced but has the wrong size on disk', async () => {
    const path = join(dir, 'restarted.bin');
    await writeFile(path, 'half');
    await expect(receivedSize(path, 8)).rejects.toMatchObject({ details: { received: 4, size: 8 } });
  });
});
