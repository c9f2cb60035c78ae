import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inBatches } from '../../electron/services/batches';

const numbers = (count: number): AsyncIterable<number> => Readable.from(Array.from({ length: count }, (_, n) => n));

describe('inBatches', () => {
  it('sends the first item at once, then full batches, then the rest, each item once', async () => {
    const batches: number[][] = [];
    const count = await inBatches(numbers(10), (batch) => batches.push(batch), { size: 4, intervalMs: 60_000 });
    expect(batches).toEqual([[0], [1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(count).toBe(10);
  });

  it('sends nothing for an empty stream', async () => {
    const batches: number[][] = [];
    expect(await inBatches(numbers(0), (batch) => batches.push(batch), { size: 4, intervalMs: 0 })).toBe(0);
    expect(batches).toEqual([]);
  });
});
