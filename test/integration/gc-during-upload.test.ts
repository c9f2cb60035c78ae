import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KuboClient } from '../../electron/services/kubo/kubo-client';
import { startKubo, type TestKubo } from '../harness/kubo';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';
import { until } from '../harness/until';

// Kubo takes its GC lock during an add only when the add pins: an unpinned upload's blocks are
// safe only once Files links them, so Cairn's own collection waits for it.
describe('garbage collection while an unpinned upload runs', () => {
  let node: TestKubo;
  let uploads: TestUploads;
  let dir: string;
  let kubo: KuboClient;

  beforeAll(async () => {
    node = await startKubo();
    kubo = kuboAt(node.apiUrl);
    uploads = await openTestUploads(() => kubo);
    dir = await mkdtemp(join(tmpdir(), 'cairn-gc-upload-'));
  });
  afterAll(async () => {
    await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('waits until the upload is linked into Files, and leaves every block of it on the node', async () => {
    const file = join(dir, 'unpinned.bin');
    await writeFile(file, randomBytes(48 * 1024 * 1024));
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }], { pin: false }, '/kept by files');
    let wake: () => void = () => undefined;
    const stop = uploads.queue.onChange(() => wake());
    try {
      await until(
        'upload adding',
        () => uploads.item(id).bytesDone > 0,
        60_000,
        (resolve) => (wake = resolve),
      );
    } finally {
      stop();
    }
    // The collection is asked for while the add streams: the case this test is about.
    expect(uploads.item(id).state).toBe('adding');
    const errors: string[] = [];
    for await (const result of kubo.gc(new AbortController().signal)) if (result.err) errors.push(result.err.message);
    expect(errors).toEqual([]);

    const done = await uploads.settled(id);
    expect(done.state).toBe('added');
    const stat = JSON.parse(
      await node.ipfs('files', 'stat', '--with-local', '--enc=json', '/kept by files/unpinned.bin'),
    ) as { Local: boolean; SizeLocal: number; CumulativeSize: number };
    expect(stat).toMatchObject({ Local: true, SizeLocal: stat.CumulativeSize });
  });

  it('cancels an upload waiting for a collection to end at once, and its retry lands once it has', async () => {
    // A block for the collection to remove: it then stops at its first result, holding the guard.
    await kubo.addBytes(randomBytes(64));
    const collection = kubo.gc(new AbortController().signal)[Symbol.asyncIterator]();
    expect((await collection.next()).done).toBe(false);
    const file = join(dir, 'waits for gc.txt');
    await writeFile(file, 'waits');
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }]);
    await until('upload started', () => uploads.item(id).state === 'adding');
    uploads.queue.cancel([id]);
    // Before, the upload went on waiting, its cancel unheard (and a quit held), until the collection ended.
    expect(await uploads.settled(id)).toMatchObject({ state: 'cancelled' });
    await collection.return?.();
    uploads.queue.retry([id]);
    expect(await uploads.settled(id)).toMatchObject({
      state: 'added',
      result: { cid: (await node.ipfs('add', '-Q', '--only-hash', file)).trim() },
    });
  });
});
