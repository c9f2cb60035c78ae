import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorageProblem } from '../../shared/ipc/contract';
import type { Logger } from '../../electron/services/log';
import { openDataStore } from '../../electron/services/store/data-store';
import { bindingsFile, publishLogFile } from '../../electron/services/store/files/ipns-files';
import { localPinsFile } from '../../electron/services/store/files/local-pins-file';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const A = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const B = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const WHEN = '2026-12-03T22:00:00.000Z';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-stored-times-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openStore() {
  const store = await openDataStore(dir, quiet);
  const problems: StorageProblem[] = [];
  store.onProblem((problem) => problems.push(problem));
  return { store, problems };
}
const setAside = async (name: string) =>
  (await readdir(dir)).filter((file) => file.startsWith(`${name}.unreadable-`)).length;

// A time no Date holds was shown as "Invalid Date" (or scheduled nothing): its entry is left out,
// the file kept aside and the user told, as for any entry Cairn did not write.
describe('times in state files', () => {
  it('leaves out a pin time no date can hold, in the snapshot and in the journal', async () => {
    await writeFile(
      join(dir, 'local-pins.json'),
      JSON.stringify({
        version: 2,
        pins: [
          { cid: A, pinnedAt: 1e300 },
          { cid: B, pinnedAt: 2000 },
        ],
      }),
    );
    await writeFile(join(dir, 'local-pins.journal'), `${JSON.stringify({ put: { cid: A, pinnedAt: 1.5 } })}\n`);
    const { store, problems } = await openStore();
    const pins = await store.openList(localPinsFile);
    expect(pins.values()).toEqual([{ cid: B, pinnedAt: 2000 }]);
    expect(problems.map((problem) => problem.file).sort()).toEqual(['local-pins.journal', 'local-pins.json']);
    expect(await setAside('local-pins.json')).toBe(1);
  });

  it('leaves out a binding or a publish whose date is not one, and keeps the others', async () => {
    const binding = { keyName: 'site', mfsPath: '/site', minIntervalSeconds: 60, state: 'pending' };
    await writeFile(
      join(dir, 'ipns-bindings.json'),
      JSON.stringify({
        version: 1,
        bindings: [
          { ...binding, keyId: 'k1', lastPublishedAt: 'yesterday' },
          { ...binding, keyId: 'k2', dueAt: '' },
          { ...binding, keyId: 'k3', lastPublishedAt: WHEN, dueAt: WHEN },
        ],
      }),
    );
    const published = { value: `/ipfs/${B}`, validUntil: WHEN, reachedNetwork: false };
    await writeFile(
      join(dir, 'ipns-published.json'),
      JSON.stringify({
        version: 1,
        byName: { k1: { ...published, publishedAt: 'soon' }, k3: { ...published, publishedAt: WHEN } },
      }),
    );
    const { store, problems } = await openStore();
    expect((await store.open(bindingsFile)).get().map((kept) => kept.keyId)).toEqual(['k3']);
    expect(Object.keys((await store.open(publishLogFile)).get())).toEqual(['k3']);
    expect(problems).toMatchObject([
      { kind: 'unreadable', file: 'ipns-bindings.json', kept: 1, dropped: 2 },
      { kind: 'unreadable', file: 'ipns-published.json', kept: 1, dropped: 1 },
    ]);
  });
});
