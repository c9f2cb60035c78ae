/** What the poll needs of `document`: whether the window is visible, and when that changes. */
export interface PageVisibility {
  readonly visibilityState: 'visible' | 'hidden';
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/**
 * Asks `check` whether something changed, only while the window is visible: first after `firstMs`,
 * then twice as long after each answer of "unchanged", up to `lastMs`; a change starts over at
 * `firstMs`. While hidden no timer runs at all; shown again, it checks at once. An idle app thus
 * wakes a few times an hour instead of every `firstMs`. Returns the function that stops it.
 */
export function pollWhileVisible(
  check: () => Promise<boolean>,
  { firstMs, lastMs }: { firstMs: number; lastMs: number },
  page: PageVisibility,
): () => void {
  let delay = firstMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let checking = false;
  let stopped = false;

  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const schedule = () => {
    cancel();
    if (!stopped && !checking && page.visibilityState === 'visible') timer = setTimeout(() => void run(), delay);
  };
  const run = async () => {
    timer = undefined;
    checking = true;
    const changed = await check().catch(() => false);
    checking = false;
    delay = changed ? firstMs : Math.min(delay * 2, lastMs);
    schedule();
  };
  const onVisibility = () => {
    cancel();
    if (page.visibilityState !== 'visible' || checking) return;
    delay = firstMs;
    void run();
  };

  page.addEventListener('visibilitychange', onVisibility);
  schedule();
  return () => {
    stopped = true;
    cancel();
    page.removeEventListener('visibilitychange', onVisibility);
  };
}
