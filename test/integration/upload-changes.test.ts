import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { appendFile, mkdir, mkdtemp, open, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadItem } from '../../shared/ipc/contract';
import { startKubo, type TestKubo } from '../harness/kubo';
import { until } from '../harness/until';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';

/** A sparse file, long enough to read that it can be changed while it is read. */
async function largeFile(path: string, bytes = 512 * 1024 * 1024): Promise<void> {
  const handle = await open(path, 'w');
  await handle.truncate(bytes);
  await handle.close();
}

// A file that changes while it is read must fail by name whichever way the upload reaches the node:
// `add` (the node's own settings), or a DAG Cairn builds and imports as a CAR (a profile the node's
// config would not give). Its progress never counts bytes past the size it announced.
describe.each([
  { route: 'add', profile: 'node', flags: [] },
  {
    route: 'CAR',
    profile: 'unixfs-v1-2025',
    flags: ['--cid-version=1', '--raw-leaves=true', '--chunker=size-1048576'],
  },
] as const)('a file that changes during an upload by $route', ({ route, profile, flags }) => {
  let node: TestKubo;
  let uploads: TestUploads;
  let dir: string;
  /** Every state of each upload the queue told, in order. */
  const seen = new Map<string, UploadItem[]>();

  beforeAll(async () => {
    // Kubo's classic settings: a folder with unixfs-v1-2025 then goes the CAR route (see import-route.ts).
    node = await startKubo({ apply: ['unixfs-v0-2015'] });
    uploads = await openTestUploads(() => kuboAt(node.apiUrl));
    uploads.queue.onChange(({ items }) => {
      for (const item of items) seen.set(item.id, [...(seen.get(item.id) ?? []), item]);
    });
    dir = await mkdtemp(join(tmpdir(), `cairn-changes-${route}-`));
  });
  afterAll(async () => {
    await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function folderWithLargeFile(name: string): Promise<{ root: string; file: string; id: string }> {
    const root = join(dir, name);
    await mkdir(root);
    const file = join(root, 'big.bin');
    await largeFile(file);
    await writeFile(join(root, 'small.txt'), 'small');
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: root }], { profile }, `/${name}`);
    await until('bytes flowing', () => uploads.item(id).bytesDone > 0, 30_000);
    return { root, file, id };
  }

  async function failsByNameThenAddsOnRetry(root: string, file: string, id: string): Promise<void> {
    const failed = await uploads.settled(id, 120_000);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'FILE_CHANGED', details: { path: file } } });
    expect(failed.error?.message).toContain(`${file} changed while it was being added`);
    expect(await node.ipfs('files', 'ls', '/')).not.toContain(root.slice(dir.length + 1));
    for (const told of seen.get(id) ?? []) expect(told.bytesDone).toBeLessThanOrEqual(told.totalBytes ?? 0);

    await writeFile(file, 'settled');
    uploads.queue.retry([id]);
    const added = await uploads.settled(id);
    const expected = (await node.ipfs('add', '-r', '-Q', '--only-hash', ...flags, root)).trim();
    expect(added).toMatchObject({ state: 'added', bytesDone: 12, totalBytes: 12, result: { cid: expected } });
  }

  it('that grows: fails by name, counts no byte past its size, and adds as it is now on retry', async () => {
    const { root, file, id } = await folderWithLargeFile('grows');
    await appendFile(file, 'x'.repeat(64 * 1024));
    await failsByNameThenAddsOnRetry(root, file, id);
  });

  it('that shrinks: fails by name, and adds as it is now on retry', async () => {
    const { root, file, id } = await folderWithLargeFile('shrinks');
    await truncate(file, 256 * 1024 * 1024);
    await failsByNameThenAddsOnRetry(root, file, id);
  });
});

// A file of a folder replaced by a named pipe after the walk: opening a pipe to read it waits for a
// writer for ever, which no cancel reaches. It must be refused by name, large or small.
describe('a file that becomes a named pipe (FIFO) during an upload', () => {
  let node: TestKubo;
  let uploads: TestUploads;
  let dir: string;
  const pipes: string[] = [];

  beforeAll(async () => {
    node = await startKubo();
    uploads = await openTestUploads(() => kuboAt(node.apiUrl));
    dir = await mkdtemp(join(tmpdir(), 'cairn-changes-fifo-'));
  });
  afterAll(async () => {
    // Lets go of a read left waiting on a pipe (the hang guarded against), if any, so that the queue can close.
    for (const pipe of pipes) {
      await open(pipe, constants.O_WRONLY | constants.O_NONBLOCK)
        .then((handle) => handle.close())
        .catch(() => undefined);
    }
    await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    { size: 'large', bytes: 600 * 1024 },
    { size: 'small', bytes: 10 },
  ])('a $size one is refused by name, and the upload ends', async ({ size, bytes }) => {
    const root = join(dir, size);
    await mkdir(root);
    await largeFile(join(root, 'a first.bin'));
    const later = join(root, 'b later.bin');
    await writeFile(later, Buffer.alloc(bytes));
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: root }], {}, `/${size}`);
    await until('bytes flowing', () => uploads.item(id).bytesDone > 0, 30_000);
    await unlink(later);
    pipes.push(later);
    await promisify(execFile)('mkfifo', [later]);
    expect(await uploads.settled(id)).toMatchObject({
      state: 'failed',
      error: {
        code: 'UNSUPPORTED',
        message: `${later} is a named pipe (FIFO): Cairn adds regular files and folders only.`,
        details: { path: later, problem: 'not-regular' },
      },
    });
    expect(await node.ipfs('files', 'ls', '/')).not.toContain(size);
  });
});
