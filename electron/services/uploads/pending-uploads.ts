/**
 * The ids of uploads waiting to start, taken in their place in the queue (lowest first): a binary
 * heap, so that taking the next costs O(log n) however many uploads the queue holds. Ids are not
 * removed when an upload stops waiting (cancelled, started by another path): whoever takes one
 * checks that it still waits, and an id may be in the heap more than once.
 */
export interface PendingUploads {
  add(id: string, place: number): void;
  /** The id with the lowest place, removed; undefined when none is left. */
  take(): string | undefined;
}

export function pendingUploads(): PendingUploads {
  const heap: { id: string; place: number }[] = [];
  const swap = (a: number, b: number) => {
    [heap[a], heap[b]] = [heap[b] as (typeof heap)[number], heap[a] as (typeof heap)[number]];
  };
  const placeAt = (index: number) => heap[index]?.place ?? Infinity;
  return {
    add(id, place) {
      heap.push({ id, place });
      for (let at = heap.length - 1; at > 0;) {
        const parent = (at - 1) >> 1;
        if (placeAt(parent) <= place) break;
        swap(at, parent);
        at = parent;
      }
    },
    take() {
      const first = heap[0];
      const last = heap.pop();
      if (!first || !last || heap.length === 0) return first?.id;
      heap[0] = last;
      for (let at = 0; ;) {
        const left = 2 * at + 1;
        const lower = placeAt(left + 1) < placeAt(left) ? left + 1 : left;
        if (placeAt(lower) >= placeAt(at)) break;
        swap(at, lower);
        at = lower;
      }
      return first.id;
    },
  };
}
