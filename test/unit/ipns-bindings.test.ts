import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBindings, type BindingService } from '../../electron/services/ipns/bindings';
import { createLogger } from '../../electron/services/log';
import { openDataStore } from '../../electron/services/store/data-store';
import { until } from '../harness/until';

const quiet = createLogger('test', { log: () => undefined, warn: () => undefined, error: () => undefined });
const timing = { pollMs: 10, quietPollMs: 10, debounceMs: 400, refreshMs: 60_000 };

/** A folder whose CID the test sets, and a publisher that records what it was asked (or fails). */
function fakeNode() {
  const node = {
    cid: 'cid-1',
    failWith: null as string | null,
    published: [] as { cid: string; at: number }[],
    effects: {
      folderCid: () => Promise.resolve(node.cid),
      publish: (_keyId: string, cid: string) => {
        if (node.failWith) return Promise.reject(new Error(node.failWith));
        node.published.push({ cid, at: Date.now() });
        return Promise.resolve('site');
      },
      // The node's record points at what was published last, as Kubo's would.
      nameNow: () => {
        const last = node.published.at(-1);
        return Promise.resolve({ keyName: 'site', value: last ? `/ipfs/${last.cid}` : null });
      },
    },
  };
  return node;
}

let dataDir: string;
let service: BindingService | undefined;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cairn-bindings-'));
});
afterEach(async () => {
  await service?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const bind = (minIntervalSeconds: number) =>
  service?.bind({ keyId: 'k51key', keyName: 'site', mfsPath: '/site', minIntervalSeconds });

describe('bound folders', () => {
  it('publishes once a change has held for the debounce time, and only the last of quick changes', async () => {
    const node = fakeNode();
    service = await openBindings({
      store: await openDataStore(dataDir, quiet),
      effects: node.effects,
      log: quiet,
      timing,
    });
    await bind(0.001);
    expect(node.published.map((entry) => entry.cid)).toEqual(['cid-1']);
    node.cid = 'cid-2';
    await new Promise((resolve) => setTimeout(resolve, 30));
    node.cid = 'cid-3';
    await until('the last change published', () => node.published.length === 2, 2000);
    expect(node.published.map((entry) => entry.cid)).toEqual(['cid-1', 'cid-3']);
    expect(service.list()[0]).toMatchObject({ state: 'up-to-date', publishedCid: 'cid-3' });
  });

  it('waits for the minimum interval, pending until then', async () => {
    const node = fakeNode();
    service = await openBindings({
      store: await openDataStore(dataDir, quiet),
      effects: node.effects,
      log: quiet,
      timing,
    });
    await bind(1);
    node.cid = 'cid-2';
    await until('pending', () => service?.list()[0]?.state === 'pending', 2000);
    await until('published', () => node.published.length === 2, 3000);
    expect((node.published[1]?.at ?? 0) - (node.published[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('keeps a failure with its error without retrying it on every poll, and retries on demand', async () => {
    const node = fakeNode();
    service = await openBindings({
      store: await openDataStore(dataDir, quiet),
      effects: node.effects,
      log: quiet,
      timing,
    });
    await bind(0.001);
    node.failWith = 'the node refused';
    node.cid = 'cid-2';
    await until('failed', () => service?.list()[0]?.state === 'failed', 2000);
    expect(service.list()[0]?.error).toBe('the node refused');
    node.failWith = null;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(node.published).toHaveLength(1);
    expect(await service.retry('k51key')).toMatchObject({ state: 'up-to-date', publishedCid: 'cid-2' });
  });

  it('resumes a pending binding after a restart', async () => {
    const node = fakeNode();
    service = await openBindings({
      store: await openDataStore(dataDir, quiet),
      effects: node.effects,
      log: quiet,
      timing,
    });
    await bind(0.001);
    await service.dispose();
    node.cid = 'cid-2';
    service = await openBindings({
      store: await openDataStore(dataDir, quiet),
      effects: node.effects,
      log: quiet,
      timing,
    });
    expect(service.list()[0]).toMatchObject({ publishedCid: 'cid-1' });
    await until('published after the restart', () => node.published.length === 2, 2000);
    expect(service.list()[0]).toMatchObject({ state: 'up-to-date', publishedCid: 'cid-2' });
  });
});

describe('polling', () => {
  it('looks less and less often while nothing changes, and at once when woken', async () => {
    const node = fakeNode();
    const looked: number[] = [];
    const effects = {
      ...node.effects,
      folderCid: () => {
        looked.push(performance.now());
        return Promise.resolve(node.cid);
      },
    };
    service = await openBindings({
      store: await openDataStore(dataDir, quiet),
      effects,
      log: quiet,
      timing: { ...timing, quietPollMs: 600_000 },
    });
    await bind(0.001);
    await until('seven quiet looks', () => looked.length >= 8, 10_000);
    const gaps = looked.slice(2, 8).map((at, i) => at - (looked[i + 1] ?? 0));
    // Each wait at least doubles: 20, 40, 80... ms (the first look is the bind's own).
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(10 * 2 ** (i + 1) - 2));
    // The next look was 1,280 ms away; a wake brings it to the base 10 ms.
    const before = looked.length;
    const wokenAt = performance.now();
    node.cid = 'cid-2';
    service.wake();
    await until('a look after the wake', () => looked.length > before, 3000);
    expect((looked[before] ?? Infinity) - wokenAt).toBeLessThan(640);
    await until('the change published', () => node.published.length === 2, 3000);
  });
});

describe('records kept alive', () => {
  it('publishes an unchanged folder again before its record would expire', async () => {
    const node = fakeNode();
    service = await openBindings({
      store: await openDataStore(dataDir, quiet),
      effects: node.effects,
      log: quiet,
      timing: { ...timing, refreshMs: 300 },
    });
    await bind(0.001);
    await until('published again', () => node.published.length >= 2, 3000);
    expect(node.published.map((entry) => entry.cid).slice(0, 2)).toEqual(['cid-1', 'cid-1']);
  });
});
