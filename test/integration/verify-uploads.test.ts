import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadProfile } from '../../shared/settings-options';
import { verifyLocal } from '../../electron/services/verify/verify-local';
import { startKubo, type TestKubo } from '../harness/kubo';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';

/** A small seeded generator: each run is reproducible from its seed, printed on failure. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state % below;
  };
}

const SIZES = [0, 1, 262_143, 262_144, 262_145, 1_048_576, 1_048_577, 1_500_000];
const NAMES = ['a.txt', 'Ünïcode 名前.bin', '.hidden', 'space name', 'z', 'data.json'];
const PROFILES: UploadProfile[] = ['node', 'unixfs-v1-2025', 'unixfs-v0-2015'];

// The property: whatever folder Cairn uploads, with whatever profile and options, Cairn's own Verify
// recognises the CID it got. Folder shapes, file sizes (around chunk boundaries), names, hidden
// files and symlinks are drawn from a seeded generator; the number of runs is bounded.
describe('any upload Cairn makes is recognised by its own Verify', () => {
  let node: TestKubo;
  let uploads: TestUploads;
  let dir: string;
  beforeAll(async () => {
    node = await startKubo();
    uploads = await openTestUploads(() => kuboAt(node.apiUrl));
    dir = await mkdtemp(join(tmpdir(), 'cairn-verify-uploads-'));
  });
  afterAll(async () => {
    await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function drawFolder(root: string, next: (below: number) => number, depth: number): Promise<void> {
    await mkdir(root, { recursive: true });
    const count = next(4) + (depth === 0 ? 1 : 0);
    for (let i = 0; i < count; i++) {
      // The index keeps names apart; a dot file keeps its leading dot, so hidden ones really are.
      const base = NAMES[next(NAMES.length)] ?? 'x';
      const name = base.startsWith('.') ? `.${i}-${base.slice(1)}` : `${i}-${base}`;
      const kind = next(6);
      if (kind === 0 && depth < 2) await drawFolder(join(root, name), next, depth + 1);
      else if (kind === 1) await symlink('elsewhere', join(root, name));
      else await writeFile(join(root, name), Buffer.alloc(SIZES[next(SIZES.length)] ?? 0, i + depth));
    }
  }

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`recognises run ${seed}`, async () => {
      const next = random(seed);
      const root = join(dir, `run-${seed}`);
      await drawFolder(root, next, 0);
      const options = { profile: PROFILES[next(PROFILES.length)] ?? 'node', hidden: next(2) === 0 };
      const [id = ''] = await uploads.enqueue([{ kind: 'path', path: root }], options, `/run-${seed}`);
      const done = await uploads.settled(id);
      expect(done.state, done.error?.message ?? '').toBe('added');
      const cid = done.result?.cid ?? '';
      const result = await verifyLocal({ kind: 'path', path: root }, CID.parse(cid), undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
        node: kuboAt(node.apiUrl),
      });
      // Recognised by its settings, not only by the node's copy of it.
      expect(result.outcome === 'match' && result.matched?.name, `seed ${seed}, ${JSON.stringify(options)}`).toEqual(
        expect.any(String),
      );
    });
  }
});
