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

describe('the guard between uploads and garbage collection', () => {
  it('lets uploads hold it together, and a collection only once the last has released it', async () => {
    const guard = createGcGuard();
    const first = await guard.hold();
    const second = await guard.hold();
    const collection = guard.holdAlone(new AbortController().signal);
    first();
    expect(await settled(collection)).toBe(false);
    second();
    expect(await settled(collection)).toBe(true);
  });

  it('makes uploads that come while a collection waits or runs wait behind it', async () => {
    const guard = createGcGuard();
    const running = await guard.hold();
    const collection = guard.holdAlone(new AbortController().signal);
    const late = guard.hold();
    running();
    const releaseCollection = await collection;
    expect(await settled(late)).toBe(false);
    releaseCollection();
    expect(await settled(late)).toBe(true);
  });

  it('counts a release given twice once', async () => {
    const guard = createGcGuard();
    const first = await guard.hold();
    const second = await guard.hold();
    first();
    first();
    const collection = guard.holdAlone(new AbortController().signal);
    expect(await settled(collection)).toBe(false);
    second();
    expect(await settled(collection)).toBe(true);
  });

  it('takes a cancelled collection out of the line and lets the uploads behind it go', async () => {
    const guard = createGcGuard();
    const running = await guard.hold();
    const abort = new AbortController();
    const collection = guard.holdAlone(abort.signal);
    const late = guard.hold();
    abort.abort(new Error('cancelled'));
    await expect(collection).rejects.toThrow('cancelled');
    expect(await settled(late)).toBe(true);
    running();
    // The upload let in behind it still holds the guard.
    const next = guard.holdAlone(new AbortController().signal);
    expect(await settled(next)).toBe(false);
  });
});
