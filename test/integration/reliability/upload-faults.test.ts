import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { createKeepService } from '../../../electron/services/keep/keep-service';
import { carOf } from '../../harness/car-of';
import type { FaultProxy } from '../../harness/fault-proxy';
import type { TestKubo } from '../../harness/kubo';
import { startProxiedKubo, type ProxiedKubo } from '../../harness/proxied-kubo';
import { kuboAt, openTestUploads } from '../../harness/uploads';

/**
 * The steps after an upload's add, each refused by the node once (HTTP 500); past the copy, Files
 * links the content (the refused flush only leaves it unwritten), so its pin stays.
 */
const steps = [
  { step: '/api/v0/files/mkdir', inFiles: false },
  { step: '/api/v0/files/cp', inFiles: false },
  { step: '/api/v0/files/flush', inFiles: true },
];

/** What one upload of a file asks the node, as on main: nothing on this path pays for the rare failed one. */
const CALLS_OF_AN_UPLOAD = ['/api/v0/add', '/api/v0/files/mkdir', '/api/v0/files/cp', '/api/v0/files/flush'];

describe('an upload the node fails after its add', () => {
  let at: ProxiedKubo;
  let node: TestKubo;
  let proxy: FaultProxy;
  let sources: string;

  beforeAll(async () => {
    ({ node, proxy, sources } = at = await startProxiedKubo('cairn-upload-faults-'));
  });
  afterAll(() => at.stop());

  for (const { step, inFiles } of steps) {
    it(`at ${step}: the row fails saying so, and clearing it leaves a pin only of what Files holds`, async () => {
      const name = `refused at ${step.split('/').at(-1) ?? ''}.bin`;
      const path = join(sources, name);
      await writeFile(path, randomBytes(256 * 1024));
      const cid = (await node.ipfs('add', '-Q', '--only-hash', path)).trim();
      const uploads = await openTestUploads(() => kuboAt(proxy.url));
      try {
        proxy.inject({ kind: 'server-error', status: 500 }, 1, step);
        const [id = ''] = await uploads.enqueue([{ kind: 'path', path }], {}, '/refused');
        expect(await uploads.settled(id)).toMatchObject({ state: 'failed', error: { code: 'NODE_ERROR' } });

        await uploads.queue.clear([id]);
        expect(await at.recursivePins(cid)).toEqual(inFiles ? [`${cid} recursive ${name}`] : []);
        expect(await node.ipfs('files', 'ls', '/refused').catch(() => '')).toBe(inFiles ? `${name}\n` : '');
      } finally {
        proxy.clear();
        await uploads.close();
      }
    }, 60_000);
  }

  it('a failed row whose content another row landed keeps that pin once cleared', async () => {
    const name = 'landed once, refused once.bin';
    const path = join(sources, name);
    await writeFile(path, randomBytes(256 * 1024));
    const uploads = await openTestUploads(() => kuboAt(proxy.url));
    try {
      const [landedId = ''] = await uploads.enqueue([{ kind: 'path', path }], {}, '/kept');
      const landed = await uploads.settled(landedId);
      expect(landed.state).toBe('added');
      proxy.inject({ kind: 'server-error', status: 500 }, 1, '/api/v0/files/mkdir');
      const [id = ''] = await uploads.enqueue([{ kind: 'path', path }], {}, '/refused again');
      expect(await uploads.settled(id)).toMatchObject({ state: 'failed' });

      await uploads.queue.clear([id]);
      const cid = landed.result?.cid ?? '';
      expect(await at.recursivePins(cid)).toEqual([`${cid} recursive ${name}`]);
    } finally {
      proxy.clear();
      await uploads.close();
    }
  }, 60_000);

  it('a failed row whose content the node pinned before its add leaves that pin once cleared', async () => {
    const name = 'pinned before, refused.bin';
    const path = join(sources, name);
    await writeFile(path, randomBytes(256 * 1024));
    const cid = (await node.ipfs('add', '-Q', '--pin=false', path)).trim();
    await node.ipfs('pin', 'add', '--name', 'my own pin', cid);
    const kubo = kuboAt(proxy.url);
    const keep = createKeepService({ kubo: () => kubo, remote: () => [] });
    // Read as the app reads pins for any view that shows what keeps content.
    expect((await keep.onNode([cid]))[cid]?.keep).toBe('recursive');
    const uploads = await openTestUploads(
      () => kubo,
      undefined,
      () => keep.pinnedAsLastRead(),
    );
    try {
      proxy.inject({ kind: 'server-error', status: 500 }, 1, '/api/v0/files/mkdir');
      const [id = ''] = await uploads.enqueue([{ kind: 'path', path }], {}, '/pinned before');
      expect(await uploads.settled(id)).toMatchObject({ state: 'failed', pinnedBefore: [cid] });

      await uploads.queue.clear([id]);
      // Kubo's add gave the pin the upload's name; the pin is still there.
      expect(await at.recursivePins(cid)).toEqual([`${cid} recursive ${name}`]);
    } finally {
      proxy.clear();
      await uploads.close();
    }
  }, 60_000);

  it('a CAR upload refused at its folder leaves none of its roots pinned once cleared', async () => {
    const name = 'two roots, refused.car';
    const path = join(sources, name);
    const blocks = await Promise.all(
      [randomBytes(1024), randomBytes(1024)].map(async (bytes) => ({
        cid: CID.create(1, raw.code, await sha256.digest(bytes)),
        bytes,
      })),
    );
    await writeFile(
      path,
      await carOf(
        blocks.map(({ cid }) => cid),
        blocks,
      ),
    );
    const uploads = await openTestUploads(() => kuboAt(proxy.url));
    try {
      proxy.inject({ kind: 'server-error', status: 500 }, 1, '/api/v0/files/mkdir');
      const [id = ''] = await uploads.enqueue([{ kind: 'path', path, car: true }], {}, '/refused cars');
      expect(await uploads.settled(id)).toMatchObject({ state: 'failed', kind: 'car' });
      const [first, second] = blocks.map(({ cid }) => cid.toString());
      expect(await at.recursivePins(first ?? '')).toEqual([`${first} recursive ${name}`]);

      await uploads.queue.clear([id]);
      expect(await at.recursivePins(first ?? '')).toEqual([]);
      expect(await at.recursivePins(second ?? '')).toEqual([]);
    } finally {
      proxy.clear();
      await uploads.close();
    }
  }, 60_000);

  it('a normal upload asks the node nothing more than its add and its place in Files', async () => {
    const path = join(sources, 'landed at once.bin');
    await writeFile(path, randomBytes(256 * 1024));
    const uploads = await openTestUploads(() => kuboAt(proxy.url));
    try {
      const before = proxy.seen.length;
      const [id = ''] = await uploads.enqueue([{ kind: 'path', path }], {}, '/landed');
      expect(await uploads.settled(id)).toMatchObject({ state: 'added' });
      const asked = proxy.seen.slice(before).map((request) => new URL(request.path, proxy.url).pathname);
      expect(asked).toEqual(CALLS_OF_AN_UPLOAD);
    } finally {
      await uploads.close();
    }
  }, 60_000);
});
