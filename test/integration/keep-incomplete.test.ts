import { randomBytes } from 'node:crypto';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../harness/call';
import { deleteBlockFiles } from '../harness/damaged-blocks';
import { startTestHost, type TestHost } from '../harness/host';
import { startKubo, type TestKubo } from '../harness/kubo';

interface Album {
  root: string;
  sub: string;
  big: string;
  whole: string;
  /** A leaf of `sub/big.bin`. */
  leaf: string;
}

// Content the node has only in part is kept only in part: every view says how many blocks are
// missing, as `ipfs pin verify` and `ipfs refs -r --offline` on the same node do, and whole
// content beside it still reads as kept whole.
describe('keep status of content the node has only in part', () => {
  let node: TestKubo;
  let host: TestHost;
  let api: ReturnType<typeof caller>;

  const ipfs = async (...args: string[]) => (await node.ipfs(...args)).trim();
  const keepOf = (cid: string) => api.call('keep.status', { cid });
  const onNode = (cids: string[]) => api.call('keep.onNode', { cids });
  const rows = (cids: string[]) => api.call('keep.rows', { cids });
  const inside = async (root: string, path: string) => (await ipfs('resolve', '-r', `/ipfs/${root}/${path}`)).slice(6);
  /** Kubo's own word on each recursive pin: complete or not (its JSON leaves `Ok` out when false). */
  const pinVerify = async () =>
    new Map(
      (await ipfs('pin', 'verify', '--verbose', '--enc=json'))
        .split('\n')
        .map((line) => JSON.parse(line) as { Cid: string; Ok?: boolean })
        .map(({ Cid, Ok }) => [Cid, Ok === true]),
    );
  /** Whether `refs -r --offline` walks the whole DAG without meeting a block the node lacks. */
  const refsReachEnd = (cid: string) =>
    ipfs('refs', '-r', '--offline', cid).then(
      () => true,
      () => false,
    );
  /**
   * A folder of a file in three leaves (one to lose) in `sub/`, and a small whole file. Leaves in
   * dag-pb: Kubo's pin walks (`pin verify`, `pin ls`, its collector) never read a raw leaf, so they
   * cannot tell when one is missing.
   */
  const addAlbum = async (name: string, pin: boolean): Promise<Album> => {
    let root = '';
    for await (const entry of node.client.addAll(
      [
        { path: `${name}/sub/big.bin`, content: randomBytes(600_000) },
        { path: `${name}/whole.txt`, content: `${name}: all of it here\n` },
      ],
      { pin, cidVersion: 1, rawLeaves: false },
    )) {
      if (entry.path === name) root = entry.cid.toString();
    }
    const [sub, big, whole] = await Promise.all(['sub', 'sub/big.bin', 'whole.txt'].map((path) => inside(root, path)));
    const leaf = (await ipfs('refs', big ?? '')).split('\n')[1] ?? '';
    return { root, sub: sub ?? '', big: big ?? '', whole: whole ?? '', leaf };
  };

  beforeAll(async () => {
    node = await startKubo({ inMemory: true });
    host = await startTestHost(node);
    api = caller(host.dispatcher);
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  it('says a pinned folder missing a leaf is pinned but incomplete, to its sub-folder, and a whole pin beside it stays pinned', async () => {
    const partial = await addAlbum('pinned-partial', true);
    const whole = await addAlbum('pinned-whole', true);
    // A damaged disk: the block goes from under a running Kubo, which still lists the pin.
    await deleteBlockFiles(node.repoPath, [partial.leaf]);
    await api.call('keep.recheck', {});
    try {
      await expectIncompletePin(partial, whole);
    } finally {
      for (const { root } of [partial, whole]) await ipfs('pin', 'rm', root);
    }
  });

  /** What each view says of a pin missing a leaf, and of a whole pin beside it. */
  async function expectIncompletePin(partial: Album, whole: Album) {
    const verified = await pinVerify();
    expect([verified.get(partial.root), verified.get(whole.root)]).toEqual([false, true]);
    expect(await keepOf(partial.root)).toMatchObject({ local: 'recursive', pin: 'recursive', missing: 1 });
    expect(await keepOf(partial.sub)).toMatchObject({ local: 'indirect', pin: 'indirect', missing: 1 });
    expect(await keepOf(whole.root)).toMatchObject({ local: 'recursive', missing: 0 });
    expect(await onNode([partial.root, partial.sub, partial.big, partial.whole, whole.root, whole.sub])).toEqual({
      [partial.root]: { keep: 'recursive', missing: 1 },
      [partial.sub]: { keep: 'indirect', missing: 1 },
      [partial.big]: { keep: 'indirect', missing: 1 },
      [partial.whole]: { keep: 'indirect', missing: 0 },
      [whole.root]: { keep: 'recursive', missing: 0 },
      [whole.sub]: { keep: 'indirect', missing: 0 },
    });
    // The garbage collection preview counts the same missing block.
    expect(await api.call('keep.gcPreview', { opId: 'gc-preview-incomplete-pin' })).toMatchObject({
      missingUnderPins: 1,
    });
  }

  it('says a Files entry missing a block below is kept by Files but incomplete, to its sub-folder, rows and status alike', async () => {
    const album = await addAlbum('files-partial', false);
    await ipfs('files', 'cp', `/ipfs/${album.root}`, '/files-partial');
    // Files does not pin: Kubo lets the block go.
    await ipfs('block', 'rm', album.leaf);
    await api.call('keep.recheck', {});

    expect([await refsReachEnd(album.sub), await refsReachEnd(album.whole)]).toEqual([false, true]);
    // Rows read no walk of their own; a status does, and the walk that finds a block missing has the
    // views ask again.
    const toldAgain = new Promise<void>((resolve) => {
      const stop = host.services.keep.onChange(() => {
        stop();
        resolve();
      });
    });
    expect(await keepOf(album.sub)).toMatchObject({ local: 'files', inFiles: true, missing: 1 });
    await toldAgain;
    // The rows of `/` and of `/files-partial`, as the Files listing asks them.
    expect(await rows([album.root])).toEqual({ [album.root]: { keep: 'files', missing: 1 } });
    expect(await rows([album.sub, album.whole])).toEqual({
      [album.sub]: { keep: 'files', missing: 1 },
      [album.whole]: { keep: 'files', missing: 0 },
    });
    expect(await keepOf(album.whole)).toMatchObject({ local: 'files', missing: 0 });
    expect(await onNode([album.big])).toEqual({ [album.big]: { keep: 'files', missing: 1 } });

    await ipfs('files', 'rm', '-r', '/files-partial');
  });

  it('gives no size for a folder missing a block below, as `files stat --with-local` says, and its size once the block is back', async () => {
    const album = await addAlbum('sized-partial', false);
    await ipfs('files', 'cp', `/ipfs/${album.root}`, '/sized-partial');
    const whole = JSON.parse(await ipfs('files', 'stat', '--enc=json', '/sized-partial')) as { CumulativeSize: number };
    const bytes = await node.client.block.get(CID.parse(album.leaf));
    await ipfs('block', 'rm', album.leaf);
    // Kubo's own word: its JSON leaves `Local` out when the node lacks a block.
    const local = JSON.parse(await ipfs('files', 'stat', '--with-local', '--enc=json', '/sized-partial')) as {
      Local?: boolean;
    };
    expect(local.Local).toBeUndefined();
    expect(await api.call('files.sizes', { cids: [album.root, album.sub, album.whole] })).toEqual({
      [album.root]: null,
      [album.sub]: null,
      [album.whole]: (await node.client.files.stat(`/ipfs/${album.whole}`)).cumulativeSize,
    });
    await node.client.block.put(bytes, { format: 'dag-pb', version: 1 });
    expect(await api.call('files.sizes', { cids: [album.root] })).toEqual({ [album.root]: whole.CumulativeSize });
    await ipfs('files', 'rm', '-r', '/sized-partial');
  });

  it('sees a block lost, then brought back, after a status was read, pins and Files unchanged, at the next recheck', async () => {
    const album = await addAlbum('lost-later', false);
    await ipfs('files', 'cp', `/ipfs/${album.root}`, '/lost-later');
    await api.call('keep.recheck', {});
    expect(await keepOf(album.sub)).toMatchObject({ local: 'files', missing: 0 });
    const leaf = CID.parse(album.leaf);
    const bytes = await node.client.block.get(leaf);

    // Another program takes the block: `block rm`, as a collection would.
    await ipfs('block', 'rm', album.leaf);
    expect(await api.call('keep.recheck', {})).toEqual({ changed: true });
    expect(await keepOf(album.sub)).toMatchObject({ local: 'files', missing: 1 });
    expect(await rows([album.root])).toEqual({ [album.root]: { keep: 'files', missing: 1 } });

    const put = await node.client.block.put(bytes, { format: 'dag-pb', version: 1 });
    expect(put.equals(leaf)).toBe(true);
    expect(await api.call('keep.recheck', {})).toEqual({ changed: true });
    expect(await keepOf(album.sub)).toMatchObject({ local: 'files', missing: 0 });
    expect(await api.call('keep.recheck', {})).toEqual({ changed: false });

    await ipfs('files', 'rm', '-r', '/lost-later');
  });

  it('says content nothing keeps is missing blocks, from one walk of it on request', async () => {
    const album = await addAlbum('loose-partial', false);
    await ipfs('block', 'rm', album.leaf);

    expect(await refsReachEnd(album.root)).toBe(false);
    expect(await keepOf(album.root)).toMatchObject({ local: 'unprotected', missing: 1 });
    expect(await keepOf(album.whole)).toMatchObject({ local: 'unprotected', missing: 0 });
  });
});
