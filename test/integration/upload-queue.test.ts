import { appendFile, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initRepo, startDaemon, type KuboDaemon } from '../../electron/services/node/kubo-process';
import { startKubo, type TestKubo } from '../harness/kubo';
import { resolveTestKuboBinary } from '../harness/kubo-binary';
import { until } from '../harness/until';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';

/** A sparse file: gigabytes on the node's side, made at once, so that an upload runs long enough to interrupt. */
async function largeFile(path: string, bytes = 1024 * 1024 * 1024): Promise<void> {
  const handle = await open(path, 'w');
  await handle.truncate(bytes);
  await handle.close();
}

async function filesEntries(node: TestKubo, folder: string): Promise<string[]> {
  return (await node.ipfs('files', 'ls', folder)).split('\n').filter(Boolean);
}

describe('the upload queue', () => {
  let node: TestKubo;
  let dir: string;
  let uploads: TestUploads;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-queue-'));
    uploads = await openTestUploads(() => kuboAt(node.apiUrl));
  });
  afterAll(async () => {
    await uploads.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('cancels a file mid-way without leaving anything in Files, and adds it on retry', async () => {
    const file = join(dir, 'cancel me.bin');
    await largeFile(file);
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/cancelled');
    await until('bytes flowing', () => uploads.item(id).bytesDone > 0, 30_000);
    uploads.queue.cancel([id]);
    expect(await uploads.settled(id)).toMatchObject({ state: 'cancelled' });
    expect(await node.ipfs('files', 'ls', '/')).not.toContain('cancelled');

    await writeFile(file, 'smaller now');
    uploads.queue.retry([id]);
    expect(await uploads.settled(id)).toMatchObject({ state: 'added', result: { path: '/cancelled/cancel me.bin' } });
    expect(await filesEntries(node, '/cancelled')).toEqual(['cancel me.bin']);
  });

  it('starts the count of a retried upload again from zero, so that the queue’s total never drops', async () => {
    const file = join(dir, 'retried.bin');
    await largeFile(file);
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/retried');
    await until('bytes flowing', () => uploads.item(id).bytesDone > 0, 30_000);
    uploads.queue.cancel([id]);
    expect((await uploads.settled(id)).bytesDone).toBeGreaterThan(0);

    // Paused, the retried upload stays in the queue, where the queue's total counts it.
    await writeFile(file, 'smaller now');
    uploads.queue.pause();
    uploads.queue.retry([id]);
    const queued = uploads.item(id);
    uploads.queue.resume();
    expect(queued).toMatchObject({ state: 'queued', bytesDone: 0, filesDone: 0, startedAt: null });
    expect(await uploads.settled(id)).toMatchObject({ state: 'added', bytesDone: 11, totalBytes: 11 });
  });

  it('pauses: the running upload goes back to the queue, nothing starts until resumed, then it is added', async () => {
    const big = join(dir, 'paused.bin');
    await largeFile(big, 256 * 1024 * 1024);
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: big }], {}, '/paused');
    await until('bytes flowing', () => uploads.item(id).bytesDone > 0, 30_000);
    uploads.queue.pause();
    await until('the upload back in the queue', () => uploads.item(id).state === 'queued', 30_000);
    const small = join(dir, 'waits.txt');
    await writeFile(small, 'queued while paused');
    const [waiting = ''] = await uploads.enqueue([{ kind: 'path', path: small }], {}, '/paused');
    expect(uploads.queue.paused()).toBe(true);
    expect([uploads.item(id).state, uploads.item(waiting).state]).toEqual(['queued', 'queued']);
    expect(await node.ipfs('files', 'ls', '/')).not.toContain('paused');

    uploads.queue.resume();
    expect(await uploads.settled(waiting)).toMatchObject({ state: 'added' });
    expect(await uploads.settled(id, 120_000)).toMatchObject({ state: 'added' });
    expect(await filesEntries(node, '/paused')).toEqual(['paused.bin', 'waits.txt']);
  });

  it('says so when the same content is already there, and keeps other content under a taken name', async () => {
    const file = join(dir, 'report.pdf');
    await writeFile(file, 'first version');
    const [first = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/docs');
    await uploads.settled(first);
    const [again = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/docs');
    const duplicate = await uploads.settled(again);
    expect(duplicate.state).toBe('duplicate');
    expect(duplicate.result?.notes).toEqual([{ kind: 'already-there', path: '/docs/report.pdf' }]);

    await writeFile(file, 'second version');
    const [changed = ''] = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/docs');
    expect(await uploads.settled(changed)).toMatchObject({
      state: 'added',
      result: {
        path: '/docs/report (2).pdf',
        notes: [{ kind: 'renamed', taken: '/docs/report.pdf', name: 'report (2).pdf' }],
      },
    });
    expect(await filesEntries(node, '/docs')).toEqual(['report (2).pdf', 'report.pdf']);
  });

  it('names the Files folder that a file took the place of, or stands above, as not a folder', async () => {
    // The folder chosen was deleted in Files and a file given its name while the uploads waited.
    const file = join(dir, 'into a file.txt');
    await writeFile(file, 'into a file');
    await node.ipfs('files', 'cp', `/ipfs/${(await node.ipfs('add', '-Q', file)).trim()}`, '/was a folder');
    const ids = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/was a folder');
    const below = await uploads.enqueue([{ kind: 'path', path: file }], {}, '/was a folder/inside');
    for (const id of [...ids, ...below]) {
      // Before: "file already exists", or "The node refused files/mkdir (HTTP 500): was not a directory".
      expect(await uploads.settled(id)).toMatchObject({
        state: 'failed',
        error: { code: 'VALIDATION', details: { path: '/was a folder', problem: 'not-a-folder' } },
      });
    }
  });

  it('fails a file that changes while it is added, by name, and adds it as it is now on retry', async () => {
    const file = join(dir, 'growing.log');
    await largeFile(file);
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }]);
    await until('bytes flowing', () => uploads.item(id).bytesDone > 0, 30_000);
    await appendFile(file, 'one more line\n');
    const failed = await uploads.settled(id);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'FILE_CHANGED', details: { path: file } } });
    expect(failed.error?.message).toContain(`${file} changed while it was being added`);
    expect(await node.ipfs('files', 'ls', '/')).not.toContain('growing.log');

    await writeFile(file, 'settled\n');
    uploads.queue.retry('failed');
    expect(await uploads.settled(id)).toMatchObject({ state: 'added' });
  });
});

