/** What one request may carry: how many items, and how many inline bytes in all. */
export interface BatchLimits {
  items: number;
  bytes: number;
}

export interface FailedBatch<T> {
  items: T[];
  error: unknown;
}

/**
 * Sends items, in order, in requests within a per-call limit, each as soon as it is full, so that
 * what was read is never all held at once and no count of items is too many. A failed request
 * does not stop the ones after it: every failed batch comes back, with its error, to be retried.
 * An item heavier than the limit alone goes in a request of its own, for the receiver to refuse.
 */
export async function sendInBatches<T>(
  items: AsyncIterable<T> | Iterable<T>,
  weigh: (item: T) => number,
  limits: BatchLimits,
  send: (batch: T[]) => Promise<void>,
): Promise<FailedBatch<T>[]> {
  const failed: FailedBatch<T>[] = [];
  let batch: T[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const full = batch;
    batch = [];
    bytes = 0;
    try {
      await send(full);
    } catch (error) {
      failed.push({ items: full, error });
    }
  };
  for await (const item of items) {
    const weight = weigh(item);
    if (batch.length >= limits.items || (batch.length > 0 && bytes + weight > limits.bytes)) await flush();
    batch.push(item);
    bytes += weight;
  }
  await flush();
  return failed;
}
