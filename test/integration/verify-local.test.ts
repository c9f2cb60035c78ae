import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportSettings, LocalVerification } from '../../shared/ipc/contract';
import { UNIXFS_V0_2015, UNIXFS_V1_2025 } from '../../shared/verify/import-settings';
import { verifyLocal } from '../../electron/services/verify/verify-local';
import { startKubo, type TestKubo } from '../harness/kubo';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';

const KIB = 1024;

// Every case: Kubo's `ipfs add --only-hash` gives a CID, Cairn recomputes it from the same bytes on
// disk without the node, and must find it; with one byte changed, it must not.
describe('verifying a local file or folder against a CID', () => {
  let node: TestKubo;
  let dir: string;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-verify-local-'));
    const files: Record<string, number> = {
      'empty.bin': 0,
      'one-byte.bin': 1,
      'chunk-256k.bin': 256 * KIB,
      'chunk-256k-plus-1.bin': 256 * KIB + 1,
      'chunk-1m.bin': 1024 * KIB,
      'chunk-1m-plus-1.bin': 1024 * KIB + 1,
      // 174 links of 256 KiB fill one v0-2015 node; one byte more needs a second level.
      'links-174.bin': 174 * 256 * KIB,
      'links-174-plus-1.bin': 174 * 256 * KIB + 1,
      // With 1 KiB chunks, 1024 links is 1 MiB: the v1-2025 fan-out at a size a test can afford.
      'links-1024.bin': 1024 * KIB,
      'links-1024-plus-1.bin': 1024 * KIB + 1,
      'trickle.bin': 3 * 1024 * KIB + 7,
    };
    for (const [name, size] of Object.entries(files)) await writeFile(join(dir, name), randomBytes(size));
    await mkdir(join(dir, 'nested', 'a', 'b', 'empty'), { recursive: true });
    await writeFile(join(dir, 'nested', 'top.txt'), 'top\n');
    await writeFile(join(dir, 'nested', 'a', 'middle.bin'), randomBytes(300 * KIB));
    await writeFile(join(dir, 'nested', 'a', 'b', 'deep.txt'), 'deep\n');
    await writeFile(join(dir, 'nested', 'a', 'b', 'ünïcödé 名前 🌲.txt'), 'unicode\n');
    await writeFile(join(dir, 'nested', '.hidden'), 'left out by default\n');
    await symlink('top.txt', join(dir, 'nested', 'link-to-top'));
    // Enough entries with long names that the folder's node passes 256 KiB and Kubo shards it (HAMT).
    await mkdir(join(dir, 'sharded'));
    for (let i = 0; i < 4000; i++) {
      await writeFile(
        join(dir, 'sharded', `entry-with-a-rather-long-name-${String(i).padStart(5, '0')}.txt`),
        `${i}\n`,
      );
    }
    // No file of its own, but 1,200 subfolders with long names: Kubo counts each subfolder's link
    // (about 240 bytes), so the folder passes 256 KiB and is sharded.
    for (let i = 0; i < 1200; i++) {
      const sub = join(dir, 'by-subfolders', `${String(i).padStart(5, '0')}-${'long-name-'.repeat(20)}`);
      await mkdir(sub, { recursive: true });
      await writeFile(join(sub, 'a.txt'), `${i}\n`);
    }
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const kuboCid = async (path: string, ...flags: string[]) =>
    (await node.ipfs('add', '--only-hash', '-Q', '-r', ...flags, join(dir, path))).trim();
  const verify = (path: string, cid: string, settings?: ImportSettings, threadsFromBytes?: number) =>
    verifyLocal({ kind: 'path', path: join(dir, path) }, CID.parse(cid), settings, {
      signal: new AbortController().signal,
      progress: () => undefined,
      node: createKuboClient({ url: node.apiUrl, headers: {} }),
      threadsFromBytes,
    });
  const expectMatch = (result: LocalVerification, name: string) => {
    expect(result.outcome, JSON.stringify(result.outcome === 'no-match' ? result.tried : '')).toBe('match');
    if (result.outcome === 'match') expect(result.matched?.name).toBe(name);
  };

  const profileCases = [
    'empty.bin',
    'one-byte.bin',
    'chunk-256k.bin',
    'chunk-256k-plus-1.bin',
    'chunk-1m.bin',
    'chunk-1m-plus-1.bin',
    'links-174.bin',
    'links-174-plus-1.bin',
    'nested',
    'sharded',
    'by-subfolders',
  ];

  // Large inputs are hashed on worker threads, which read files themselves; every case is checked
  // both ways, whatever its size.
  const hashing = [
    { where: 'on the main thread', threadsFromBytes: Infinity },
    { where: 'on worker threads', threadsFromBytes: 0 },
  ];

  for (const profile of ['unixfs-v1-2025', 'unixfs-v0-2015'] as const) {
    it.each(hashing)(`finds every case added with the ${profile} profile, hashing $where`, async (way) => {
      await node.ipfs('config', 'profile', 'apply', profile);
      for (const path of profileCases) {
        expectMatch(await verify(path, await kuboCid(path), undefined, way.threadsFromBytes), profile);
      }
      // The big folders really are HAMT shards (UnixFS type 5) under this profile.
      for (const folder of ['sharded', 'by-subfolders']) {
        const sharded = (await node.ipfs('add', '-r', '-Q', '--pin=false', join(dir, folder))).trim();
        const root = JSON.parse(await node.ipfs('dag', 'get', sharded)) as { Data: { '/': { bytes: string } } };
        expect(Buffer.from(root.Data['/'].bytes, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x08, 0x05]));
      }
    });
  }

  it('finds a CID made with `ipfs add --cid-version=1` on default settings', async () => {
    // Kubo's defaults, not a profile: unixfs-v0-2015 sets raw leaves off, which --cid-version=1 then keeps.
    await node.ipfs('config', '--json', 'Import', '{}');
    for (const path of ['chunk-256k-plus-1.bin', 'links-174-plus-1.bin', 'nested']) {
      expectMatch(await verify(path, await kuboCid(path, '--cid-version=1')), 'kubo --cid-version=1');
    }
  });

  it('finds a CID made with `ipfs add --cid-version=1 --raw-leaves=false`, which the node never saw', async () => {
    await node.ipfs('config', '--json', 'Import', '{}');
    for (const path of ['one-byte.bin', 'chunk-256k-plus-1.bin', 'nested']) {
      const cid = await kuboCid(path, '--cid-version=1', '--raw-leaves=false');
      expectMatch(await verify(path, cid), 'kubo --cid-version=1 --raw-leaves=false');
    }
  });

  it('finds content added as CIDv0 by the CIDv1 form of its CID, with no node to ask', async () => {
    // An ipfs:// link, a subdomain gateway and `ipfs cid base32` write a CIDv0 as CIDv1: the same
    // block, which Kubo finds by either. Recomputing must find it by either too, without the node.
    await node.ipfs('config', '--json', 'Import', '{}');
    const withoutNode = (path: string, cid: string) =>
      verifyLocal({ kind: 'path', path: join(dir, path) }, CID.parse(cid), undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
        node: null,
      });
    for (const path of ['one-byte.bin', 'chunk-256k-plus-1.bin', 'nested']) {
      const v0 = await kuboCid(path, '--cid-version=0');
      const asV1 = (await node.ipfs('cid', 'base32', v0)).trim();
      expect(asV1).toMatch(/^bafybei/);
      expect((await withoutNode(path, asV1)).outcome, `${path} as ${asV1}`).toBe('match');
    }
  });

  it("finds a CID made with the node's own import settings", async () => {
    await node.ipfs('config', 'Import.UnixFSChunker', 'size-65536');
    try {
      expectMatch(await verify('trickle.bin', await kuboCid('trickle.bin')), 'node settings');
    } finally {
      await node.ipfs('config', 'profile', 'apply', 'unixfs-v0-2015');
    }
  });

  it.each(hashing)(
    'matches explicit settings: 1 KiB chunks around 1024 links, trickle layout, wrapping, hidden files, hashing $where',
    async ({ threadsFromBytes }) => {
      const small: ImportSettings = { ...UNIXFS_V1_2025, chunker: { kind: 'size', size: KIB } };
      for (const path of ['links-1024.bin', 'links-1024-plus-1.bin']) {
        const cid = await kuboCid(
          path,
          '--cid-version=1',
          '--raw-leaves',
          '--chunker=size-1024',
          '--max-file-links=1024',
        );
        expectMatch(await verify(path, cid, small, threadsFromBytes), 'your settings');
      }
      const trickleV0: ImportSettings = { ...UNIXFS_V0_2015, layout: 'trickle' };
      expectMatch(
        await verify('trickle.bin', await kuboCid('trickle.bin', '--trickle'), trickleV0, threadsFromBytes),
        'your settings',
      );
      const trickleV1: ImportSettings = { ...UNIXFS_V1_2025, layout: 'trickle', maxLinks: 174 };
      const trickleV1Cid = await kuboCid(
        'trickle.bin',
        '--trickle',
        '--cid-version=1',
        '--raw-leaves',
        '--chunker=size-1048576',
      );
      expectMatch(await verify('trickle.bin', trickleV1Cid, trickleV1, threadsFromBytes), 'your settings');
      const wrapped = await kuboCid('one-byte.bin', '--wrap-with-directory');
      expectMatch(
        await verify('one-byte.bin', wrapped, { ...UNIXFS_V0_2015, wrap: true }, threadsFromBytes),
        'your settings',
      );
      const hidden = await kuboCid('nested', '--hidden');
      expectMatch(
        await verify('nested', hidden, { ...UNIXFS_V0_2015, hidden: true }, threadsFromBytes),
        'your settings',
      );
    },
  );

  it('never shows a CID for rabin settings, whose chunks Cairn cannot cut as Kubo does, from the user or the node', async () => {
    const rabin = { kind: 'rabin', min: 1024, avg: 4096, max: 16384 } as const;
    const cid = await kuboCid('chunk-256k-plus-1.bin', '--chunker=rabin-1024-4096-16384');
    const mine = await verify('chunk-256k-plus-1.bin', cid, { ...UNIXFS_V0_2015, chunker: rabin });
    await node.ipfs('config', 'Import.UnixFSChunker', 'rabin-1024-4096-16384');
    try {
      const nodes = await verify('chunk-256k-plus-1.bin', cid);
      for (const [result, name] of [
        [mine, 'your settings'],
        [nodes, 'node settings'],
      ] as const) {
        // Not held by the node: nothing decides, and no settings claim a CID Kubo would not give.
        expect(result.outcome).toBe('unknown');
        if (result.outcome === 'match') continue;
        expect(result.tried.map((one) => one.name)).not.toContain(name);
        expect(result.skipped).toContainEqual({
          name,
          reason: "Cairn's rabin chunker does not cut where Kubo's does, so it cannot recompute a rabin CID",
        });
      }
    } finally {
      await node.ipfs('config', 'profile', 'apply', 'unixfs-v0-2015');
    }
  });

  it.each(hashing)(
    'gives the same answers for bytes sent by the browser harness as for paths, hashing $where',
    async ({ threadsFromBytes }) => {
      await node.ipfs('config', 'profile', 'apply', 'unixfs-v1-2025');
      const signal = new AbortController().signal;
      const options = { signal, progress: () => undefined, node: null, threadsFromBytes };
      const data = await readFile(join(dir, 'chunk-1m-plus-1.bin'));
      const single = await verifyLocal(
        { kind: 'bytes', name: 'chunk-1m-plus-1.bin', folder: false, entries: [{ path: '', data }] },
        CID.parse(await kuboCid('chunk-1m-plus-1.bin')),
        undefined,
        options,
      );
      expectMatch(single, 'unixfs-v1-2025');
      const names = await readdir(join(dir, 'sharded'));
      const entries = await Promise.all(
        names.map(async (name) => ({ path: name, data: await readFile(join(dir, 'sharded', name)) })),
      );
      const folder = await verifyLocal(
        { kind: 'bytes', name: 'sharded', folder: true, entries },
        CID.parse(await kuboCid('sharded')),
        undefined,
        options,
      );
      expectMatch(folder, 'unixfs-v1-2025');
    },
  );

  it('reports progress in bytes, and stops when cancelled', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const running = verifyLocal(
      { kind: 'path', path: join(dir, 'links-174-plus-1.bin') },
      CID.parse(await kuboCid('links-174-plus-1.bin', '--cid-version=1')),
      undefined,
      {
        signal: controller.signal,
        progress: (bytes, total) => {
          seen.push(bytes);
          expect(total).toBe(174 * 256 * KIB + 1);
          if (bytes >= 8 * 1024 * KIB) controller.abort();
        },
        node: null,
      },
    );
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.at(-1)).toBeLessThan(174 * 256 * KIB);
    expect(seen.some((bytes) => bytes > 0)).toBe(true);
  });

  it("counts the bytes compared with the node's copy as a stage of its own, once no settings tried give the CID", async () => {
    const size = 1024 * KIB + 1;
    // A chunker no known profile uses: only the node's copy can decide.
    const cid = (
      await node.ipfs('add', '-Q', '--cid-version=1', '--chunker=size-1000', join(dir, 'chunk-1m-plus-1.bin'))
    ).trim();
    const seen: { bytes: number; stage: string }[] = [];
    const attempts = new Set<string>();
    const result = await verifyLocal(
      { kind: 'path', path: join(dir, 'chunk-1m-plus-1.bin') },
      CID.parse(cid),
      undefined,
      {
        signal: new AbortController().signal,
        progress: (bytes, total, stage) => {
          expect(total).toBe(size);
          seen.push({ bytes, stage: stage?.stage ?? 'hashing' });
          if (stage?.attempt) attempts.add(`${stage.attempt.name}, ${stage.attempt.at} of ${stage.attempt.of}`);
        },
        node: createKuboClient({ url: node.apiUrl, headers: {} }),
      },
    );
    expect(result).toMatchObject({ outcome: 'match', matched: null });
    // Each settings tried reads the file again, and says which it is: the bytes starting over are no surprise.
    expect([...attempts]).toEqual(result.tried.map(({ name }, at) => `${name}, ${at + 1} of ${result.tried.length}`));
    expect(attempts.size).toBeGreaterThan(1);
    const from = seen.findIndex(({ stage }) => stage === 'node-copy');
    const comparing = seen.slice(from);
    expect(seen.slice(0, from).some(({ bytes }) => bytes === size)).toBe(true);
    expect(comparing.map(({ stage }) => stage)).toEqual(comparing.map(() => 'node-copy'));
    expect(comparing[0]?.bytes).toBe(0);
    expect(comparing.at(-1)?.bytes).toBe(size);
    expect(comparing.every(({ bytes }, at) => at === 0 || bytes >= (comparing[at - 1]?.bytes ?? 0))).toBe(true);
  });

  it('fails clearly or completes when a hashing thread is killed mid-verification, and the next one works', async () => {
    await node.ipfs('config', 'profile', 'apply', 'unixfs-v1-2025');
    const cid = await kuboCid('links-174-plus-1.bin');
    // The pool's real threads, as they are given leaves; the first is terminated while it hashes.
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    let killed: Promise<number> | undefined;
    const outcome = await verifyLocal(
      { kind: 'path', path: join(dir, 'links-174-plus-1.bin') },
      CID.parse(cid),
      undefined,
      {
        signal: new AbortController().signal,
        progress: () => {
          const thread: unknown = posted.mock.contexts[0];
          if (thread instanceof Worker) killed ??= thread.terminate();
        },
        node: null,
        threadsFromBytes: 0,
      },
    ).then(
      (result) => result.outcome,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    posted.mockRestore();
    expect(await killed).toEqual(expect.any(Number));
    expect(outcome).toMatch(/^(match|a hashing thread stopped \(exit code \d+\))$/);
    expectMatch(await verify('links-174-plus-1.bin', cid, undefined, 0), 'unixfs-v1-2025');
  });

  // `--only-hash`: the node has no copy to compare with. A raw CID is its bytes' hash, which decides;
  // a larger file's CID may come from settings not tried, so Cairn cannot tell, and says so.
  it('never matches once one byte has changed, and says what it tried', async () => {
    await node.ipfs('config', 'profile', 'apply', 'unixfs-v1-2025');
    const verdicts = {
      'one-byte.bin': 'no-match',
      'chunk-1m-plus-1.bin': 'unknown',
      'links-174-plus-1.bin': 'unknown',
    };
    for (const [path, verdict] of Object.entries(verdicts)) {
      const cid = await kuboCid(path);
      const bytes = await readFile(join(dir, path));
      const middle = bytes.length >> 1;
      bytes.writeUInt8((bytes.readUInt8(middle) ^ 0x01) & 0xff, middle);
      await writeFile(join(dir, path), bytes);
      const result = await verify(path, cid);
      expect(result.outcome).toBe(verdict);
      if (result.outcome === 'match') continue;
      // Leaves wrapped as UnixFS cannot give a raw CID: tried for a dag-pb one only, CIDv0 settings last
      // (a dag-pb CIDv1 may be a CIDv0 written as CIDv1).
      const dagPb = cid.startsWith('bafy');
      const wrapped = dagPb ? ['kubo --cid-version=1 --raw-leaves=false', 'unixfs-v0-2015'] : [];
      expect(result.tried.map((tried) => tried.name)).toEqual(['unixfs-v1-2025', 'kubo --cid-version=1', ...wrapped]);
      if (!dagPb) expect(result.skipped.map((skipped) => skipped.name)).toContain('unixfs-v0-2015');
      for (const tried of result.tried) expect(CID.parse(tried.cid).toV1().toString()).not.toBe(cid);
    }
  });

  it('points at the entries that differ in a folder the node has', async () => {
    await node.ipfs('config', 'profile', 'apply', 'unixfs-v0-2015');
    const cid = (await node.ipfs('add', '-r', '-Q', join(dir, 'nested'))).trim();
    await writeFile(join(dir, 'nested', 'a', 'b', 'deep.txt'), 'deeper\n');
    await writeFile(join(dir, 'nested', 'new.txt'), 'new\n');
    const result = await verify('nested', cid);
    expect(result.outcome).toBe('no-match');
    if (result.outcome !== 'no-match') return;
    const differences = result.differences?.map(({ path, kind }) => `${kind} ${path}`).sort();
    expect(differences).toEqual(['differs a', 'differs a/b', 'differs a/b/deep.txt', 'extra new.txt']);
  });
});
