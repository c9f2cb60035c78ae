/**
 * The source's items, each passed to `start` as soon as it is read, up to `ahead` of them before
 * the consumer takes them, in their order. The importer asks for a file's leaves ten at a time and
 * only after the last ten are hashed: reading the next ten while the threads hash these keeps both
 * busy, where asking in turn left the threads idle while the main thread read and the other way round.
 * Stopping early (an error, a cancel) ends the source too.
 */
export async function* prefetch<T, U>(
  source: AsyncIterable<T>,
  ahead: number,
  start: (item: T) => U,
): AsyncGenerator<U> {
  const queue: U[] = [];
  const state: { done: boolean; failure?: Error; stopped: boolean } = { done: false, stopped: false };
  let wake: (() => void) | undefined;
  let room: (() => void) | undefined;
  const signal = (which: 'wake' | 'room') => {
    const waiting = which === 'wake' ? wake : room;
    if (which === 'wake') wake = undefined;
    else room = undefined;
    waiting?.();
  };
  const pump = (async () => {
    for await (const item of source) {
      queue.push(start(item));
      signal('wake');
      while (queue.length >= ahead && !state.stopped) await new Promise<void>((resolve) => (room = resolve));
      if (state.stopped) return;
    }
  })().then(
    () => {
      state.done = true;
      signal('wake');
    },
    (error: unknown) => {
      state.failure = error instanceof Error ? error : new Error(String(error));
      state.done = true;
      signal('wake');
    },
  );
  try {
    for (;;) {
      if (queue.length > 0) {
        const item = queue.shift() as U;
        signal('room');
        yield item;
      } else if (state.done) {
        if (state.failure !== undefined) throw state.failure;
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    state.stopped = true;
    signal('room');
    await pump;
  }
}
