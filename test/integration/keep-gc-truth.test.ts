import { CID } from 'multiformats/cid';
import { identity } from 'multiformats/hashes/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpinWarning } from '../../renderer/features/pins/copies';
import { caller } from '../harness/call';
import { deleteBlockFiles } from '../harness/damaged-blocks';
import { startTestHost, type TestHost } from '../harness/host';
import { startKubo, type TestKubo } from '../harness/kubo';

// What every view says keeps content, held against what `ipfs repo gc` on the same node really
// keeps: Kubo walks each pin with the codec it was made with, and stores blocks by multihash.
describe('keep status against what garbage collection really keeps', () => {
  let node: TestKubo;
  let host: TestHost;
  let api: ReturnType<typeof caller>;

  const ipfs = async (...args: string[]) => (await node.ipfs(...args)).trim();
  const keepOf = (cid: string) => api.call('keep.status', { cid });
  const onNode = (cids: string[]) => api.call('keep.onNode', { cids });
  const hasBlock = (cid: string) =>
    ipfs('block', 'stat', '--offline', cid).then(
      () => true,
      () => false,
    );
  const inside = async (root: string, path: string) => (await ipfs('resolve', '-r', `/ipfs/${root}/${path}`)).slice(6);
  /** The preview's count, then Kubo's own collection, which must remove exactly that many. */
  const collect = async (opId: string) => {
    await api.call('keep.recheck', {});
    const preview = await api.call('keep.gcPreview', { opId });
    const removed = (await ipfs('repo', 'gc', '-q')).split('\n').filter(Boolean);
    expect(removed).toHaveLength(preview.removeBlocks);
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

  it('says a raw CID pinned over a folder’s hash keeps that one block, not the folder’s content', async () => {
    const folder = (
      await node.client.add(
        { path: 'raw-over/inside/leaf.txt', content: 'gone with the folder’s content\n' },
        { pin: false, cidVersion: 0 },
      )
    ).cid.toString();
    const leaf = await inside(folder, 'inside/leaf.txt');
    const folderV1 = await ipfs('cid', 'base32', folder);
    const rawOfFolder = await ipfs('cid', 'format', '-v', '1', '--mc', 'raw', '-b', 'base32', folder);
    await ipfs('pin', 'add', rawOfFolder);
    await api.call('keep.recheck', {});

    expect(await keepOf(rawOfFolder)).toMatchObject({ local: 'recursive', pin: 'recursive' });
    for (const cid of [folder, folderV1]) expect(await keepOf(cid)).toMatchObject({ local: 'direct', pin: null });
    expect(await keepOf(leaf)).toMatchObject({ local: 'unprotected', pin: null });
    expect(await onNode([rawOfFolder, folder, leaf])).toEqual({
      [rawOfFolder]: { keep: 'recursive', missing: 0 },
      [folder]: { keep: 'direct', missing: 0 },
      [leaf]: { keep: null, missing: 0 },
    });

    await collect('gc-raw-over');
    expect(await hasBlock(folder)).toBe(true);
    expect(await hasBlock(leaf)).toBe(false);
    expect((await keepOf(leaf)).local).toBe('absent');
    await ipfs('pin', 'rm', rawOfFolder);
  });

  it('says Files holding a folder’s hash as a raw block keeps its top block only, and the rest goes', async () => {
    const folder = (
      await node.client.add(
        { path: 'files-over/leaf.txt', content: 'goes, though Files holds the folder’s block\n' },
        { pin: false, cidVersion: 1 },
      )
    ).cid.toString();
    const leaf = await inside(folder, 'leaf.txt');
    const rawOfFolder = await ipfs('cid', 'format', '-v', '1', '--mc', 'raw', '-b', 'base32', folder);
    await ipfs('files', 'cp', `/ipfs/${rawOfFolder}`, '/folder-block-as-a-file');
    await api.call('keep.recheck', {});

    expect(await keepOf(folder)).toMatchObject({ local: 'filesBlock', pin: null, inFiles: false });
    expect(await onNode([folder, leaf])).toEqual({
      [folder]: { keep: 'filesBlock', missing: 0 },
      [leaf]: { keep: null, missing: 0 },
    });

    await collect('gc-files-block');
    expect([await hasBlock(folder), await hasBlock(leaf)]).toEqual([true, false]);
    await ipfs('files', 'rm', '/folder-block-as-a-file');
  });

  it('says a raw CID of a block inside a pinned folder is kept with it, whatever codec asks', async () => {
    const folder = (
      await node.client.add(
        { path: 'pinned-pb/leaf.txt', content: 'inside a dag-pb pin\n' },
        { pin: true, cidVersion: 0 },
      )
    ).cid.toString();
    const leaf = await inside(folder, 'leaf.txt');
    const [rawOfFolder, rawOfLeaf] = await Promise.all(
      [folder, leaf].map((cid) => ipfs('cid', 'format', '-v', '1', '--mc', 'raw', '-b', 'base32', cid)),
    );
    await api.call('keep.recheck', {});

    expect(await onNode([rawOfFolder ?? '', rawOfLeaf ?? ''])).toEqual({
      [rawOfFolder ?? '']: { keep: 'indirect', missing: 0 },
      [rawOfLeaf ?? '']: { keep: 'indirect', missing: 0 },
    });
    await collect('gc-pb-pinned');
    expect(await hasBlock(leaf)).toBe(true);
    await ipfs('pin', 'rm', folder);
  });

  it('says a folder pinned directly inside a recursive pin is kept whole by the pin around it', async () => {
    const outer = (
      await node.client.add(
        { path: 'outer/sub/deep.txt', content: 'kept by the outer pin\n' },
        { pin: false, cidVersion: 1 },
      )
    ).cid.toString();
    const sub = await inside(outer, 'sub');
    const deep = await inside(outer, 'sub/deep.txt');
    await ipfs('pin', 'add', '--recursive=false', sub);
    await ipfs('pin', 'add', outer);
    await api.call('keep.recheck', {});

    expect(await keepOf(sub)).toMatchObject({ local: 'indirect', pin: 'indirect' });
    expect(await onNode([sub, deep])).toEqual({
      [sub]: { keep: 'indirect', missing: 0 },
      [deep]: { keep: 'indirect', missing: 0 },
    });
    expect(await api.call('keep.rows', { cids: [sub] })).toEqual({ [sub]: { keep: 'indirect', missing: 0 } });

    await collect('gc-direct-inside');
    expect(await hasBlock(deep)).toBe(true);
    await ipfs('pin', 'rm', sub);
    await ipfs('pin', 'rm', outer);
  });

  it('says content held in its CID itself is never removed', async () => {
    const inline = CID.createV1(0x55, identity.digest(new TextEncoder().encode('tiny'))).toString();
    expect(await keepOf(inline)).toMatchObject({ local: 'inline', pin: null, inFiles: false });
    expect(await onNode([inline])).toEqual({ [inline]: { keep: 'inline', missing: 0 } });

    await collect('gc-inline');
    expect(await ipfs('cat', '--offline', inline)).toBe('tiny');
  });

  it('answers for what a path inside a CID names, not for the folder it starts from', async () => {
    const folder = (
      await node.client.add(
        { path: 'trip/day 1/notes.txt', content: 'kept by Files under another name\n' },
        { pin: false, cidVersion: 1 },
      )
    ).cid.toString();
    const day = await inside(folder, 'day 1');
    const notes = await inside(folder, 'day 1/notes.txt');
    await ipfs('pin', 'add', '--recursive=false', folder);
    await ipfs('files', 'cp', `/ipfs/${notes}`, '/notes-from-the-trip.txt');
    await api.call('keep.recheck', {});

    expect((await keepOf(folder)).local).toBe('direct');
    expect(await keepOf(`/ipfs/${folder}/day 1/notes.txt`)).toMatchObject({
      cid: `/ipfs/${folder}/day 1/notes.txt`,
      local: 'files',
      inFiles: true,
      mfsPath: '/notes-from-the-trip.txt',
    });
    expect((await keepOf(`ipfs://${folder}/day%201/notes.txt`)).local).toBe('files');
    expect((await keepOf(`/ipfs/${folder}/day 1`)).local).toBe('unprotected');
    expect((await keepOf(`/ipfs/${folder}/day 1/not-there.txt`)).local).toBe('absent');

    await collect('gc-path-end');
    expect([await hasBlock(folder), await hasBlock(day), await hasBlock(notes)]).toEqual([true, false, true]);
    await ipfs('files', 'rm', '/notes-from-the-trip.txt');
    await ipfs('pin', 'rm', folder);
  });

  it('says a folder missing under a pin is not on this node, and that the pin keeps the rest', async () => {
    let album = '';
    for await (const entry of node.client.addAll(
      [
        { path: 'album/lost/a.txt', content: 'its folder block goes missing\n' },
        { path: 'album/kept/b.txt', content: 'still here, kept by the pin\n' },
      ],
      { pin: true, cidVersion: 1, rawLeaves: false },
    )) {
      if (entry.path === 'album') album = entry.cid.toString();
    }
    const lost = await inside(album, 'lost');
    const kept = await inside(album, 'kept/b.txt');
    // A damaged disk: the block goes from under a running Kubo.
    await deleteBlockFiles(node.repoPath, [lost]);
    await api.call('keep.recheck', {});

    expect(await keepOf(kept)).toMatchObject({ local: 'indirect', pin: 'indirect' });
    expect(await onNode([album, kept])).toEqual({
      [album]: { keep: 'recursive', missing: 1 },
      [kept]: { keep: 'indirect', missing: 0 },
    });
    expect((await keepOf(lost)).local).toBe('absent');
    await ipfs('pin', 'rm', album);
  });

  it.each(['dag-cbor', 'dag-json'])(
    'walks a %s pin past a block the node lacks, and says the collector then removes nothing',
    async (codec) => {
      const putRaw = async (text: string) =>
        (await node.client.block.put(new TextEncoder().encode(text), { format: 'raw', pin: false })).toString();
      const putNode = async (links: Record<string, string>) => {
        const value = Object.fromEntries(Object.entries(links).map(([name, cid]) => [name, CID.parse(cid)]));
        return (await node.client.dag.put(value, { storeCodec: codec, pin: false })).toString();
      };
      const below = await putRaw(`${codec}: below the missing node\n`);
      const beside = await putRaw(`${codec}: beside the missing node\n`);
      const loose = await putRaw(`${codec}: kept by nothing\n`);
      const missing = await putNode({ below });
      const root = await putNode({ missing, beside });
      await ipfs('pin', 'add', root);
      await deleteBlockFiles(node.repoPath, [missing]);
      await api.call('keep.recheck', {});

      expect(await keepOf(beside)).toMatchObject({ local: 'indirect', pin: 'indirect' });
      expect(await onNode([root, beside])).toEqual({
        [root]: { keep: 'recursive', missing: 1 },
        [beside]: { keep: 'indirect', missing: 0 },
      });
      expect(await api.call('keep.gcPreview', { opId: `gc-${codec}-missing` })).toMatchObject({
        removeBlocks: 0,
        missingUnderPins: 1,
      });
      // Kubo's collector cannot read the missing node's links, so it stops before deleting anything.
      await expect(ipfs('repo', 'gc', '-q')).rejects.toThrow(/could not retrieve some links/);
      expect([await hasBlock(below), await hasBlock(beside), await hasBlock(loose)]).toEqual([true, true, true]);
      await ipfs('pin', 'rm', root);
      await ipfs('repo', 'gc', '-q');
    },
  );

  // The warning before Unpin: it says garbage collection removes the content only where, after the
  // unpin, Kubo's collection does remove it.
  describe('before Unpin', () => {
    /** A folder of one file, not pinned; its root, its sub-folder and the file. */
    const folder = async (name: string, cidVersion: 0 | 1) => {
      const root = (
        await node.client.add(
          { path: `${name}/sub/leaf.txt`, content: `${name}: gone unless something else keeps it\n` },
          { pin: false, cidVersion },
        )
      ).cid.toString();
      return { root, sub: await inside(root, 'sub'), leaf: await inside(root, 'sub/leaf.txt') };
    };
    /** The warning the Pins view shows before unpinning this CID, from the same calls it makes. */
    const warningFor = async (cid: string) => {
      await api.call('keep.recheck', {});
      const keep = await api.call('keep.status', { cid });
      return unpinWarning(keep, async () => (await api.call('keep.afterUnpin', { cid })).keptBy);
    };
    /** Unpins as the Pins view does, then Kubo's own collection. */
    const unpinAndCollect = async (cid: string) => {
      await api.call('pins.removeLocal', { cid });
      await ipfs('repo', 'gc', '-q');
    };

    it('does not warn for a direct pin inside another recursive pin, and gc keeps its block', async () => {
      const { root, leaf } = await folder('direct-inside', 1);
      await ipfs('pin', 'add', root);
      await ipfs('pin', 'add', '--recursive=false', leaf);

      expect(await api.call('keep.afterUnpin', { cid: leaf })).toEqual({ keptBy: 'insidePin' });
      expect(await warningFor(leaf)).toBeNull();
      await unpinAndCollect(leaf);
      expect(await hasBlock(leaf)).toBe(true);
      await ipfs('pin', 'rm', root);
    });

    it('does not warn for a recursive pin inside another recursive pin, and gc keeps its DAG', async () => {
      const { root, sub, leaf } = await folder('recursive-inside', 0);
      await ipfs('pin', 'add', root);
      await ipfs('pin', 'add', sub);

      expect(await api.call('keep.afterUnpin', { cid: sub })).toEqual({ keptBy: 'insidePin' });
      expect(await warningFor(sub)).toBeNull();
      await unpinAndCollect(sub);
      expect([await hasBlock(sub), await hasBlock(leaf)]).toEqual([true, true]);
      await ipfs('pin', 'rm', root);
    });

    it('does not warn for content pinned under its other CID too, and gc keeps it', async () => {
      const { root, leaf } = await folder('both-forms', 0);
      const rootV1 = await ipfs('cid', 'base32', root);
      await ipfs('pin', 'add', root);
      await ipfs('pin', 'add', rootV1);

      expect(await api.call('keep.afterUnpin', { cid: root })).toEqual({ keptBy: 'otherPin' });
      expect(await warningFor(root)).toBeNull();
      await unpinAndCollect(root);
      expect(await ipfs('pin', 'ls', '--type=recursive', '-q', rootV1)).toBe(rootV1);
      expect([await hasBlock(root), await hasBlock(leaf)]).toEqual([true, true]);
      await ipfs('pin', 'rm', rootV1);
    });

    it('says it cannot tell where the walk of the other pins stops at a block the node lacks', async () => {
      const other = await folder('lacking-a-block', 1);
      const { root } = await folder('behind-a-missing-block', 1);
      await ipfs('pin', 'add', other.root);
      await ipfs('pin', 'add', root);
      await deleteBlockFiles(node.repoPath, [other.sub]);

      expect(await api.call('keep.afterUnpin', { cid: root })).toEqual({ keptBy: 'unknown' });
      expect(await warningFor(root)).toBe('cannotTell');
      await ipfs('pin', 'rm', root, other.root);
      await ipfs('repo', 'gc', '-q');
    });

    it('warns where nothing else keeps the content, and gc removes it', async () => {
      const { root, leaf } = await folder('kept-by-nothing', 1);
      const other = await folder('another-pin', 1);
      await ipfs('pin', 'add', root);
      await ipfs('pin', 'add', other.root);

      expect(await api.call('keep.afterUnpin', { cid: root })).toEqual({ keptBy: null });
      expect(await warningFor(root)).toBe('removes');
      await unpinAndCollect(root);
      expect([await hasBlock(root), await hasBlock(leaf)]).toEqual([false, false]);
      await ipfs('pin', 'rm', other.root);
    });
  });
});
