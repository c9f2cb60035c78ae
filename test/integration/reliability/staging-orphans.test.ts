import { appendFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxiedKubo, type ProxiedKubo } from '../../harness/proxied-kubo';
import { kuboAt, openTestUploads } from '../../harness/uploads';

// Inline bytes are staged in the data folder, then saved as a row; landing or clearing the row
// saves that, then removes its staged copy. An app stopped between the two steps of any leaves a
// staged copy no row needs, which nothing would ever remove: each such stop kept a drop's size on disk.
describe('staged copies no upload needs', () => {
  let at: ProxiedKubo;
  let dataDir: string;

  beforeAll(async () => {
    at = await startProxiedKubo('cairn-staging-orphans-');
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-staging-orphans-data-'));
  });
  afterAll(async () => {
    await at.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const staging = () => join(dataDir, 'upload-staging');
  const staged = async () => (await readdir(staging())).sort();

  it('go when the queue opens again after a stop mid-clear; a row’s own copy and a file still arriving stay', async () => {
    const first = await openTestUploads(() => kuboAt(at.proxy.url), dataDir);
    first.queue.pause();
    const bytes = (name: string) => ({ kind: 'bytes', name, data: new TextEncoder().encode(name) }) as const;
    const [cleared = '', kept = ''] = await first.enqueue([bytes('cleared.txt'), bytes('kept.txt')]);
    first.queue.cancel([cleared, kept]);
    // A file the browser harness is sending for a drop not yet queued: the bridge's to forget, not the queue's.
    const arriving = join(staging(), 'received', 'a-drop', 'arriving.bin');
    await mkdir(join(arriving, '..'), { recursive: true });
    await writeFile(arriving, 'half');

    // The clear has saved the row's removal and asks the node for the pins it may have left: stopped there.
    const asked = at.proxy.hold('/api/v0/pin/ls');
    void first.queue.clear([cleared]).catch(() => undefined);
    await asked;
    expect(await staged()).toEqual([cleared, kept, 'received'].sort());

    const second = await openTestUploads(() => kuboAt(at.node.apiUrl), dataDir);
    try {
      expect(second.queue.list().map((item) => item.id)).toEqual([kept]);
      expect(await staged()).toEqual([kept, 'received'].sort());
      expect(await readdir(join(staging(), 'received', 'a-drop'))).toEqual(['arriving.bin']);
      second.queue.retry([kept]);
      expect(await second.settled(kept)).toMatchObject({ state: 'added', totalBytes: 'kept.txt'.length });
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('go once their upload has landed, or at the next start; a copy a retry may read stays', async () => {
    const uploads = await openTestUploads(() => kuboAt(at.node.apiUrl), dataDir);
    uploads.queue.pause();
    const bytes = (name: string) => ({ kind: 'bytes', name, data: new TextEncoder().encode(name) }) as const;
    const [landing = '', cancelled = ''] = await uploads.enqueue([bytes('landing.txt'), bytes('cancelled.txt')]);
    uploads.queue.cancel([cancelled]);
    uploads.queue.resume();
    expect(await uploads.settled(landing)).toMatchObject({ state: 'added' });
    // Once nothing runs, the landing is on disk and the copy gone: the cancelled row keeps its own for a retry.
    await uploads.queue.idle();
    expect(await staged()).not.toContain(landing);
    expect(await staged()).toContain(cancelled);
    await uploads.close();

    // A stop between saving the landing and removing the copy (or an older Cairn, which kept it) left it.
    await mkdir(join(staging(), landing));
    await writeFile(join(staging(), landing, 'landing.txt'), 'landing.txt');
    const reopened = await openTestUploads(() => kuboAt(at.node.apiUrl), dataDir);
    try {
      expect(await staged()).not.toContain(landing);
      reopened.queue.retry([cancelled]);
      expect(await reopened.settled(cancelled)).toMatchObject({ state: 'added', totalBytes: 'cancelled.txt'.length });
    } finally {
      await reopened.close();
    }
  });

  it('stay when the list was not read whole: a row set aside with a damaged journal may be recovered', async () => {
    const unnamed = join(staging(), 'set-aside-row');
    await mkdir(unnamed, { recursive: true });
    await appendFile(join(dataDir, 'uploads.journal'), 'not a change\n');
    const reopened = await openTestUploads(() => kuboAt(at.node.apiUrl), dataDir);
    await reopened.close();
    expect(await staged()).toContain('set-aside-row');
  });
});
