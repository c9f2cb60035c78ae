/**
 * Polls `check` until it holds, failing after `timeoutMs`: for states that arrive on their own.
 * `wakeUp` hands out a function that checks again at once (from an event) instead of at the next poll.
 */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
  wakeUp?: (wake: () => void) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 100);
      wakeUp?.(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
