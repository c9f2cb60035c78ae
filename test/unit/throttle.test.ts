import { describe, expect, it } from 'vitest';
import { throttle } from '../../electron/ipc/throttle';

describe('throttle', () => {
  it('passes the first call, holds later ones within the interval, and flushes the last', () => {
    let now = 0;
    const calls: number[] = [];
    const throttled = throttle(
      (n: number) => calls.push(n),
      100,
      () => now,
    );
    throttled.call(1);
    now = 50;
    throttled.call(2);
    throttled.call(3);
    expect(calls).toEqual([1]);
    now = 120;
    throttled.call(4);
    expect(calls).toEqual([1, 4]);
    now = 130;
    throttled.call(5);
    throttled.flush();
    throttled.flush();
    expect(calls).toEqual([1, 4, 5]);
  });
});
