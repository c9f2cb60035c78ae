import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { mountSmallDisk, unmountSmallDisk } from '../../harness/small-disk';
import { kuboAt, openTestUploads, type TestUploads } from '../../harness/uploads';

const base = await mkdtemp(join(tmpdir(), 'cairn-staging-full-'));
const dataDir = join(base, 'data');
/** The data folder on a disk of its own (tmpfs, 2 MiB): inline bytes are staged there before they are queued. */
const cannotMount = await mountSmallDisk(dataDir, '2m');
if (cannotMount) console.warn(`staging-full suite skipped: ${cannotMount}`);

// Inline bytes (a browser drop, pasted text) are written to the data folder before they are queued.
// A disk that fills while they are written must not leave a row whose staged copy is cut short:
// its retry would add that part as if it were the whole file.
describe.skipIf(cannotMount !== null)('inline bytes staged on a disk that fills', () => {
  let node: TestKubo;
  let uploads: TestUploads;

  beforeAll(async () => {
    node = await startKubo();
    uploads = await openTestUploads(() => kuboAt(node.apiUrl), dataDir);
    // A queue in use: its journal holds a landed upload, and has room for a few lines more.
    const [earlier = ''] = await uploads.enqueue([{ kind: 'bytes', name: 'earlier.txt', data: new Uint8Array(1) }]);
    await uploads.settled(earlier);
    await uploads.queue.clear([earlier]);
  });
  afterAll(async () => {
    await uploads.close();
    await node.stop();
    await unmountSmallDisk(dataDir);
    await rm(base, { recursive: true, force: true });
  });

  async function staged(): Promise<string[]> {
    return readdir(join(dataDir, 'upload-staging')).catch(() => []);
  }

  it('are not queued: the request fails as disk full, nothing of them stays staged, and bytes that fit then land whole', async () => {
    const fits = { kind: 'bytes', name: 'note.txt', data: new TextEncoder().encode('fits') } as const;
    const tooBig = { kind: 'bytes', name: 'big.bin', data: new Uint8Array(3 * 1024 * 1024).fill(7) } as const;
    await expect(uploads.enqueue([fits, tooBig])).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringContaining(join(dataDir, 'upload-staging')) as string,
    });
    expect(uploads.queue.list()).toEqual([]);
    expect(await staged()).toEqual([]);

    // The space the cut-short copy took is free again: a file half the disk's size is staged and added whole.
    const data = new Uint8Array(1024 * 1024).fill(9);
    const [id = ''] = await uploads.enqueue([{ kind: 'bytes', name: 'half.bin', data }]);
    const file = join(base, 'half.bin');
    await writeFile(file, data);
    const expected = (await node.ipfs('add', '--only-hash', '-Q', file)).trim();
    expect(await uploads.settled(id)).toMatchObject({
      state: 'added',
      totalBytes: data.byteLength,
      result: { cid: expected, path: '/half.bin' },
    });
  });
});
