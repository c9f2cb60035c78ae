import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProfile } from '../../shared/settings-options';
import { UNIXFS_V0_2015, UNIXFS_V1_2025 } from '../../shared/verify/import-settings';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';
import { verifyLocal } from '../../electron/services/verify/verify-local';
import { hashWithProfile } from '../../electron/services/uploads/import-route';
import { walk } from '../../electron/services/walk';
import { startKubo, type TestKubo } from '../harness/kubo';
import {
  leafLink,
  namesWithEstimate,
  THRESHOLD,
  writeFlatFolder,
  writeFolderOfFolders,
  type Estimation,
} from '../harness/shard-threshold';
import { until } from '../harness/until';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';

const PROFILES: ImportProfile[] = ['unixfs-v0-2015', 'unixfs-v1-2025'];
const SETTINGS = { 'unixfs-v0-2015': UNIXFS_V0_2015, 'unixfs-v1-2025': UNIXFS_V1_2025 };
const CONTENT = new TextEncoder().encode('x');

interface Shape {
  name: string;
  hidden: boolean;
}

/** Whether Kubo, with this profile applied, shards the shape's root: what the shape was made for. */
interface Sharding {
  shape: Shape;
  profile: ImportProfile;
  sharded: boolean;
}

// Kubo takes folder sharding only from its config, never from `add` flags: an upload with a chosen
// profile must still give the CID `ipfs add -r` gives on a node with that profile applied. Each
// folder shape is uploaded with each profile to nodes configured with each, through the real upload
// queue, and each result is recognised by Cairn's own Verify under the profile's name.
describe('an upload with a chosen profile gives the CID of a node with that profile applied', () => {
  const nodes = {} as Record<ImportProfile, TestKubo>;
  let dir: string;
  const shapes: Shape[] = [];
  const shardings: Sharding[] = [];
  /** `ipfs add -r` on the node with the profile applied, by profile and shape. */
  const expected = new Map<string, string>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-profiles-'));
    for (const profile of PROFILES) nodes[profile] = await startKubo({ apply: [profile] });

    // Just below, at and just above the threshold, computed for each profile's own estimate.
    const thresholds: [Estimation, ImportProfile][] = [
      ['links', 'unixfs-v0-2015'],
      ['block', 'unixfs-v1-2025'],
    ];
    for (const [estimation, profile] of thresholds) {
      const link = await leafLink(CONTENT, SETTINGS[profile].cidVersion);
      for (const offset of [-1, 0, 1]) {
        const name = `${estimation} ${offset < 0 ? 'below' : offset === 0 ? 'at' : 'above'}`;
        await writeFlatFolder(join(dir, name), namesWithEstimate(estimation, link, THRESHOLD + offset), CONTENT);
        const shape = { name, hidden: false };
        shapes.push(shape);
        shardings.push({ shape, profile, sharded: offset > 0 });
      }
    }
    await writeFolderOfFolders(join(dir, 'subfolders'), CONTENT);
    const subfolders = { name: 'subfolders', hidden: false };
    shapes.push(subfolders);
    for (const profile of PROFILES) shardings.push({ shape: subfolders, profile, sharded: true });
    await writeLinksAndDotFiles(join(dir, 'links and dots'));
    shapes.push({ name: 'links and dots', hidden: false }, { name: 'links and dots', hidden: true });

    for (const profile of PROFILES) {
      for (const shape of shapes) {
        const flags = shape.hidden ? ['-r', '-H'] : ['-r'];
        const cid = (await nodes[profile].ipfs('add', ...flags, '-Q', join(dir, shape.name))).trim();
        expected.set(key(profile, shape), cid);
      }
    }
  }, 120_000);
  afterAll(async () => {
    for (const node of Object.values(nodes)) await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('computed the threshold folders right: Kubo shards exactly those above the threshold', async () => {
    for (const { shape, profile, sharded } of shardings) {
      const root = CID.parse(expected.get(key(profile, shape)) ?? '');
      const block = await nodes[profile].client.block.get(root);
      const type = UnixFS.unmarshal(dagPb.decode(block).Data ?? new Uint8Array()).type;
      expect(type, `${shape.name} with ${profile}`).toBe(sharded ? 'hamt-sharded-directory' : 'directory');
    }
  });

  describe.each(PROFILES)('on a node with %s applied', (nodeProfile) => {
    let uploads: TestUploads;
    beforeAll(async () => {
      uploads = await openTestUploads(() => kuboAt(nodes[nodeProfile].apiUrl));
    });
    afterAll(async () => {
      await uploads.close();
    });

    it.each(PROFILES)(
      'uploads every shape with %s as a node with it applied does, and Verify names it',
      async (profile) => {
        const queued = [];
        for (const shape of shapes) {
          const [id = ''] = await uploads.enqueue(
            [{ kind: 'path', path: join(dir, shape.name) }],
            { profile, hidden: shape.hidden },
            `/${profile}/${shape.hidden ? 'with hidden' : 'without hidden'}`,
          );
          queued.push({ shape, id });
        }
        for (const { shape, id } of queued) {
          const done = await uploads.settled(id);
          const what = `${shape.name}${shape.hidden ? ' (hidden included)' : ''} with ${profile}`;
          expect(done.state, `${what}: ${done.error?.message ?? ''}`).toBe('added');
          expect(done.result?.cid, what).toBe(expected.get(key(profile, shape)));
          expect(done, what).toMatchObject({ bytesDone: done.totalBytes, filesDone: done.totalFiles });
          const verified = await verifyLocal(
            { kind: 'path', path: join(dir, shape.name) },
            CID.parse(done.result?.cid ?? ''),
            // Verify's profiles leave dot files out, as `ipfs add -r` does; with them, it is told so.
            shape.hidden ? { ...SETTINGS[profile], hidden: true } : undefined,
            {
              signal: new AbortController().signal,
              progress: () => undefined,
              node: kuboAt(nodes[nodeProfile].apiUrl),
            },
          );
          expect(verified.outcome, what).toBe('match');
          if (verified.outcome === 'match' && !shape.hidden) expect(verified.matched?.name, what).toBe(profile);
        }
      },
      60_000,
    );
  });
});

