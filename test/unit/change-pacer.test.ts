import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changePacer } from '../../electron/services/uploads/change-pacer';

describe('the pace of upload change events', () => {
  let sent: number[];
  const pacer = () => changePacer(() => sent.push(Date.now()), { progressMs: 150, stateMs: 50, burst: 4 });
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

  it('sends the state changes of one upload at once, each in its own event', () => {
    const changes = pacer();
    for (const gap of [0, 5, 60]) {
      vi.advanceTimersByTime(gap);
      changes.state();
    }
    expect(sent).toEqual([1_000, 1_005, 1_065]);
  });

  it('paces a flood of state changes to one event every 50 ms once four went at once', () => {
    const changes = pacer();
    for (let step = 0; step < 10; step++) changes.state();
    expect(sent).toEqual([1_000, 1_000, 1_000, 1_000]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([1_000, 1_000, 1_000, 1_000, 1_050]);
    vi.advanceTimersByTime(10);
    changes.state();
    vi.advanceTimersByTime(39);
    expect(sent).toHaveLength(5);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toBe(1_100);
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(6);
  });

  it('gives the allowance back over time: after a quiet while, state changes go at once again', () => {
    const changes = pacer();
    for (let step = 0; step < 5; step++) changes.state();
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([1_000, 1_000, 1_000, 1_000, 1_050]);
    vi.advanceTimersByTime(200);
    for (let step = 0; step < 4; step++) changes.state();
    expect(sent.slice(5)).toEqual([1_250, 1_250, 1_250, 1_250]);
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
