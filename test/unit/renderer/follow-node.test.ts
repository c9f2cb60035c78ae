import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CairnApi } from '../../../shared/ipc/api';
import type { NodeStatus } from '../../../shared/ipc/contract';
import { followNode } from '../../../renderer/features/node/node-actions';

const status = (state: NodeStatus['state']): NodeStatus => ({
  state,
  target: { kind: 'remote', name: 'Far node', url: 'http://127.0.0.1:5001', profileId: 'p1' },
  offline: false,
  notes: [],
  movedPorts: [],
  ...(state === 'error' && { error: { code: 'NODE_UNREACHABLE', message: 'The node stopped answering.' } }),
});

/** A window with main behind it: every status asked is `answer`, and the test sends node.changed. */
function fakeWindow(answer: () => NodeStatus) {
  const asked: number[] = [];
  let changed: ((status: NodeStatus) => void) | undefined;
  const api: Pick<CairnApi, 'invoke' | 'on'> = {
    invoke: ((channel: string) => {
      if (channel === 'node.status') asked.push(Date.now());
      return Promise.resolve({ ok: true, data: answer() });
    }) as CairnApi['invoke'],
    on: ((event: string, listener: (status: NodeStatus) => void) => {
      if (event === 'node.changed') changed = listener;
      return () => undefined;
    }) as CairnApi['on'],
  };
  vi.stubGlobal('window', { cairn: api, addEventListener: () => undefined, removeEventListener: () => undefined });
  vi.stubGlobal('document', {
    visibilityState: 'visible',
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  });
  return { asked, send: (next: NodeStatus) => changed?.(next) };
}

describe('the node followed by the renderer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks again soon after main reports a change, however long asking had backed off', async () => {
    let now = status('running');
    const main = fakeWindow(() => now);
    const stop = followNode();
    // Nothing changes: asked at 15 s, then 30, 60, 120, 240 s apart (the first at once, on start).
    await vi.advanceTimersByTimeAsync(480_000);
    expect(main.asked).toEqual([0, 15_000, 45_000, 105_000, 225_000, 465_000]);
    // The same state again starts nothing over.
    main.send(now);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(main.asked).toHaveLength(6);

    // A call found the node gone: main says so, and the next status is asked 15 s later, not at 945 s.
    now = status('error');
    main.send(now);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(main.asked.slice(6)).toEqual([510_000]);
    stop();
  });

  it('asks every 15 s while the node is in error, and backs off again once it runs', async () => {
    let now = status('error');
    const main = fakeWindow(() => now);
    const stop = followNode();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(main.asked).toEqual([0, 15_000, 30_000, 45_000, 60_000]);

    // Back, with no event: the next asking sees it, and asks less and less often from there.
    now = status('running');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(main.asked.slice(5)).toEqual([75_000, 90_000, 120_000, 180_000]);
    stop();
  });
});
