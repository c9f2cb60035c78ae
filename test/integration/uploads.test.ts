import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubo, type TestKubo } from '../harness/kubo';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';

// What Cairn adds must have exactly the CID Kubo's own CLI gives for the same bytes on the same
// node, with the node's import settings and with each profile chosen per upload.
describe.each(['unixfs-v1-2025', 'unixfs-v0-2015'] as const)('uploads on a node with %s', (profile) => {
  let node: TestKubo;
  let uploads: TestUploads;
  let dir: string;

  beforeAll(async () => {
    node = await startKubo({ profiles: [profile] });
    uploads = await openTestUploads(() => kuboAt(node.apiUrl));
    dir = await mkdtemp(join(tmpdir(), 'cairn-upload-src-'));
  });
  afterAll(async () => {
    await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a multi-chunk file from disk, pins it, links it into Files, and matches `ipfs add`', async () => {
    const file = join(dir, 'several chunks.bin');
    const size = 3 * 1024 * 1024 + 17;
    await writeFile(file, randomBytes(size));
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/inbox');
    const done = await uploads.settled(id);

    const expected = (await node.ipfs('add', '--only-hash', '-Q', file)).trim();
    expect(expected).toMatch(profile === 'unixfs-v1-2025' ? /^bafkrei|^bafybei/ : /^Qm/);
    expect(done).toMatchObject({
      state: 'added',
      kind: 'file',
      totalBytes: size,
      bytesDone: size,
      totalFiles: 1,
      filesDone: 1,
      result: { cid: expected, path: '/inbox/several chunks.bin', size },
    });
    expect((await node.ipfs('files', 'stat', '--hash', '/inbox/several chunks.bin')).trim()).toBe(expected);
    expect(await node.ipfs('pin', 'ls', '--type=recursive', '--names', expected)).toContain('several chunks.bin');
  });

  it('sends a file many read buffers long byte for byte while those buffers are reused', async () => {
    // 40 reads of 1 MiB through a handful of buffers: a buffer handed back to the reader before the
    // socket had it would change the bytes Kubo gets, and so the CID.
    const file = join(dir, 'forty reads.bin');
    await writeFile(file, randomBytes(40 * 1024 * 1024 + 3));
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/inbox');
    const done = await uploads.settled(id);
    const expected = (await node.ipfs('add', '--only-hash', '-Q', file)).trim();
    expect(done).toMatchObject({ state: 'added', result: { cid: expected } });
  });

  it('adds a folder as one directory CID equal to `ipfs add -r`, with awkward names, empty files and folders', async () => {
    const root = join(dir, 'collection');
    await mkdir(join(root, 'nested', 'deeper'), { recursive: true });
    await mkdir(join(root, 'empty folder'));
    await writeFile(join(root, 'nested', 'deeper', 'été ☃.txt'), 'unicode\n');
    await writeFile(join(root, 'with space.json'), '{"a":1}');
    await writeFile(join(root, 'line\nbreak.txt'), 'newline in the name');
    await writeFile(join(root, '--leading-dashes'), 'dashes');
    await writeFile(join(root, 'plus+sign%.txt'), 'escaping');
    await writeFile(join(root, 'empty.txt'), '');
    await writeFile(join(root, '.hidden'), 'left out, as ipfs add -r does');
    await writeFile(join(root, 'big.bin'), randomBytes(2 * 1024 * 1024 + 5));
    await symlink('with space.json', join(root, 'link to json'));

    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: root }]);
    const done = await uploads.settled(id);
    const expected = (await node.ipfs('add', '-r', '--only-hash', '-Q', root)).trim();
    expect(done).toMatchObject({ state: 'added', kind: 'folder', totalFiles: 7, result: { cid: expected } });
    expect(done.result?.notes).toContainEqual({ kind: 'hidden-left-out', count: 1 });
    expect(await node.ipfs('cat', `/ipfs/${expected}/line\nbreak.txt`)).toBe('newline in the name');
    expect(await node.ipfs('ls', `/ipfs/${expected}/empty folder`)).toBe('');
  });

  it('applies a profile chosen for the upload exactly as Kubo does with the same flags', async () => {
    const other = profile === 'unixfs-v1-2025' ? 'unixfs-v0-2015' : 'unixfs-v1-2025';
    const flags =
      other === 'unixfs-v1-2025'
        ? ['--cid-version=1', '--raw-leaves=true', '--chunker=size-1048576', '--max-file-links=1024']
        : ['--cid-version=0', '--raw-leaves=false', '--chunker=size-262144', '--max-file-links=174'];
    const root = join(dir, `as ${other}`);
    await mkdir(root);
    await writeFile(join(root, 'a.bin'), randomBytes(3 * 1024 * 1024));
    await writeFile(join(root, 'b.txt'), 'small');
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: root }], { profile: other });
    const done = await uploads.settled(id);
    const expected = (await node.ipfs('add', '-r', '--only-hash', '-Q', ...flags, root)).trim();
    expect(done.result?.cid).toBe(expected);
    expect(expected).toMatch(other === 'unixfs-v1-2025' ? /^bafybei/ : /^Qm/);
  });
});

describe('a folder of 10,000 small files (an NFT collection)', () => {
  let node: TestKubo;
  let uploads: TestUploads;
  let dir: string;

  beforeAll(async () => {
    node = await startKubo({ profiles: ['unixfs-v1-2025'] });
    uploads = await openTestUploads(() => kuboAt(node.apiUrl));
    dir = await mkdtemp(join(tmpdir(), 'cairn-10k-'));
  });
  afterAll(async () => {
    await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the root CID of `ipfs add -r` and reachable per-file paths', async () => {
    const root = join(dir, 'metadata');
    await mkdir(root);
    for (let i = 0; i < 10_000; i++) {
      await writeFile(join(root, `${i}.json`), JSON.stringify({ name: `Token #${i}`, image: `ipfs://x/${i}.png` }));
    }
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: root }]);
    const done = await uploads.settled(id, 120_000);
    const expected = (await node.ipfs('add', '-r', '--only-hash', '-Q', root)).trim();
    expect(done).toMatchObject({ state: 'added', totalFiles: 10_000, filesDone: 10_000, result: { cid: expected } });
    const token = await node.ipfs('cat', `/ipfs/${expected}/9999.json`);
    expect(JSON.parse(token)).toMatchObject({ name: 'Token #9999' });
  }, 180_000);
});
