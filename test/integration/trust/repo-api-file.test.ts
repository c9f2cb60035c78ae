import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/ipc/host';
import { caller } from '../../harness/call';
import { startEmbeddedHost } from '../../harness/host';
import { guardLoopback } from '../../harness/loopback-guard';
import { until } from '../../harness/until';

// The embedded node is Cairn's own, on this computer: it is given stored pinning tokens that a
// remote node never gets. A daemon found through a repo's `api` file is reused as that node, so an
// `api` file naming another machine must not make that machine Cairn's own. In the browser harness
// the page itself can write such a repo: it exports files named `config` and `api` to the dialog
// folder, then picks that folder as the repo.
describe('a repo whose api file names another machine', () => {
  const elsewhere = '/ip4/192.0.2.10/tcp/5001';
  let dataDir: string;
  let dialogDir: string;
  let host: Host;
  let api: ReturnType<typeof caller>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-repo-api-file-'));
    dialogDir = join(dataDir, 'dialog');
    host = await startEmbeddedHost(join(dataDir, 'app'), dialogDir);
    api = caller(host.dispatcher);
  });
  afterAll(async () => {
    await host.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is neither dialed nor taken for the embedded node', async () => {
    const options = host.services.settings.get().uploads;
    const files = { config: '{}', api: elsewhere };
    await api.call('uploads.enqueue', {
      folder: '/',
      sources: Object.entries(files).map(([name, text]) => ({ kind: 'bytes', name, data: Buffer.from(text) })),
      options,
    });
    await until('both files are in Files', () =>
      api.call('uploads.list', {}).then((items) => items.every((item) => item.state === 'added')),
    );
    for (const name of Object.keys(files)) {
      await api.call('files.export', { opId: `export-${name}`, path: `/${name}`, as: 'content' });
    }
    await api.call('node.choosePath', { what: 'repo', reset: false });
    expect(host.services.settings.get().node.repoPath).toBe(dialogDir);

    const guard = guardLoopback();
    try {
      const status = await api.call('node.restart', {});
      expect(guard.dialed).toEqual([]);
      expect(status).toMatchObject({
        state: 'error',
        error: { code: 'NODE_ERROR', details: { apiFile: 'http://192.0.2.10:5001', problem: 'api-elsewhere' } },
      });
    } finally {
      guard.restore();
    }
    // Not Cairn's to remove: another program's address, not a file a crash left behind.
    expect(await readFile(join(dialogDir, 'api'), 'utf8')).toBe(elsewhere);
  });
});
