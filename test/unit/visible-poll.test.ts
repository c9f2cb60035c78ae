import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollWhileVisible, type PageVisibility } from '../../renderer/app/visible-poll';

/** A window whose visibility the test sets. */
function fakePage(): PageVisibility & { show(visible: boolean): void } {
  const listeners = new Set<() => void>();
  const page = {
    visibilityState: 'visible' as PageVisibility['visibilityState'],
    addEventListener: (_type: 'visibilitychange', listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: 'visibilitychange', listener: () => void) => listeners.delete(listener),
    show(visible: boolean) {
      page.visibilityState = visible ? 'visible' : 'hidden';
      for (const listener of listeners) listener();
    },
  };
  return page;
}

/** The times, from the start, at which `check` ran. */
function recorder(answers: () => boolean) {
  const at: number[] = [];
  const check = () => {
    at.push(Date.now());
    return Promise.resolve(answers());
  };
  return { at, check };
}

describe('pollWhileVisible', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('backs off while nothing changes, up to the longest delay, and starts over on a change', async () => {
    let changed = false;
    const { at, check } = recorder(() => changed);
    const stop = pollWhileVisible(check, { firstMs: 10, lastMs: 40 }, fakePage());
    await vi.advanceTimersByTimeAsync(150);
    expect(at).toEqual([10, 30, 70, 110, 150]);
    changed = true;
    await vi.advanceTimersByTimeAsync(40);
    changed = false;
    await vi.advanceTimersByTimeAsync(30);
    expect(at.slice(5)).toEqual([190, 200, 220]);
    stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(at).toHaveLength(8);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs no timer while the window is hidden, and checks at once when it is shown again', async () => {
    const page = fakePage();
    const { at, check } = recorder(() => false);
    const stop = pollWhileVisible(check, { firstMs: 10, lastMs: 40 }, page);
    await vi.advanceTimersByTimeAsync(30);
    page.show(false);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(at).toEqual([10, 30]);
    page.show(true);
    expect(at).toEqual([10, 30, 1030]);
    await vi.advanceTimersByTimeAsync(20);
    expect(at).toEqual([10, 30, 1030, 1050]);
    stop();
  });

  it('counts a failed check as unchanged and keeps polling', async () => {
    const at: number[] = [];
    const check = () => {
      at.push(Date.now());
      return Promise.reject(new Error('the bridge did not answer'));
    };
    const stop = pollWhileVisible(check, { firstMs: 10, lastMs: 40 }, fakePage());
    await vi.advanceTimersByTimeAsync(70);
    expect(at).toEqual([10, 30, 70]);
    stop();
  });
});
