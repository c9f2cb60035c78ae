import { randomBytes } from 'node:crypto';
import { base32 } from 'multiformats/bases/base32';
import { base58btc } from 'multiformats/bases/base58';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeepService } from '../../electron/services/keep/keep-service';
import {
  createKuboClient,
  type CallOptions,
  type KuboClient,
  type KuboParams,
} from '../../electron/services/kubo/kubo-client';
import type { KeepChange, LocalPin, LocalPinBatch } from '../../shared/ipc/contract';
import { caller } from '../harness/call';
import { startTestHost, type TestHost } from '../harness/host';
import { startKubo, type TestKubo } from '../harness/kubo';
import { until } from '../harness/until';

// "What keeps this content": one answer by multihash, whatever form the CID is asked in, kept in
// step with every change Cairn makes and, after a recheck, with changes made behind its back.
describe('keep status on a real Kubo', () => {
  let node: TestKubo;
  let host: TestHost;
  let api: ReturnType<typeof caller>;
  let opCount = 0;

  const ipfs = async (...args: string[]) => (await node.ipfs(...args)).trim();
  const keepOf = (cid: string) => api.call('keep.status', { cid });
  /** The hub's `keep.changed` reaches views; the test listens where they do. */
  let announced = 0;

  async function listPins(): Promise<LocalPin[]> {
    const opId = `keep-pins-${++opCount}`;
    const from = api.events.length;
    await api.call('pins.listLocal', { opId });
    return api.events
      .slice(from)
      .filter(({ event, payload }) => event === 'pins.localBatch' && (payload as LocalPinBatch).opId === opId)
      .flatMap(({ payload }) => (payload as LocalPinBatch).pins);
  }
  const pinNames = async () => new Map((await listPins()).map((pin) => [pin.cid, pin.name]));

  beforeAll(async () => {
    node = await startKubo({ inMemory: true });
    host = await startTestHost(node);
    api = caller(host.dispatcher);
    host.services.keep.onChange(() => (announced += 1));
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  it('keeps a file three levels inside a pinned folder, asked as CIDv0, CIDv1 base32 and base36, until unpinned', async () => {
    const added = await node.client.add(
      { path: 'album/2024/summer/beach.txt', content: 'three levels down\n' },
      { pin: false, cidVersion: 0 },
    );
    const root = added.cid.toString();
    await api.call('pins.addLocal', { ref: root });
    const v0 = (await ipfs('resolve', '-r', `/ipfs/${root}/2024/summer/beach.txt`)).replace('/ipfs/', '');
    const base32 = await ipfs('cid', 'format', '-v', '1', '-b', 'base32', v0);
    const base36 = await ipfs('cid', 'format', '-v', '1', '-b', 'base36', v0);
    expect(new Set([v0, base32, base36]).size).toBe(3);

    for (const cid of [v0, base32, base36]) {
      expect(await keepOf(cid)).toMatchObject({ cid, local: 'indirect', pin: 'indirect', inFiles: false });
    }
    expect(await api.call('keep.rows', { cids: [v0, base32, base36] })).toEqual({
      [v0]: { keep: 'indirect', missing: 0 },
      [base32]: { keep: 'indirect', missing: 0 },
      [base36]: { keep: 'indirect', missing: 0 },
    });
    const rootV1 = await ipfs('cid', 'base32', root);
    expect((await keepOf(rootV1)).local).toBe('recursive');

    const before = announced;
    await api.call('pins.removeLocal', { cid: rootV1 });
    await until('views to be told', () => announced > before);
    expect(await keepOf(base36)).toMatchObject({ local: 'unprotected', pin: null });
  });

  it('reads a CIDv0 in any multibase Kubo reads (bciq…, zQm…) as that content, and a CID cut short as no CID', async () => {
    const v0 = (await node.client.add('pinned, asked in base32\n', { pin: false, cidVersion: 0 })).cid.toString();
    await api.call('pins.addLocal', { ref: v0 });
    // Kubo writes a CIDv0 in no multibase (it converts to CIDv1), but reads one written so.
    const forms = [base32.encode(CID.parse(v0).bytes), base58btc.encode(CID.parse(v0).bytes)];
    expect(forms.map((form) => form.slice(0, 3))).toEqual(['bci', 'zQm']);
    for (const form of forms) {
      // Kubo reads each as the CIDv0 it pinned.
      expect(await ipfs('pin', 'ls', '--type=recursive', form)).toContain(v0);
      expect(await keepOf(form)).toMatchObject({ cid: form, local: 'recursive', pin: 'recursive' });
      expect(await api.call('keep.onNode', { cids: [form] })).toEqual({ [form]: { keep: 'recursive', missing: 0 } });
    }
    // Cut short, it is no CID to Kubo, nor here: not content the node lacks.
    const cut = (await ipfs('cid', 'base32', v0)).slice(0, 30);
    await expect(node.ipfs('pin', 'ls', cut)).rejects.toThrow();
    for (const ask of [() => keepOf(cut), () => api.call('keep.onNode', { cids: [cut] })])
      await expect(ask()).rejects.toMatchObject({ error: { code: 'VALIDATION' } });
  });

  it('answers for many CIDs at once what keeps each on this node, in any CID form: a pin, a pinned folder, Files, nothing', async () => {
    const pinnedV0 = (await node.client.add('pinned as CIDv0\n', { pin: false, cidVersion: 0 })).cid.toString();
    const pinnedV1 = await ipfs('cid', 'format', '-v', '1', '-b', 'base32', pinnedV0);
    const folder = await node.client.add(
      { path: 'photos/2025/lake.txt', content: 'inside a pinned folder\n' },
      { pin: false, cidVersion: 0 },
    );
    const insideV0 = (await ipfs('resolve', '-r', `/ipfs/${folder.cid.toString()}/2025/lake.txt`)).replace(
      '/ipfs/',
      '',
    );
    const insideBase36 = await ipfs('cid', 'format', '-v', '1', '-b', 'base36', insideV0);
    const inFiles = (await node.client.add('only in Files\n', { pin: false, cidVersion: 1 })).cid.toString();
    const inFilesBase36 = await ipfs('cid', 'format', '-b', 'base36', inFiles);
    const unkept = (await node.client.add('kept by nothing\n', { pin: false, cidVersion: 1 })).cid.toString();
    await ipfs('files', 'cp', `/ipfs/${inFiles}`, '/only-in-files.txt');
    // Cairn's own pins make it read the node's sets afresh, Files included.
    await api.call('pins.addLocal', { ref: pinnedV0 });
    await api.call('pins.addLocal', { ref: folder.cid.toString() });

    expect(
      await api.call('keep.onNode', { cids: [pinnedV0, pinnedV1, insideV0, insideBase36, inFilesBase36, unkept] }),
    ).toEqual({
      [pinnedV0]: { keep: 'recursive', missing: 0 },
      [pinnedV1]: { keep: 'recursive', missing: 0 },
      [insideV0]: { keep: 'indirect', missing: 0 },
      [insideBase36]: { keep: 'indirect', missing: 0 },
      [inFilesBase36]: { keep: 'files', missing: 0 },
      [unkept]: { keep: null, missing: 0 },
    });
    // keep.rows serves Files listings, where every row is in Files; keep.onNode does not assume it.
    expect(await api.call('keep.rows', { cids: [unkept] })).toEqual({ [unkept]: { keep: 'files', missing: 0 } });
    await expect(api.call('keep.onNode', { cids: ['not a cid'] })).rejects.toMatchObject({
      error: { code: 'VALIDATION' },
    });
    await expect(api.call('keep.onNode', { cids: Array<string>(10_001).fill(unkept) })).rejects.toMatchObject({
      error: { code: 'VALIDATION' },
    });

    const before = announced;
    await api.call('pins.removeLocal', { cid: pinnedV1 });
    await until('views to be told', () => announced > before);
    expect(await api.call('keep.onNode', { cids: [pinnedV1] })).toEqual({ [pinnedV1]: { keep: null, missing: 0 } });
  });

  it('names a pin by the Files path that holds it now, through a rename and a move', async () => {
    const cid = (await node.client.add('quarterly numbers\n', { pin: false, cidVersion: 1 })).cid.toString();
    await api.call('files.mkdir', { folder: '/', name: 'reports' });
    await api.call('files.mkdir', { folder: '/', name: 'archive' });
    await ipfs('files', 'cp', `/ipfs/${cid}`, '/reports/q3.txt');
    await api.call('pins.addLocal', { ref: '/reports/q3.txt' });
    expect((await pinNames()).get(cid)).toBe('/reports/q3.txt');

    await api.call('files.move', { from: '/reports/q3.txt', toFolder: '/reports', name: 'q3-final.txt' });
    expect((await pinNames()).get(cid)).toBe('/reports/q3-final.txt');
    await api.call('files.move', { from: '/reports/q3-final.txt', toFolder: '/archive', name: 'q3-final.txt' });
    expect((await pinNames()).get(cid)).toBe('/archive/q3-final.txt');
    expect(await keepOf(cid)).toMatchObject({ local: 'recursive', inFiles: true, mfsPath: '/archive/q3-final.txt' });
    // A view that knows where the file is (a selected Files entry) does not make main walk Files for it.
    expect(await api.call('keep.status', { cid, filesPath: false })).toMatchObject({
      local: 'recursive',
      inFiles: true,
      mfsPath: null,
    });
  });

  it('leaves no old version pinned when a folder in Files is edited', async () => {
    const upload = await api.call('uploads.enqueue', {
      folder: '/',
      sources: [{ kind: 'bytes', name: 'draft.txt', data: new TextEncoder().encode('first draft\n') }],
      options: (await api.call('settings.get', {})).uploads,
    });
    await api.call('files.mkdir', { folder: '/', name: 'project' });
    await ipfs(
      'files',
      'cp',
      `/ipfs/${(await node.client.add('plan\n', { pin: false })).cid.toString()}`,
      '/project/plan.txt',
    );
    const id = upload[0]?.id ?? '';
    await until('the upload to land', () =>
      host.services.uploads.list().some((i) => i.id === id && i.state === 'added'),
    );
    const before = await ipfs('files', 'stat', '--hash', '/project');
    await api.call('files.move', { from: '/draft.txt', toFolder: '/project', name: 'draft.txt' });
    const after = await ipfs('files', 'stat', '--hash', '/project');
    expect(after).not.toBe(before);

    const recursive = await ipfs('pin', 'ls', '--type=recursive', '-q');
    const draft = host.services.uploads.list().find((i) => i.id === id)?.result?.cid ?? '';
    for (const cid of [before, after, draft]) expect(recursive).not.toContain(cid);
    expect(await keepOf(after)).toMatchObject({ local: 'files', pin: null, mfsPath: '/project' });
    expect(await keepOf(draft)).toMatchObject({ local: 'files', mfsPath: '/project/draft.txt' });
    expect((await keepOf(before)).local).toBe('unprotected');
  });

  it('learns on a recheck that another client pinned behind its back, and tells the views', async () => {
    const cid = (await node.client.add('pinned by someone else\n', { pin: false, cidVersion: 1 })).cid.toString();
    expect((await keepOf(cid)).local).toBe('unprotected');
    expect(await api.call('keep.recheck', {})).toEqual({ changed: false });

    await ipfs('pin', 'add', cid);
    const before = announced;
    expect(await api.call('keep.recheck', {})).toEqual({ changed: true });
    await until('views to be told', () => announced > before);
    expect((await keepOf(cid)).local).toBe('recursive');
  });

  it('learns on a recheck that another client pinned the same content under its other CID, and unpins the pin that is there', async () => {
    const v0 = (await node.client.add('pinned again as CIDv1\n', { pin: false, cidVersion: 0 })).cid.toString();
    const v1 = await ipfs('cid', 'base32', v0);
    await ipfs('pin', 'add', v0);
    await api.call('keep.recheck', {});
    expect((await listPins()).map((pin) => pin.cid)).toContain(v0);

    // Kubo pins by CID: the CIDv0 pin is gone, a CIDv1 pin of the same content is there.
    await ipfs('pin', 'rm', v0);
    await ipfs('pin', 'add', v1);
    expect(await api.call('keep.recheck', {})).toEqual({ changed: true });
    expect((await listPins()).map((pin) => pin.cid)).toEqual(expect.arrayContaining([v1]));
    await api.call('pins.removeLocal', { cid: v1 });
    expect(await ipfs('pin', 'ls', '--type=recursive', '-q')).not.toContain(v1);
  });

  it('names the very pin asked about when the same content is pinned as CIDv0 and CIDv1, whichever Kubo lists last', async () => {
    const v0 = (await node.client.add('pinned twice, once per CID\n', { pin: false, cidVersion: 0 })).cid.toString();
    const v1 = await ipfs('cid', 'base32', v0);
    await ipfs('pin', 'add', v0);
    await ipfs('pin', 'add', v1);
    const client = createKuboClient({ url: node.apiUrl, headers: {} });
    for (const reversed of [false, true]) {
      const listing: KuboClient = {
        ...client,
        async *lines<T extends object>(command: string, params?: KuboParams, options?: CallOptions) {
          const read: T[] = [];
          for await (const line of client.lines<T>(command, params, options)) read.push(line);
          yield* reversed ? read.reverse() : read;
        },
      };
      const keep = createKeepService({ kubo: () => listing, remote: () => [] });
      expect([await keep.asPinned(v0), await keep.asPinned(v1)]).toEqual([v0, v1]);
    }
    await ipfs('pin', 'rm', v0, v1);
  });

  it('tells the views when a recheck finds Files changed behind its back, so open folders list again', async () => {
    const heard: KeepChange[] = [];
    const stop = host.services.keep.onChange((change) => heard.push(change));
    try {
      await keepOf((await node.client.add('reads the Files root\n', { pin: false })).cid.toString());
      await ipfs('files', 'mkdir', `/made-elsewhere-${Date.now()}`);
      expect(await api.call('keep.recheck', {})).toEqual({ changed: true });
      await until('views to be told', () => heard.length > 0);
      expect(heard.at(-1)).toMatchObject({ files: true });

      await ipfs('pin', 'add', (await node.client.add('pinned elsewhere\n', { pin: false })).cid.toString());
      const before = heard.length;
      expect(await api.call('keep.recheck', {})).toEqual({ changed: true });
      await until('views to be told', () => heard.length > before);
      expect(heard.at(-1)).toMatchObject({ files: false });
    } finally {
      stop();
    }
  });

  it('answers overlapping rechecks with one read of the node', async () => {
    const client = createKuboClient({ url: node.apiUrl, headers: {} });
    let filesStats = 0;
    const counted: KuboClient = {
      ...client,
      call<T>(command: string, params?: KuboParams, options?: CallOptions) {
        if (command === 'files/stat') filesStats += 1;
        return client.call<T>(command, params, options);
      },
    };
    const keep = createKeepService({ kubo: () => counted, remote: () => [] });
    await keep.filesPaths();
    expect(filesStats).toBe(1);

    await ipfs('files', 'mkdir', `/behind-its-back-${Date.now()}`);
    expect(await Promise.all([keep.recheck(), keep.recheck(), keep.recheck()])).toEqual([true, true, true]);
    expect(filesStats).toBe(2);
  });

  it('previews garbage collection exactly: what it removes, and then frees', async () => {
    const loose = await Promise.all(
      ['one', 'two', 'three'].map(async (word) =>
        (await node.client.add(`${word} loose block\n`.repeat(40), { pin: false, cidVersion: 1 })).cid.toString(),
      ),
    );
    const kept = (await node.client.add('kept by a pin\n', { pin: true, cidVersion: 1 })).cid.toString();
    await api.call('keep.recheck', {});
    const preview = await api.call('keep.gcPreview', { opId: 'gc-preview-1' });
    // Single raw blocks: each block is its bytes.
    const looseBytes = ['one', 'two', 'three'].reduce((sum, word) => sum + `${word} loose block\n`.length * 40, 0);
    expect(preview.removeBlocks).toBeGreaterThanOrEqual(loose.length);
    expect(preview.removeBytes).toBeGreaterThanOrEqual(looseBytes);
    expect(preview.keptByPins).toBeGreaterThan(0);
    expect(preview.keptByFiles).toBeGreaterThan(0);

    const gc = await api.call('node.gc', { opId: 'gc-run-1' });
    expect(gc.removedBlocks).toBe(preview.removeBlocks);
    for (const cid of loose) expect((await keepOf(cid)).local).toBe('absent');
    expect((await keepOf(kept)).local).toBe('recursive');
    expect(await api.call('keep.gcPreview', { opId: 'gc-preview-2' })).toMatchObject({
      removeBlocks: 0,
      removeBytes: 0,
    });
  });

  it('offers the pins made for uploads that Files keeps anyway, with sizes and the time Cairn pinned them', async () => {
    const options = { ...(await api.call('settings.get', {})).uploads, pin: true };
    const [upload] = await api.call('uploads.enqueue', {
      folder: '/',
      sources: [{ kind: 'bytes', name: 'pinned-upload.txt', data: new TextEncoder().encode('also pinned\n') }],
      options,
    });
    const id = upload?.id ?? '';
    const before = Date.now();
    await until('the upload to land', () =>
      host.services.uploads.list().some((i) => i.id === id && i.state === 'added'),
    );
    const cid = host.services.uploads.list().find((i) => i.id === id)?.result?.cid ?? '';
    await until('its pin time to be noted', async () =>
      (await listPins()).some((pin) => pin.cid === cid && (pin.pinnedAt ?? 0) >= before - 1000),
    );

    const stat = JSON.parse(await ipfs('files', 'stat', '--enc=json', '/pinned-upload.txt')) as {
      CumulativeSize: number;
    };
    expect(await api.call('keep.uploadPins', {})).toEqual([
      { cid, mfsPath: '/pinned-upload.txt', size: stat.CumulativeSize },
    ]);
    await api.call('pins.removeLocal', { cid });
    expect(await api.call('keep.uploadPins', {})).toEqual([]);
    expect((await keepOf(cid)).local).toBe('files');
  });

  it('keeps saying Files keeps what comes after a file whose blocks the node lacks, as garbage collection does', async () => {
    // Files may hold content the node has only in part (imported by CID, or a block removed since).
    const partial = (await node.client.add(randomBytes(600_000), { pin: false, cidVersion: 0 })).cid.toString();
    const after = (await node.client.add('after the hole\n', { pin: false, cidVersion: 1 })).cid.toString();
    await api.call('files.mkdir', { folder: '/', name: 'holes' });
    await ipfs('files', 'cp', `/ipfs/${partial}`, '/holes/0-partial.bin');
    await ipfs('files', 'cp', `/ipfs/${after}`, '/holes/z-after.txt');
    await ipfs('block', 'rm', (await ipfs('refs', partial)).split('\n')[0] ?? '');
    await api.call('keep.recheck', {});

    await api.call('node.gc', { opId: 'gc-run-holes' });
    // Kubo's collector walks Files past the missing block and keeps the rest: every view says so too.
    expect(await ipfs('files', 'read', '/holes/z-after.txt')).toBe('after the hole');
    expect(await keepOf(after)).toMatchObject({ local: 'files', inFiles: true, mfsPath: '/holes/z-after.txt' });
    expect(await api.call('keep.onNode', { cids: [after] })).toEqual({ [after]: { keep: 'files', missing: 0 } });
    expect(await api.call('keep.rows', { cids: [after] })).toEqual({ [after]: { keep: 'files', missing: 0 } });
    expect(await api.call('keep.gcPreview', { opId: 'gc-preview-holes-2' })).toMatchObject({ removeBlocks: 0 });
    await api.call('files.remove', { path: '/holes', unpin: false });
  });

  it('says Files keeps the whole of a directly pinned folder in Files, not the pin of its top block', async () => {
    const folder = (
      await node.client.add(
        { path: 'direct-in-files/a.txt', content: 'kept whole by Files\n' },
        { pin: false, cidVersion: 1 },
      )
    ).cid.toString();
    const alone = (
      await node.client.add(
        { path: 'direct-alone/c.txt', content: 'only its top block pinned\n' },
        { pin: false, cidVersion: 1 },
      )
    ).cid.toString();
    await ipfs('files', 'cp', `/ipfs/${folder}`, '/direct-in-files');
    for (const cid of [folder, alone]) await ipfs('pin', 'add', '--recursive=false', cid);
    await api.call('keep.recheck', {});

    expect(await keepOf(folder)).toMatchObject({ local: 'files', pin: 'direct', inFiles: true });
    expect(await api.call('keep.rows', { cids: [folder] })).toEqual({ [folder]: { keep: 'files', missing: 0 } });
    expect(await api.call('keep.onNode', { cids: [folder, alone] })).toEqual({
      [folder]: { keep: 'files', missing: 0 },
      [alone]: { keep: 'direct', missing: 0 },
    });
    expect((await keepOf(alone)).local).toBe('direct');

    await api.call('files.remove', { path: '/direct-in-files', unpin: false });
    for (const cid of [folder, alone]) await ipfs('pin', 'rm', cid);
  });

  it('gives a folder its cumulative size in a listing, on request, and in the inspector', async () => {
    await api.call('files.mkdir', { folder: '/', name: 'sized' });
    await ipfs(
      'files',
      'cp',
      `/ipfs/${(await node.client.add('x'.repeat(5000), { cidVersion: 1 })).cid.toString()}`,
      '/sized/a.bin',
    );
    const stat = JSON.parse(await ipfs('files', 'stat', '--enc=json', '/sized')) as {
      Hash: string;
      CumulativeSize: number;
    };
    const listed = await api.listFolder('/');
    expect(listed.batches.flat().find((entry) => entry.name === 'sized')).toMatchObject({ type: 'folder', size: null });
    expect(await api.call('files.sizes', { cids: [stat.Hash] })).toEqual({ [stat.Hash]: stat.CumulativeSize });
    expect(stat.CumulativeSize).toBeGreaterThan(5000);
    const inspected = await api.call('verify.inspectOnNode', { cid: stat.Hash });
    expect(inspected).toMatchObject({ has: true, type: 'directory', size: stat.CumulativeSize });
  });
});
