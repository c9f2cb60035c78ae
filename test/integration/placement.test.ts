import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'kubo-rpc-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKuboClient, type KuboClient } from '../../electron/services/kubo/kubo-client';
import { initRepo, kubo, startDaemon, type KuboDaemon } from '../../electron/services/node/kubo-process';
import { folderPlacer, numbered } from '../../electron/services/uploads/place-in-files';
import { resolveTestKuboBinary } from '../harness/kubo-binary';

// Uploads linked into Files in batches, one flush a batch, on a real offline Kubo whose daemon the
// test can kill, to see what its repo kept.
describe('placing uploads in a Files folder', () => {
  let repo: { binary: string; repoPath: string };
  let daemon: KuboDaemon;
  let node: KuboClient;
  /** The commands the placer sent, in order. */
  let sent: string[];

  beforeEach(async () => {
    repo = { binary: resolveTestKuboBinary(), repoPath: await mkdtemp(join(tmpdir(), 'cairn-placement-')) };
    await initRepo(repo, ['test']);
    daemon = await startDaemon(repo, { offline: true });
    const real = createKuboClient({ url: daemon.apiUrl, headers: {} });
    sent = [];
    node = {
      ...real,
      call: (command, params, options) => {
        sent.push(command);
        return real.call(command, params, options);
      },
    };
  });
  afterEach(async () => {
    await daemon.stop();
    await rm(repo.repoPath, { recursive: true, force: true });
  });

  const addTexts = (texts: string[]) =>
    Promise.all(
      texts.map(async (text) => (await create({ url: daemon.apiUrl }).add(text, { cidVersion: 1 })).cid.toString()),
    );

  it('links many uploads with one flush for all that waited, each under a free name, kept by a node killed at once', async () => {
    const same = await addTexts(Array.from({ length: 10 }, (_, i) => `same name, content ${i}\n`));
    const own = await addTexts(Array.from({ length: 10 }, (_, i) => `own name ${i}\n`));
    const placer = folderPlacer();
    const placed = await Promise.all([
      ...same.map((cid) => placer.place(node, cid, '/dropped/here', 'same.txt')),
      ...own.map((cid, i) => placer.place(node, cid, '/dropped/here', `own-${i}.txt`)),
    ]);

    // The first went alone; the other nineteen came while it was being placed, and went together.
    expect(sent.filter((command) => command === 'files/flush')).toHaveLength(2);
    expect(placed.slice(0, 10).map(({ path }) => path)).toEqual([
      '/dropped/here/same.txt',
      ...Array.from({ length: 9 }, (_, i) => `/dropped/here/${numbered('same.txt', i + 2)}`),
    ]);
    expect(placed[1]?.notes).toEqual([{ kind: 'renamed', taken: '/dropped/here/same.txt', name: 'same (2).txt' }]);

    // Killed without a chance to flush anything: what its repo holds is what the placer flushed.
    process.kill(daemon.pid, 'SIGKILL');
    await daemon.exited;
    // Read by the CLI from the repo itself: the file naming the dead daemon's API goes first.
    await rm(join(repo.repoPath, 'api'), { force: true });
    const listed = (await kubo(repo, ['files', 'ls', '-l', '/dropped/here'])).trim().split('\n');
    const byName = new Map(listed.map((line) => line.split('\t').slice(0, 2) as [string, string]));
    expect(byName.size).toBe(20);
    for (const [i, { path }] of placed.entries()) {
      expect(byName.get(path.slice('/dropped/here/'.length))).toBe([...same, ...own][i]);
    }
    daemon = await startDaemon(repo, { offline: true });
  });

  it('links content under a free name with one copy and no look at the name first', async () => {
    const cids = await addTexts(['free one\n', 'free two\n', 'free three\n']);
    const placer = folderPlacer();
    const placed = await Promise.all(cids.map((cid, i) => placer.place(node, cid, '/free', `free-${i}.txt`)));

    expect(placed.map(({ path, duplicate }) => ({ path, duplicate }))).toEqual(
      cids.map((_, i) => ({ path: `/free/free-${i}.txt`, duplicate: false })),
    );
    expect(sent.filter((command) => command === 'files/cp')).toHaveLength(3);
    expect(sent.filter((command) => command === 'files/stat')).toEqual([]);
  });

  it('reports content already at its name instead of linking it twice', async () => {
    const [cid = ''] = await addTexts(['twice\n']);
    const placer = folderPlacer();
    await placer.place(node, cid, '/', 'twice.txt');
    const again = await placer.place(node, cid, '/', 'twice.txt');
    expect(again).toEqual({
      path: '/twice.txt',
      duplicate: true,
      notes: [{ kind: 'already-there', path: '/twice.txt' }],
    });
    expect((await kubo(repo, ['files', 'ls', '/'])).trim().split('\n')).toEqual(['twice.txt']);
  });

  it('does not link an upload cancelled while it waited for its turn', async () => {
    const [first = '', second = ''] = await addTexts(['placed\n', 'cancelled\n']);
    const placer = folderPlacer();
    const cancel = new AbortController();
    const placing = placer.place(node, first, '/', 'placed.txt');
    const cancelled = placer.place(node, second, '/', 'cancelled.txt', { signal: cancel.signal });
    cancel.abort(new Error('cancelled by the user'));
    await expect(cancelled).rejects.toThrow('cancelled by the user');
    await placing;
    expect((await kubo(repo, ['files', 'ls', '/'])).trim().split('\n')).toEqual(['placed.txt']);
  });

  it('flushes Files and goes on when another client left as many unflushed changes as Kubo allows', async () => {
    // Kubo's default Internal.MFSNoFlushLimit.
    for (let i = 0; i < 256; i++) await node.call('files/mkdir', { arg: `/other-${i}`, flush: 'false' });
    await expect(node.call('files/mkdir', { arg: '/one-more', flush: 'false' })).rejects.toThrow(/unflushed/);
    const [cid = ''] = await addTexts(['after the limit\n']);
    const placed = await folderPlacer().place(node, cid, '/mine', 'after.txt');
    expect(placed.path).toBe('/mine/after.txt');
    expect(await kubo(repo, ['files', 'stat', '--hash', '/mine/after.txt'])).toBe(`${cid}\n`);
  });
});
