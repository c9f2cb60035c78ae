import { createServer } from 'node:net';
import { chmod, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubo, type TestKubo } from '../harness/kubo';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';

// Each bad input gets a specific message on its own item; the other items of the same request go on.
describe('uploads of awkward and bad inputs', () => {
  let node: TestKubo;
  let other: TestKubo;
  let uploads: TestUploads;
  let dir: string;

  beforeAll(async () => {
    [node, other] = await Promise.all([startKubo(), startKubo()]);
    uploads = await openTestUploads(() => kuboAt(node.apiUrl));
    dir = await mkdtemp(join(tmpdir(), 'cairn-inputs-'));
  });
  afterAll(async () => {
    await uploads.close();
    await Promise.all([node.stop(), other.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  async function uploadOne(...args: Parameters<TestUploads['enqueue']>) {
    const [id = ''] = await uploads.enqueue(...args);
    return uploads.settled(id);
  }

  it('adds an empty file and an empty folder with the CIDs of `ipfs add`', async () => {
    await writeFile(join(dir, 'empty.txt'), '');
    await mkdir(join(dir, 'nothing here'));
    const [file = '', folder = ''] = await uploads.enqueue([
      { kind: 'path', path: join(dir, 'empty.txt') },
      { kind: 'path', path: join(dir, 'nothing here') },
    ]);
    expect((await uploads.settled(file)).result?.cid).toBe(
      (await node.ipfs('add', '-Q', '--only-hash', join(dir, 'empty.txt'))).trim(),
    );
    expect((await uploads.settled(folder)).result?.cid).toBe(
      (await node.ipfs('add', '-r', '-Q', '--only-hash', join(dir, 'nothing here'))).trim(),
    );
  });

  it('names what is missing or not a file, and goes on with the rest', async () => {
    const socketPath = join(dir, 'a.sock');
    const server = createServer().listen(socketPath);
    await writeFile(join(dir, 'fine.txt'), 'fine');
    const ids = await uploads.enqueue([
      { kind: 'path', path: join(dir, 'gone.txt') },
      { kind: 'path', path: socketPath },
      { kind: 'path', path: 'relative/path.txt' },
      { kind: 'path', path: join(dir, 'fine.txt') },
    ]);
    const [gone, socket, relative, fine] = await Promise.all(ids.map((id) => uploads.settled(id)));
    server.close();
    expect(gone).toMatchObject({
      state: 'failed',
      error: {
        code: 'FILE_UNREADABLE',
        message: `${join(dir, 'gone.txt')} no longer exists.`,
        details: { path: join(dir, 'gone.txt'), problem: 'gone' },
      },
    });
    expect(socket).toMatchObject({
      state: 'failed',
      error: {
        code: 'UNSUPPORTED',
        message: `${socketPath} is a socket: Cairn adds regular files and folders only.`,
        details: { path: socketPath, problem: 'not-regular' },
      },
    });
    expect(relative).toMatchObject({ state: 'failed', error: { code: 'VALIDATION' } });
    expect(fine).toMatchObject({ state: 'added' });
  });

  it.skipIf(process.getuid?.() === 0)(
    'says a file cannot be read for lack of permission (skipped as root, who can read anything)',
    async () => {
      const locked = join(dir, 'locked.txt');
      await writeFile(locked, 'secret');
      await chmod(locked, 0o000);
      expect(await uploadOne([{ kind: 'path', path: locked }])).toMatchObject({
        state: 'failed',
        error: {
          code: 'FILE_UNREADABLE',
          message: `${locked} cannot be read: permission denied.`,
          details: { path: locked, problem: 'denied' },
        },
      });
    },
  );

  it('stops at a symlink loop when following links, and keeps links as links by default', async () => {
    const root = join(dir, 'loop');
    await mkdir(join(root, 'inner'), { recursive: true });
    await writeFile(join(root, 'inner', 'a.txt'), 'a');
    await symlink('..', join(root, 'inner', 'up'));
    const followed = await uploadOne([{ kind: 'path', path: root }], { symlinks: 'follow' });
    expect(followed).toMatchObject({
      state: 'failed',
      error: {
        code: 'SYMLINK_LOOP',
        message: 'loop/inner/up leads back into a folder above it (a symlink loop).',
        details: { path: join(root, 'inner', 'up') },
      },
    });
    const preserved = await uploadOne([{ kind: 'path', path: root }]);
    expect(preserved.result?.cid).toBe((await node.ipfs('add', '-r', '-Q', '--only-hash', root)).trim());
    const skipped = await uploadOne([{ kind: 'path', path: root }], { symlinks: 'skip' }, '/skipped');
    expect(skipped.result?.notes).toContainEqual({ kind: 'symlinks-skipped', count: 1 });
  });

  it('adds text pasted as a new file, and a folder read by a browser, from inline bytes', async () => {
    const text = await uploadOne([{ kind: 'bytes', name: 'note.txt', data: new TextEncoder().encode('a note\n') }]);
    expect(await node.ipfs('cat', `/ipfs/${text.result?.cid ?? ''}`)).toBe('a note\n');
    const tree = await uploadOne([
      {
        kind: 'tree',
        name: 'from browser',
        files: [{ path: 'sub/b.txt', data: new TextEncoder().encode('b') }],
        folders: ['sub', 'empty'],
      },
    ]);
    expect(tree).toMatchObject({ state: 'added', kind: 'folder', totalFiles: 1, result: { path: '/from browser' } });
    expect(await node.ipfs('ls', `/ipfs/${tree.result?.cid ?? ''}`)).toMatch(/empty\/\n.*sub\//);
  });

  it('adds a folder read by a browser whose names start with two dots, with the CID of `ipfs add -r -H`', async () => {
    const data = (text: string) => new TextEncoder().encode(text);
    const tree = await uploadOne(
      [
        {
          kind: 'tree',
          name: 'dotted',
          files: [
            { path: '..notes.txt', data: data('notes') },
            { path: '..archive/a.txt', data: data('a') },
          ],
          folders: ['..archive', '..empty'],
        },
      ],
      { hidden: true },
    );
    const onDisk = join(dir, 'dotted');
    await mkdir(join(onDisk, '..archive'), { recursive: true });
    await mkdir(join(onDisk, '..empty'));
    await writeFile(join(onDisk, '..notes.txt'), 'notes');
    await writeFile(join(onDisk, '..archive', 'a.txt'), 'a');
    const expected = (await node.ipfs('add', '-r', '-H', '-Q', '--only-hash', onDisk)).trim();
    expect(tree).toMatchObject({ state: 'added', totalFiles: 2, result: { cid: expected } });
  });

  it('links content by CID, ipfs:// link or path into Files without pinning it, and names an unknown CID', async () => {
    const source = join(dir, 'shared.txt');
    await writeFile(source, 'already on the node');
    const cid = (await node.ipfs('add', '-Q', '--pin=false', source)).trim();
    const byLink = await uploadOne([{ kind: 'content', ref: `ipfs://${cid}?filename=shared.txt` }], {}, '/linked');
    expect(byLink).toMatchObject({ state: 'added', kind: 'content', result: { cid, path: '/linked/shared.txt' } });
    expect(byLink.result?.notes).toContainEqual({ kind: 'linked-by-reference' });
    expect(await node.ipfs('pin', 'ls', '--type=recursive', '-q')).not.toContain(cid);

    const unknown = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';
    const missing = await uploadOne([{ kind: 'content', ref: unknown }]);
    expect(missing).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND', details: { content: unknown } } });
    expect(missing.error?.message).toMatch(
      new RegExp(`^Cannot import ${unknown}: block was not found locally \\(offline\\)`),
    );
    expect(await uploadOne([{ kind: 'content', ref: 'not a cid' }])).toMatchObject({
      state: 'failed',
      error: { code: 'VALIDATION', message: '“not a cid” is not a CID, nor a DNSLink name (space).' },
    });
  });

  it('refuses to import IPLD data that is no file or folder (dag-cbor, dag-json), naming its codec', async () => {
    // Checked against Kubo 0.43.1: `ipfs files stat` of such a CID says only “not unixfs node (proto or raw)”.
    await writeFile(join(dir, 'record.json'), '{"a": 1}');
    for (const codec of ['dag-cbor', 'dag-json']) {
      const cid = (
        await node.ipfs('dag', 'put', `--store-codec=${codec}`, '--pin=false', join(dir, 'record.json'))
      ).trim();
      expect(await uploadOne([{ kind: 'content', ref: cid }])).toMatchObject({
        state: 'failed',
        error: { code: 'VALIDATION', details: { input: cid, problem: 'not-unixfs', codec } },
      });
    }
  });

  async function exportedCar(name: string, text: string): Promise<{ car: string; cid: string }> {
    const source = join(dir, `${name}.txt`);
    await writeFile(source, text);
    const cid = (await other.ipfs('add', '-Q', '--cid-version=1', source)).trim();
    const car = join(dir, `${name}.car`);
    const exported = await fetch(`${other.apiUrl}/api/v0/dag/export?arg=${cid}`, { method: 'POST' });
    await writeFile(car, new Uint8Array(await exported.arrayBuffer()));
    return { car, cid };
  }

  const recursivePin = async (cid: string) =>
    (await node.ipfs('pin', 'ls', '--type=recursive', '--names')).split('\n').find((line) => line.startsWith(cid));

  it('imports a CAR file exported by another node, pins its root under the upload’s name and links it into Files', async () => {
    const { car, cid } = await exportedCar('export', 'made on another node');
    const imported = await uploadOne([{ kind: 'path', path: car, car: true }], {}, '/cars');
    expect(imported).toMatchObject({ state: 'added', kind: 'car', result: { cid, path: '/cars/export' } });
    expect(await node.ipfs('cat', `/ipfs/${cid}`)).toBe('made on another node');
    // Named as an added file's pin is, so that Pins and the left-pin cleanup know it.
    expect(await recursivePin(cid)).toBe(`${cid} recursive export.car`);

    const unpinned = await exportedCar('unpinned', 'imported, not pinned');
    const linked = await uploadOne([{ kind: 'path', path: unpinned.car, car: true }], { pin: false }, '/cars');
    expect(linked).toMatchObject({ state: 'added', result: { cid: unpinned.cid, path: '/cars/unpinned' } });
    expect(await recursivePin(unpinned.cid)).toBeUndefined();

    await writeFile(join(dir, 'not.car'), 'plain text');
    const bad = await uploadOne([{ kind: 'path', path: join(dir, 'not.car'), car: true }]);
    expect(bad).toMatchObject({ state: 'failed', error: { code: 'NODE_ERROR' } });
  });

  it('surfaces the node failing the write as the node says it', async () => {
    // The node's block store becomes unwritable under it: Kubo's own error must reach the item.
    const blocks = join(other.repoPath, 'blocks');
    await rename(blocks, `${blocks}.moved`);
    await writeFile(blocks, 'not a folder');
    const broken = await openTestUploads(() => kuboAt(other.apiUrl));
    await writeFile(join(dir, 'unstorable.bin'), 'will not fit');
    const [id = ''] = await broken.enqueue([{ kind: 'path', path: join(dir, 'unstorable.bin') }]);
    const failed = await broken.settled(id);
    await broken.close();
    await rm(blocks);
    await rename(`${blocks}.moved`, blocks);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'NODE_ERROR' } });
    expect(failed.error?.message).toMatch(/^The node (refused|could not finish) the add.*(not a directory|blocks)/i);
  });
});
