import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadItem } from '../../../shared/ipc/contract';
import type { FaultProxy } from '../../harness/fault-proxy';
import { servicesProcess } from '../../harness/kill-rounds';
import type { TestKubo } from '../../harness/kubo';
import { startProxiedKubo, type ProxiedKubo } from '../../harness/proxied-kubo';
import { startTestHost } from '../../harness/host';

/**
 * The steps between an upload's add and its item saved as added, each the moment the node has
 * answered a request whose answer the services never get: killed there with SIGKILL.
 */
const steps = [
  { after: 'add', request: '/api/v0/add', filesMayHoldIt: false },
  { after: 'the link copied', request: '/api/v0/files/cp', filesMayHoldIt: true },
  { after: 'the Files flush', request: '/api/v0/files/flush', filesMayHoldIt: true },
];

describe('the services killed between an upload’s add and its save as added', () => {
  let at: ProxiedKubo;
  let node: TestKubo;
  let proxy: FaultProxy;
  let sources: string;

  beforeAll(async () => {
    ({ node, proxy, sources } = at = await startProxiedKubo('cairn-kill-linking-'));
  });
  afterAll(() => at.stop());

  for (const { after, request, filesMayHoldIt } of steps) {
    it(`after ${after}: the row says what Files may hold, and the retry lands it once, as its own`, async () => {
      const name = `killed after ${after}.bin`;
      const dataDir = await uploadKilledAfter(request, await sourceFile(name));

      const host = await startTestHost(node, { dataDir });
      try {
        const uploads = host.services.uploads;
        const item = (): UploadItem | undefined => uploads.list().find((candidate) => candidate.name === name);
        expect(item()).toMatchObject({ state: 'interrupted' });
        expect((item()?.linking?.length ?? 0) > 0).toBe(filesMayHoldIt);

        uploads.retry('failed');
        await uploads.idle();
        const landed = item();
        expect(landed).toMatchObject({ state: 'added', result: { path: `/${name}`, notes: [] } });
        const inFiles = (await node.ipfs('files', 'ls', '/')).split('\n').filter((entry) => entry.includes(after));
        expect(inFiles).toEqual([name]);
        const pins = await node.ipfs('pin', 'ls', '--type=recursive', '--names', landed?.result?.cid ?? '');
        expect(pins.trim()).toBe(`${landed?.result?.cid} recursive ${name}`);
        expect(landed?.linking).toBeUndefined();
      } finally {
        await host.stop();
      }
    }, 60_000);
  }

  it('after add, the row keeps its pin for Retry, and once cleared leaves no pin of its content', async () => {
    const name = 'killed after add, then cleared.bin';
    const path = await sourceFile(name);
    const cid = (await node.ipfs('add', '-Q', '--only-hash', path)).trim();
    const dataDir = await uploadKilledAfter('/api/v0/add', path);
    // What the kill leaves: Kubo pinned the content, and nothing saved its CID.
    expect(await at.recursivePins(cid)).toEqual([`${cid} recursive ${name}`]);

    const host = await startTestHost(node, { dataDir });
    try {
      const uploads = host.services.uploads;
      await uploads.idle();
      const item = uploads.list().find((candidate) => candidate.name === name);
      expect(item?.state).toBe('interrupted');
      expect(item?.linking).toBeUndefined();

      await uploads.clear('finished');
      expect(uploads.list().find((candidate) => candidate.name === name)).toBeUndefined();
      expect(await at.recursivePins(cid)).toEqual([]);
      expect(await node.ipfs('files', 'ls', '/')).not.toContain(name);
    } finally {
      await host.stop();
    }
  }, 60_000);

  const sourceChanges = [
    { change: 'rewritten', apply: (path: string) => writeFile(path, randomBytes(1024)) },
    { change: 'deleted', apply: (path: string) => rm(path) },
  ];
  for (const { change, apply } of sourceChanges) {
    it(`after add, with its source ${change} since, the cleared row leaves the pin, which nothing can match`, async () => {
      const name = `killed after add, source ${change}.bin`;
      const path = await sourceFile(name);
      const cid = (await node.ipfs('add', '-Q', '--only-hash', path)).trim();
      const dataDir = await uploadKilledAfter('/api/v0/add', path);
      await apply(path);

      const host = await startTestHost(node, { dataDir });
      try {
        await host.services.uploads.clear('finished');
        expect(host.services.uploads.list()).toEqual([]);
        expect(await at.recursivePins(cid)).toEqual([`${cid} recursive ${name}`]);
      } finally {
        await host.stop();
      }
    }, 60_000);
  }

  async function sourceFile(name: string): Promise<string> {
    const path = join(sources, name);
    await writeFile(path, randomBytes(512 * 1024));
    return path;
  }

  /** Runs the services on a fresh data folder, uploading `path`, and kills them once the node answered `request`. */
  async function uploadKilledAfter(request: string, path: string): Promise<string> {
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-kill-linking-data-'));
    const answered = proxy.hold(request);
    const services = servicesProcess({
      dataDir,
      kuboApi: proxy.url,
      secretKey: randomBytes(32).toString('hex'),
      uploads: [path],
      pinServices: [],
    });
    await answered;
    await services.kill();
    return dataDir;
  }
});
