/**
 * Hands a long stream on in batches, for lists pushed to the renderer as events: the first item
 * goes at once (the first rows on screen), then a batch of `size` items or whatever came in
 * `intervalMs`, whichever is first: fewer, larger updates cost the renderer less. Resolves with
 * the number of items handed on.
 */
export async function inBatches<T>(
  items: AsyncIterable<T>,
  onBatch: (batch: T[]) => void,
  { size, intervalMs }: { size: number; intervalMs: number },
): Promise<number> {
  let batch: T[] = [];
  let sentAt = 0;
  let count = 0;
  const flush = () => {
    if (batch.length > 0) onBatch(batch);
    count += batch.length;
    batch = [];
    sentAt = Date.now();
  };
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size || Date.now() - sentAt >= intervalMs) flush();
  }
  flush();
  return count;
}
