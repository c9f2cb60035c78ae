import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageProblem } from '../../../shared/ipc/contract';
import { caller } from '../../harness/call';
import { startTestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { fillDisk, mountSmallDisk, unmountSmallDisk } from '../../harness/small-disk';

const base = await mkdtemp(join(tmpdir(), 'cairn-damaged-full-'));
const dataDir = join(base, 'data');
const cannotMount = await mountSmallDisk(dataDir, '1m');
if (cannotMount) {
  console.warn(`damaged-on-full-disk suite skipped: ${cannotMount}`);
  await rm(base, { recursive: true, force: true });
}

const kept = {
  item: {
    id: '0b0a3c2e-8d2a-4a4f-9a57-2d0c6f1d2a11',
    name: 'kept.txt',
    kind: 'file',
    folder: '/',
    options: { profile: 'node', pin: true, hidden: false, symlinks: 'preserve', pinServices: [] },
    state: 'failed',
    totalBytes: 5,
    totalFiles: 1,
    bytesDone: 0,
    filesDone: 0,
    createdAt: 1,
    startedAt: 1,
    finishedAt: 2,
    error: { code: 'NODE_UNAVAILABLE', message: 'the node stopped' },
  },
  source: { kind: 'path', path: '/tmp/kept.txt', car: false },
};

/**
 * A state file with one damaged entry, on a disk too full to write what was kept of it: the entries
 * that read are not lost at the next start, when the disk has room again.
 */
describe.skipIf(cannotMount !== null)('a damaged state file on a full disk', () => {
  let node: TestKubo;
  beforeAll(async () => {
    node = await startKubo();
  });
  afterAll(async () => {
    await node.stop();
    await unmountSmallDisk(dataDir);
    await rm(base, { recursive: true, force: true });
  });

  const damaged: [string, string, string][] = [
    ['uploads.json', 'a snapshot', JSON.stringify({ version: 3, uploads: [kept, { item: 'damaged' }] })],
    ['uploads.journal', 'a journal', `${JSON.stringify({ put: kept })}\n{"put": "damaged"}\n`],
  ];
  /** The disk as the next case finds it: nothing on it. */
  async function emptied(): Promise<void> {
    for (const name of await readdir(dataDir)) await rm(join(dataDir, name), { recursive: true, force: true });
  }

  it.each(damaged)(
    '%s, %s: keeps the entries that read for the next start, though they could not be written',
    async (name, _, text) => {
      await writeFile(join(dataDir, name), text);
      // One page left free, which the data folder's lock takes: nothing else can be written.
      const spare = join(dataDir, 'spare');
      await writeFile(spare, 'x');
      const filler = await fillDisk(dataDir);
      await rm(spare);

      const full = await startTestHost(node, { dataDir });
      let problems: StorageProblem[];
      try {
        problems = full.services.store.problems();
        expect(full.services.uploads.list()).toMatchObject([{ name: 'kept.txt' }]);
      } finally {
        await full.dispose();
      }
      expect(problems).toContainEqual(expect.objectContaining({ kind: 'unreadable', file: name, kept: 1 }));

      await rm(filler);
      const roomy = await startTestHost(node, { dataDir });
      try {
        expect(await caller(roomy.dispatcher).call('uploads.list', {})).toMatchObject([{ name: 'kept.txt' }]);
      } finally {
        await roomy.dispose();
        await emptied();
      }
    },
    60_000,
  );
});
