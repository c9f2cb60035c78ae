export interface Throttled<A extends unknown[]> {
  call: (...args: A) => void;
  /** Sends the last held-back call now, so the final figure is never lost. */
  flush: () => void;
}

/** At most one call per interval; the latest arguments win, and a trailing call is kept for flush. */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  intervalMs: number,
  now: () => number = Date.now,
): Throttled<A> {
  let last = -Infinity;
  let pending: A | undefined;
  return {
    call(...args) {
      const t = now();
      if (t - last >= intervalMs) {
        last = t;
        pending = undefined;
        fn(...args);
      } else {
        pending = args;
      }
    },
    flush() {
      if (pending) {
        const args = pending;
        pending = undefined;
        last = now();
        fn(...args);
      }
    },
  };
}
