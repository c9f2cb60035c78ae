import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changePacer } from '../../electron/services/uploads/change-pacer';

describe('the pace of upload change events', () => {
  let sent: number[];
  const pacer = () => changePacer(() => sent.push(Date.now()), 150);
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000 });
    sent = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends progress at most every 150 ms, many changes an event', () => {
    const changes = pacer();
    for (let step = 0; step < 30; step++) {
      changes.progress();
      vi.advanceTimersByTime(10);
    }
    expect(sent).toEqual([1_150, 1_300]);
  });

  it('sends a state change at once, however much progress went before it', () => {
    const changes = pacer();
    changes.state();
    for (let step = 0; step < 20; step++) {
      changes.progress();
      vi.advanceTimersByTime(10);
    }
    changes.state();
    expect(sent).toEqual([1_000, 1_150, 1_200]);
  });

  it('holds a state change that follows another within 150 ms until 150 ms after it', () => {
    const changes = pacer();
    changes.state();
    vi.advanceTimersByTime(60);
    changes.state();
    changes.progress();
    expect(sent).toEqual([1_000]);
    vi.advanceTimersByTime(90);
    expect(sent).toEqual([1_000, 1_150]);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([1_000, 1_150]);
  });

  it('sends at once when asked, and nothing after it is stopped', () => {
    const changes = pacer();
    changes.progress();
    changes.now();
    expect(sent).toEqual([1_000]);
    changes.progress();
    changes.stop();
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([1_000]);
  });
});
