import { describe, expect, it } from 'vitest';
import { createGcGuard } from '../../electron/services/kubo/gc-guard';

/** Whether a promise has settled by the time everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

/** A signal for what is never cancelled. */
const never = new AbortController().signal;

describe('the guard between uploads and garbage collection', () => {
  it('lets uploads hold it together, and a collection only once the last has released it', async () => {
    const guard = createGcGuard();
    const first = await guard.hold(never);
    const second = await guard.hold(never);
    const collection = guard.holdAlone(new AbortController().signal);
    first();
    expect(await settled(collection)).toBe(false);
    second();
    expect(await settled(collection)).toBe(true);
  });

  it('makes uploads that come while a collection waits or runs wait behind it', async () => {
    const guard = createGcGuard();
    const running = await guard.hold(never);
    const collection = guard.holdAlone(new AbortController().signal);
    const late = guard.hold(never);
    running();
    const releaseCollection = await collection;
    expect(await settled(late)).toBe(false);
    releaseCollection();
    expect(await settled(late)).toBe(true);
  });

  it('counts a release given twice once', async () => {
    const guard = createGcGuard();
    const first = await guard.hold(never);
    const second = await guard.hold(never);
    first();
    first();
    const collection = guard.holdAlone(new AbortController().signal);
    expect(await settled(collection)).toBe(false);
    second();
    expect(await settled(collection)).toBe(true);
  });

  it('takes a cancelled collection out of the line and lets the uploads behind it go', async () => {
    const guard = createGcGuard();
    const running = await guard.hold(never);
    const abort = new AbortController();
    const collection = guard.holdAlone(abort.signal);
    const late = guard.hold(never);
    abort.abort(new Error('cancelled'));
    await expect(collection).rejects.toThrow('cancelled');
    expect(await settled(late)).toBe(true);
    running();
    // The upload let in behind it still holds the guard.
    const next = guard.holdAlone(new AbortController().signal);
    expect(await settled(next)).toBe(false);
  });

  it('takes a cancelled upload out of the line at once: it never holds the guard', async () => {
    const guard = createGcGuard();
    const releaseCollection = await guard.holdAlone(never);
    const abort = new AbortController();
    const upload = guard.hold(abort.signal);
    abort.abort(new Error('cancelled'));
    await expect(upload).rejects.toThrow('cancelled');
    releaseCollection();
    // Had the cancelled upload been let in, it would hold the guard, and this collection would wait.
    expect(await settled(guard.holdAlone(never))).toBe(true);
  });
});
