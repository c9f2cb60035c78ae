import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorageProblem } from '../../shared/ipc/contract';
import type { Logger } from '../../electron/services/log';
import { openDataStore } from '../../electron/services/store/data-store';
import { localPinsFile } from '../../electron/services/store/files/local-pins-file';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const A = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const B = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-local-pins-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open() {
  const store = await openDataStore(dir, quiet);
  const problems: StorageProblem[] = [];
  store.onProblem((problem) => problems.push(problem));
  return { pins: await store.openList(localPinsFile), problems };
}
const onDisk = async () => JSON.parse(await readFile(join(dir, 'local-pins.json'), 'utf8')) as unknown;

describe('the pin times file', () => {
  it('reads the times an older Cairn kept as a map (version 1) and writes them as a list', async () => {
    await writeFile(join(dir, 'local-pins.json'), JSON.stringify({ version: 1, pinnedAt: { [A]: 1000, [B]: 2000 } }));
    const { pins, problems } = await open();
    expect(pins.get(A)?.pinnedAt).toBe(1000);
    expect(pins.get(B)?.pinnedAt).toBe(2000);
    expect(problems).toEqual([]);
    expect(await onDisk()).toEqual({
      version: 2,
      pins: [
        { cid: A, pinnedAt: 1000 },
        { cid: B, pinnedAt: 2000 },
      ],
    });
  });

  it('reads the first format, the bare map, the same way', async () => {
    await writeFile(join(dir, 'local-pins.json'), JSON.stringify({ [A]: 1000 }));
    const { pins } = await open();
    expect(pins.values()).toEqual([{ cid: A, pinnedAt: 1000 }]);
  });

  it('keeps the good times of a version-1 map, drops and counts one that is not a time', async () => {
    await writeFile(join(dir, 'local-pins.json'), JSON.stringify({ version: 1, pinnedAt: { [A]: 1000, [B]: 'soon' } }));
    const { pins, problems } = await open();
    expect(pins.values()).toEqual([{ cid: A, pinnedAt: 1000 }]);
    expect(problems).toMatchObject([{ kind: 'unreadable', file: 'local-pins.json', kept: 1, dropped: 1 }]);
  });

  it('sets aside a version-1 file whose times are not a map', async () => {
    await writeFile(join(dir, 'local-pins.json'), JSON.stringify({ version: 1, pinnedAt: [A] }));
    const { pins, problems } = await open();
    expect(pins.values()).toEqual([]);
    expect(problems).toMatchObject([{ kind: 'unreadable', file: 'local-pins.json', kept: 0 }]);
  });

  it('appends a noted pin to its journal and finds it again after a restart', async () => {
    const { pins } = await open();
    await pins.put([{ cid: A, pinnedAt: 1000 }]);
    await pins.put([{ cid: B, pinnedAt: 2000 }]);
    await pins.remove([A]);
    expect((await readFile(join(dir, 'local-pins.journal'), 'utf8')).trim().split('\n')).toHaveLength(3);
    const { pins: again } = await open();
    expect(again.values()).toEqual([{ cid: B, pinnedAt: 2000 }]);
  });
});
