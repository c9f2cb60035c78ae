import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink } from '../../electron/ipc/types';
import type { Channel } from '../../shared/ipc/channels';
import type { MfsEntry } from '../../shared/ipc/contract';
import { caller } from '../harness/call';
import { importBigFolder } from '../harness/big-folder';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';

const sink: EventSink = { send: () => undefined };

// The file browser's operations on a real Kubo's MFS, checked against what Kubo's CLI then sees.
describe('the MFS file browser', () => {
  let node: TestKubo;
  let host: TestHost;
  let dir: string;
  const changed: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-mfs-'));
    node = await startKubo();
    host = await startTestHost(node);
    host.services.mfs.onChange((folder) => changed.push(folder));
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  let files = 0;
  /** Adds `text` as a file with Kubo's CLI and returns its CID. */
  const add = async (text: string, ...flags: string[]) => {
    const file = join(dir, `f${files++}`);
    await writeFile(file, text);
    return (await node.ipfs('add', '-Q', ...flags, file)).trim();
  };

  const call = (channel: Channel, request: unknown) => host.dispatcher.dispatch(channel, request, sink);
  const data = async <T>(channel: Channel, request: unknown): Promise<T> => {
    const result = await call(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  };
  const list = async (folder: string): Promise<MfsEntry[]> =>
    (await caller(host.dispatcher).listFolder(folder)).batches.flat();
  const cliNames = async (folder: string) =>
    (await node.ipfs('files', 'ls', folder)).split('\n').filter(Boolean).sort();

  it('lists a folder with each entry’s type, size and CID, as `ipfs files ls -l` does', async () => {
    await node.ipfs('files', 'mkdir', '-p', '/listed/sub');
    const cid = await add('', '--pin=false');
    await node.ipfs('files', 'cp', `/ipfs/${cid}`, '/listed/empty.txt');
    const entries = await list('/listed');
    const stat = JSON.parse(await node.ipfs('files', 'stat', '--format', '{"cid":"<hash>"}', '/listed/sub')) as {
      cid: string;
    };
    expect(entries.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'empty.txt', type: 'file', size: 0, cid },
      // A folder's cumulative size is asked for the rows on screen (files.sizes), not read for every row.
      { name: 'sub', type: 'folder', size: null, cid: stat.cid },
    ]);
  });

  it('makes folders whose names have unicode, spaces and leading dashes', async () => {
    const names = ['Café ☕', 'two words', '--not-a-flag', '-r'];
    await data('files.mkdir', { folder: '/', name: 'names' });
    for (const name of names) {
      const made = await data<{ path: string; type: string }>('files.mkdir', { folder: '/names', name });
      expect(made).toMatchObject({ path: `/names/${name}`, type: 'folder' });
    }
    expect((await list('/names')).map((entry) => entry.name).sort()).toEqual([...names].sort());
    expect(await cliNames('/names')).toHaveLength(names.length);
    expect(changed).toContain('/names');
  });

  it('refuses a name that is taken, a missing parent, and names that are not names', async () => {
    await data('files.mkdir', { folder: '/', name: 'taken' });
    expect(await call('files.mkdir', { folder: '/', name: 'taken' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EXISTS', message: '/ already has an item named “taken”.' },
    });
    expect(await call('files.mkdir', { folder: '/missing', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Nothing is at /missing in Files.' },
    });
    for (const [name, said] of [
      ['', 'cannot be empty'],
      ['a/b', 'cannot contain “/”'],
      ['.', 'points at a folder itself'],
      ['..', 'points at a folder itself'],
      // A name typed with a line break in it would show as two lines, or as ⟨U+000A⟩ wherever it is read.
      ['line\nbreak', 'cannot hold ⟨U+000A⟩, a control character'],
    ]) {
      const result = await call('files.mkdir', { folder: '/', name });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(result.ok ? '' : result.error.message).toContain(said);
    }
    for (const folder of ['relative', '/a/../b']) {
      expect(await call('files.list', { opId: 'list-bad-folder', folder })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
  });

  it('renames in place and moves into another folder; Kubo sees the result', async () => {
    await node.ipfs('files', 'mkdir', '-p', '/move/from');
    await node.ipfs('files', 'mkdir', '-p', '/move/to');
    const cid = await add('n');
    await node.ipfs('files', 'cp', `/ipfs/${cid}`, '/move/from/old name.txt');
    changed.length = 0;
    const renamed = await data('files.move', { from: '/move/from/old name.txt', toFolder: '/move/from', name: 'new' });
    expect(renamed).toMatchObject({ path: '/move/from/new', cid, type: 'file' });
    expect(changed).toEqual(['/move/from']);
    const moved = await data('files.move', { from: '/move/from/new', toFolder: '/move/to', name: 'new' });
    expect(moved).toMatchObject({ path: '/move/to/new', cid });
    expect(await cliNames('/move/from')).toEqual([]);
    expect(await cliNames('/move/to')).toEqual(['new']);
    expect(changed).toEqual(['/move/from', '/move/from', '/move/to']);
  });

  it('opens, renames and deletes what another program named longer than Cairn names things', async () => {
    // Kubo takes a name of any length; Cairn gives at most 255 bytes, as a disk's names are.
    const long = `${'é'.repeat(150)}.d`;
    await node.ipfs('files', 'mkdir', '-p', `/long/${long}/inner`);
    expect((await list(`/long/${long}`)).map((entry) => entry.name)).toEqual(['inner']);
    expect(await data('files.move', { from: `/long/${long}/inner`, toFolder: '/long', name: 'out' })).toMatchObject({
      path: '/long/out',
    });
    expect(await data('files.remove', { path: `/long/${long}`, unpin: false })).toMatchObject({ unpinned: false });
    expect(await cliNames('/long')).toEqual(['out']);
    expect(await call('files.mkdir', { folder: '/long', name: long })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('a name is at most 255 bytes') as unknown },
    });
  });

  it('refuses to move onto a taken name, into itself, from nowhere, or into a file', async () => {
    await node.ipfs('files', 'mkdir', '-p', '/clash/a');
    await node.ipfs('files', 'mkdir', '-p', '/clash/b/a');
    expect(await call('files.move', { from: '/clash/a', toFolder: '/clash/b', name: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EXISTS' },
    });
    // Kubo alone would have moved it inside the existing folder: nothing moved.
    expect(await cliNames('/clash/b/a')).toEqual([]);
    expect(await call('files.move', { from: '/clash', toFolder: '/clash/b', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'clash cannot be moved into itself.' },
    });
    expect(await call('files.move', { from: '/nothing', toFolder: '/', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const cid = await add('f');
    await node.ipfs('files', 'cp', `/ipfs/${cid}`, '/clash/file');
    expect(await call('files.move', { from: '/clash/a', toFolder: '/clash/file', name: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '/clash/file is a file, not a folder.' },
    });
  });

  it('deletes, and unpins only when asked, saying whether another pin still keeps it', async () => {
    const keep = await add('keep', '--pin=true');
    await node.ipfs('files', 'cp', `/ipfs/${keep}`, '/kept');
    expect(await data('files.remove', { path: '/kept', unpin: false })).toEqual({
      path: '/kept',
      cid: keep,
      unpinned: false,
      stillPinnedAs: 'recursive',
    });
    expect(await cliNames('/')).not.toContain('kept');

    await node.ipfs('files', 'cp', `/ipfs/${keep}`, '/gone');
    expect(await data('files.remove', { path: '/gone', unpin: true })).toEqual({
      path: '/gone',
      cid: keep,
      unpinned: true,
      stillPinnedAs: null,
    });
    expect(await node.ipfs('pin', 'ls', '--type=recursive', '-q')).not.toContain(keep);

    expect(await call('files.remove', { path: '/gone', unpin: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call('files.remove', { path: '/', unpin: false })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'The root folder cannot be deleted.' },
    });
  });

  it('tells each row what keeps its CID, v0 or v1 alike: its pin, or Files', async () => {
    const pinned = await add('p', '--pin=true', '--cid-version=0');
    const loose = await add('l', '--pin=false', '--cid-version=1');
    await node.ipfs('files', 'cp', `/ipfs/${loose}`, '/loose.txt');
    // Added behind Cairn's back: a recheck finds it.
    await data('keep.recheck', {});
    const v1 = (await node.ipfs('cid', 'base32', pinned)).trim();
    expect(await data('keep.rows', { cids: [pinned, v1, loose] })).toEqual({
      [pinned]: { keep: 'recursive', missing: 0 },
      [v1]: { keep: 'recursive', missing: 0 },
      [loose]: { keep: 'files', missing: 0 },
    });
  });

  it('lists a sharded folder of 5,000 entries in pushed batches, the first at once, every entry once', async () => {
    const cid = await importBigFolder(node.apiUrl, 5_000);
    await node.ipfs('files', 'cp', `/ipfs/${cid}`, '/sharded');
    const stat = await node.ipfs('files', 'stat', '/sharded');
    expect(stat).toContain('Blocks: 256'); // a HAMT root with 256 buckets, as Kubo shards
    const listed = await caller(host.dispatcher).listFolder('/sharded');
    expect(listed).toMatchObject({ cid, count: 5_000 });
    // The first rows go before the node has walked the rest of the folder.
    expect(listed.batches[0]?.length).toBeLessThan(200);
    expect(listed.batches.length).toBeGreaterThan(1);
    const all = listed.batches.flat();
    expect(new Set(all.map((entry) => entry.name)).size).toBe(5_000);
    expect(all.find((entry) => entry.name === 'file-000042.txt')).toMatchObject({ type: 'file', size: 9 });
  });

  it('stops a listing cancelled after its first batch, and says so', async () => {
    const opId = 'list-cancelled';
    const batches: number[] = [];
    const result = await host.dispatcher.dispatch(
      'files.list',
      { opId, folder: '/sharded' },
      {
        send: (event, payload) => {
          if (event !== 'files.listBatch') return;
          batches.push((payload as { entries: unknown[] }).entries.length);
          host.dispatcher.cancel(opId);
        },
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(batches.reduce((sum, length) => sum + length, 0)).toBeLessThan(5_000);
  });

  it('tells every renderer which folder changed, as files.changed', async () => {
    const events: unknown[] = [];
    const stop = host.hub.add({ send: (event, payload) => events.push([event, payload]) });
    await data('files.mkdir', { folder: '/', name: 'announced' });
    stop();
    expect(events).toContainEqual(['files.changed', { folder: '/' }]);
  });

  it('stats a path and says when nothing is there', async () => {
    expect(await data('files.stat', { path: '/' })).toMatchObject({ path: '/', type: 'folder' });
    expect(await call('files.stat', { path: '/no such thing' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Nothing is at /no such thing in Files.' },
    });
  });
});
