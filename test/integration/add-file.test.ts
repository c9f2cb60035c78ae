import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { addFile } from '../../electron/services/files/add-file';
import { startKubo, type TestKubo } from '../harness/kubo';

const noProgress = { signal: new AbortController().signal, progress: () => undefined };

// Adding through the service must give exactly the CID Kubo's own CLI computes for the same bytes
// on the same node, whichever import profile the node has.
describe.each(['unixfs-v1-2025', 'unixfs-v0-2015'])('adding a file on a node with %s', (profile) => {
  let node: TestKubo;
  let dir: string;
  const target = () => ({ url: node.apiUrl, headers: {} });

  beforeAll(async () => {
    node = await startKubo({ profiles: [profile] });
    dir = await mkdtemp(join(tmpdir(), 'cairn-add-'));
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a multi-chunk file from disk and matches `ipfs add --only-hash`', async () => {
    const file = join(dir, 'several chunks.bin');
    const size = 3 * 1024 * 1024 + 17;
    await writeFile(file, randomBytes(size));
    const seen: [number, number | null][] = [];
    const added = await addFile(
      target(),
      { kind: 'path', path: file },
      {
        signal: new AbortController().signal,
        progress: (bytes, total) => seen.push([bytes, total]),
      },
    );
    const expected = (await node.ipfs('add', '--only-hash', '-Q', file)).trim();
    expect(added).toEqual({ cid: expected, name: 'several chunks.bin', size });
    expect(expected).toMatch(profile === 'unixfs-v1-2025' ? /^bafybei/ : /^Qm/);
    expect(seen.at(-1)).toEqual([size, size]);
  });

  it('adds bytes from the browser harness the same way, and pins them', async () => {
    const bytes = new TextEncoder().encode('hello from the harness\n');
    const added = await addFile(target(), { kind: 'bytes', name: 'hello.txt', data: bytes }, noProgress);
    const file = join(dir, 'hello.txt');
    await writeFile(file, bytes);
    expect(added.cid).toBe((await node.ipfs('add', '--only-hash', '-Q', file)).trim());
    const pins = await node.ipfs('pin', 'ls', '--type=recursive', '-q');
    expect(pins.split('\n')).toContain(added.cid);
  });

  it('says which file could not be read', async () => {
    const missing = join(dir, 'gone.txt');
    await expect(addFile(target(), { kind: 'path', path: missing }, noProgress)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining(`${missing}: ENOENT`) as string,
    });
    await expect(addFile(target(), { kind: 'path', path: dir }, noProgress)).rejects.toBeInstanceOf(AppError);
  });

  it('stops when cancelled', async () => {
    const file = join(dir, 'big.bin');
    await writeFile(file, randomBytes(8 * 1024 * 1024));
    const controller = new AbortController();
    const adding = addFile(
      target(),
      { kind: 'path', path: file },
      {
        signal: controller.signal,
        progress: () => controller.abort(),
      },
    );
    await expect(adding).rejects.toThrow(/abort/i);
  });
});
