/** Seconds to wait before restart attempt n (1-based): 1, 2, 4, 8, 16, then 30 at most. */
export function restartDelaySeconds(attempt: number): number {
  return Math.min(30, 2 ** Math.max(0, attempt - 1));
}

/** A daemon that stayed up this long is healthy again, and the next crash starts the count anew. */
export const STABLE_AFTER_MS = 60_000;

/** How often a reused daemon (not Cairn's child, so no exit event) is looked for: its end is told within this. */
export const REUSED_WATCH_MS = 1000;