describe('the upload queue across restarts', () => {
  let node: TestKubo;
  let dir: string;
  let dataDir: string;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-restart-src-'));
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-restart-data-'));
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('brings back what was running as interrupted, after a crash and after a quit, and retries it', async () => {
    const target = () => kuboAt(node.apiUrl);
    const file = join(dir, 'long.bin');
    const done = join(dir, 'done.txt');
    await largeFile(file);
    await writeFile(done, 'finished before the crash');

    const before = await openTestUploads(target, dataDir);
    const [finished = ''] = await before.enqueue([{ kind: 'path', path: done }]);
    await before.settled(finished);
    const [running = ''] = await before.enqueue([{ kind: 'path', path: file }]);
    await until('bytes flowing', () => before.item(running).bytesDone > 0, 30_000);

    // A second process reading the same queue file sees what a crash leaves behind.
    const afterCrash = await openTestUploads(target, dataDir);
    expect(afterCrash.item(running).state).toBe('interrupted');
    expect(afterCrash.item(finished)).toMatchObject({ state: 'added', result: { path: '/done.txt' } });
    await afterCrash.queue.dispose();

    await before.close();
    const afterQuit = await openTestUploads(target, dataDir);
    expect(afterQuit.item(running).state).toBe('interrupted');
    await writeFile(file, 'short now');
    afterQuit.queue.retry([running]);
    expect(await afterQuit.settled(running)).toMatchObject({ state: 'added', result: { path: '/long.bin' } });
    await afterQuit.queue.clear('finished');
    expect(afterQuit.queue.list()).toEqual([]);
    await afterQuit.close();
  });
});

describe('a node that dies during an upload', () => {
  const repo = { binary: resolveTestKuboBinary(), repoPath: '' };
  let daemon: KuboDaemon;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-kill-'));
    repo.repoPath = join(dir, 'repo');
    await initRepo(repo, ['test']);
    daemon = await startDaemon(repo, { offline: true });
  });
  afterAll(async () => {
    await daemon.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails the item with a clear message, and the retry works once the node is back', async () => {
    const uploads = await openTestUploads(() => kuboAt(daemon.apiUrl));
    const file = join(dir, 'big.bin');
    await largeFile(file);
    const [id = ''] = await uploads.enqueue([{ kind: 'path', path: file }]);
    await until('bytes flowing', () => uploads.item(id).bytesDone > 0, 30_000);
    process.kill(daemon.pid, 'SIGKILL');
    // Tried again on its own a few times first: back in the queue meanwhile, counting nothing done.
    await until('the upload waiting for the node', () => uploads.item(id).state === 'queued');
    expect(uploads.item(id)).toMatchObject({ bytesDone: 0, filesDone: 0, error: { code: 'NODE_UNREACHABLE' } });
    const failed = await uploads.settled(id);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'NODE_UNREACHABLE' } });
    expect(failed.error?.message).toMatch(
      /^The node stopped answering during the upload \(.+\)\. Retry once it runs again\.$/,
    );

    daemon = await startDaemon(repo, { offline: true });
    await writeFile(file, 'after the restart');
    uploads.queue.retry([id]);
    expect(await uploads.settled(id)).toMatchObject({ state: 'added', result: { path: '/big.bin' } });
    await uploads.close();
  });
});
