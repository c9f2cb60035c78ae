import { describe, expect, it } from 'vitest';
import { prefetch } from '../../electron/services/verify/prefetch';

// Leaves are read ahead of the importer: in order, never more than asked ahead, and a consumer that
// stops (an error, a cancel) ends the source instead of leaving it open.
describe('prefetch', () => {
  it('starts items ahead of the consumer, in order, at most `ahead` untaken', async () => {
    let read = 0;
    let taken = 0;
    let mostAhead = 0;
    async function* source() {
      for (let i = 0; i < 50; i++) {
        await Promise.resolve();
        read++;
        yield i;
      }
    }
    const got: number[] = [];
    for await (const item of prefetch(source(), 4, (i) => i * 2)) {
      // Let the pump run as far as it may before this item is taken.
      await new Promise((resolve) => setImmediate(resolve));
      mostAhead = Math.max(mostAhead, read - taken);
      taken++;
      got.push(item);
    }
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(mostAhead).toBeGreaterThan(1);
    expect(mostAhead).toBeLessThanOrEqual(5);
  });

  it('ends the source when the consumer stops, and passes on the source failing', async () => {
    let ended = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield await Promise.resolve(i);
      } finally {
        ended = true;
      }
    }
    for await (const item of prefetch(endless(), 3, (i) => i)) if (item === 5) break;
    expect(ended).toBe(true);
    async function* failing() {
      yield await Promise.resolve(1);
      throw new Error('disk gone');
    }
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const item of prefetch(failing(), 3, (i) => i)) got.push(item);
      })(),
    ).rejects.toThrow('disk gone');
    expect(got).toEqual([1]);
  });
});
