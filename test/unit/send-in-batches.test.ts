import { describe, expect, it } from 'vitest';
import { inlineBytes, uploadsRequests, type UploadSource } from '../../shared/ipc/contract';
import { MAX_INLINE_BYTES, MAX_SOURCES_PER_ENQUEUE } from '../../shared/ipc/limits';
import { sendInBatches } from '../../shared/ipc/send-in-batches';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Items as a drop gives them: each read (a browser file's bytes) only when asked for. */
async function* lazily<T>(items: T[], read: T[]): AsyncGenerator<T> {
  for (const item of items) {
    read.push(await Promise.resolve(item));
    yield item;
  }
}

/** A send that records each batch it is given. */
function recorder<T>(): { sent: T[][]; send: (batch: T[]) => Promise<void> } {
  const sent: T[][] = [];
  return { sent, send: (batch) => Promise.resolve(void sent.push(batch)) };
}

describe('sendInBatches', () => {
  it('sends every item once, in order, in batches no larger than the item limit', async () => {
    const { sent, send } = recorder<number>();
    const failed = await sendInBatches(range(2501), () => 0, { items: 1000, bytes: 10 }, send);
    expect(failed).toEqual([]);
    expect(sent.map((batch) => batch.length)).toEqual([1000, 1000, 501]);
    expect(sent.flat()).toEqual(range(2501));
  });

  it('closes a batch before its bytes would pass the byte limit, and sends an over-heavy item alone', async () => {
    const { sent, send } = recorder<number>();
    await sendInBatches([4, 4, 3, 20, 1, 9, 1], (n) => n, { items: 100, bytes: 10 }, send);
    expect(sent).toEqual([[4, 4], [3], [20], [1, 9], [1]]);
  });

  it('sends each batch as soon as it is full, before reading further', async () => {
    const read: number[] = [];
    const readWhenSent: number[] = [];
    await sendInBatches(
      lazily(range(25), read),
      () => 0,
      { items: 10, bytes: 1 },
      () => Promise.resolve(void readWhenSent.push(read.length)),
    );
    expect(readWhenSent).toEqual([11, 21, 25]);
  });

  it('goes on past a failed batch and gives back each failed one with its error', async () => {
    const { sent, send } = recorder<number>();
    const failed = await sendInBatches(
      range(30),
      () => 0,
      { items: 10, bytes: 1 },
      (batch) => (batch[0] === 10 ? Promise.reject(new Error('the bridge did not answer')) : send(batch)),
    );
    expect(sent).toEqual([range(10), range(30).slice(20)]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.items).toEqual(range(20).slice(10));
    expect(String(failed[0]?.error)).toContain('the bridge did not answer');
  });

  it("cuts a drop of inline files into requests main's enqueue schema accepts", async () => {
    // 2,500 files of 100 KiB: more than one request's count, and 655 of them fill one request's bytes.
    const data = new Uint8Array(100 * 1024);
    const sources: UploadSource[] = range(2500).map((i) => ({ kind: 'bytes', name: `file-${i}.bin`, data }));
    expect(uploadsRequests['uploads.enqueue'].safeParse(request(sources)).success).toBe(false);
    const { sent, send } = recorder<UploadSource>();
    const failed = await sendInBatches(
      sources,
      inlineBytes,
      { items: MAX_SOURCES_PER_ENQUEUE, bytes: MAX_INLINE_BYTES },
      (batch) => {
        const parsed = uploadsRequests['uploads.enqueue'].safeParse(request(batch));
        return parsed.success ? send(batch) : Promise.reject(parsed.error);
      },
    );
    expect(failed).toEqual([]);
    expect(sent.map((batch) => batch.length)).toEqual([655, 655, 655, 535]);
  });
});

function request(sources: UploadSource[]) {
  return {
    folder: '/',
    sources,
    options: { profile: 'node', pin: false, hidden: false, symlinks: 'preserve', pinServices: [] },
  };
}