// The route that builds the DAG in Cairn (unixfs-v1-2025 on a node sharding as unixfs-v0-2015 does)
// reports progress, names its pin and can be cancelled, as `add` does.
describe('an upload built by Cairn and imported as a CAR', () => {
  let node: TestKubo;
  let uploads: TestUploads;
  let dir: string;
  beforeAll(async () => {
    node = await startKubo({ apply: ['unixfs-v0-2015'] });
    uploads = await openTestUploads(() => kuboAt(node.apiUrl));
    dir = await mkdtemp(join(tmpdir(), 'cairn-car-route-'));
  });
  afterAll(async () => {
    await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports every byte and file, pins under the upload’s name and links it into Files', async () => {
    const root = join(dir, 'photos');
    await mkdir(root);
    await writeFile(join(root, 'one.bin'), randomBytes(3 * 1024 * 1024 + 1));
    await writeFile(join(root, 'two.bin'), randomBytes(1024 * 1024));
    await writeFile(join(root, 'note.txt'), 'small');
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: root }], { profile: 'unixfs-v1-2025' }, '/car');
    const done = await uploads.settled(id);
    const totalBytes = 4 * 1024 * 1024 + 1 + 5;
    expect(done).toMatchObject({ state: 'added', totalBytes, bytesDone: totalBytes, totalFiles: 3, filesDone: 3 });
    const cid = done.result?.cid ?? '';
    expect(cid).toMatch(/^bafybei/);
    expect(await node.ipfs('pin', 'ls', '--type=recursive', '--names', cid)).toContain('photos');
    expect((await node.ipfs('files', 'stat', '--hash', '/car/photos')).trim()).toBe(cid);
  });

  it('hashed again, as a cleared upload stopped before its CID was saved is, gives its CID and stores nothing', async () => {
    const root = join(dir, 'hashed again');
    await mkdir(root);
    await writeFile(join(root, 'a.bin'), randomBytes(1536 * 1024));
    await writeFile(join(root, 'b.txt'), 'b');
    const signal = new AbortController().signal;
    const { entries } = await walk(root, { hidden: false, symlinks: 'preserve', signal });
    const hashed = await hashWithProfile(kuboAt(node.apiUrl), entries, { profile: 'unixfs-v1-2025', signal });
    const stored = () =>
      node.ipfs('block', 'stat', '--offline', hashed).then(
        () => 'stored',
        () => 'not stored',
      );
    expect(await stored()).toBe('not stored');

    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: root }], { profile: 'unixfs-v1-2025' }, '/hashed');
    expect(await uploads.settled(id)).toMatchObject({ state: 'added', result: { cid: hashed } });
    expect(await stored()).toBe('stored');
  });

  it('cancels mid-way without leaving anything in Files, and the next upload lands', async () => {
    const root = join(dir, 'large');
    await mkdir(root);
    const handle = await open(join(root, 'sparse.bin'), 'w');
    await handle.truncate(1024 * 1024 * 1024);
    await handle.close();
    const [id = ''] = await uploads.enqueue(
      [{ kind: 'path', path: root }],
      { profile: 'unixfs-v1-2025' },
      '/cancelled',
    );
    await until('bytes flowing', () => uploads.item(id).bytesDone > 0, 30_000);
    uploads.queue.cancel([id]);
    expect(await uploads.settled(id)).toMatchObject({ state: 'cancelled' });
    expect(await node.ipfs('files', 'ls', '/')).not.toContain('cancelled');

    await writeFile(join(root, 'sparse.bin'), 'smaller now');
    uploads.queue.retry([id]);
    expect(await uploads.settled(id)).toMatchObject({ state: 'added', result: { path: '/cancelled/large' } });
  });

  it('refuses with the reason and what to do when the node does not take the import', async () => {
    const bearer = 'bearer:no-dag-import';
    const allowed = ['/api/v0/version', '/api/v0/config', '/api/v0/add', '/api/v0/files', '/api/v0/pin'];
    const guarded = await startKubo({ authorizations: { me: { AuthSecret: bearer, AllowedPaths: allowed } } });
    const guardedUploads = await openTestUploads(() =>
      createKuboClient({ url: guarded.apiUrl, headers: { Authorization: 'Bearer no-dag-import' } }),
    );
    try {
      const root = join(dir, 'refused');
      await mkdir(root);
      await writeFile(join(root, 'a.txt'), 'a');
      const [id = ''] = await guardedUploads.enqueue([{ kind: 'path', path: root }], { profile: 'unixfs-v1-2025' });
      const done = await guardedUploads.settled(id);
      expect(done).toMatchObject({
        state: 'failed',
        error: { code: 'NODE_ERROR', details: { action: 'import-with-profile', target: 'unixfs-v1-2025' } },
      });
      expect(done.error?.message).toContain('Import.UnixFSHAMTDirectorySizeEstimation');
      expect(done.error?.message).toContain('ipfs config profile apply unixfs-v1-2025');
    } finally {
      await guardedUploads.close();
      await guarded.stop();
    }
  });
});

function key(profile: ImportProfile, shape: Shape): string {
  return `${profile}/${shape.name}/${shape.hidden}`;
}

/** Symlinks (to a file, to a folder, dangling) and dot files and folders, at the root and below. */
async function writeLinksAndDotFiles(root: string): Promise<void> {
  await mkdir(join(root, 'nested', '.dot folder'), { recursive: true });
  await writeFile(join(root, 'a.txt'), 'a');
  await writeFile(join(root, '.hidden'), 'hidden');
  await writeFile(join(root, 'nested', '.env'), 'secret');
  await writeFile(join(root, 'nested', '.dot folder', 'inside.txt'), 'inside');
  await symlink('a.txt', join(root, 'to a file'));
  await symlink('nested', join(root, 'to a folder'));
  await symlink('nowhere', join(root, 'nested', 'dangling'));
}
