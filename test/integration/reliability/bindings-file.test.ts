import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/ipc/host';
import type { Binding } from '../../../shared/ipc/contract';
import { caller } from '../../harness/call';
import { startEmbeddedHost } from '../../harness/host';
import { rpcClient } from '../../harness/rpc-client';
import { until } from '../../harness/until';

// ipns-bindings.json is read at every start: a binding whose dates no clock could reach (an
// interval of 1e300 seconds, a last publish on the last day a date can hold) must not stop the
// folders bound after it from being republished.
describe('ipns-bindings.json holding a binding past any date', () => {
  let dataDir: string;
  let dialogDir: string;
  let host: Host;
  let odd: { id: string };
  let site: { id: string };
  let siteCid: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-bindings-file-'));
    dialogDir = await mkdtemp(join(tmpdir(), 'cairn-bindings-file-dialogs-'));
    host = await startEmbeddedHost(dataDir, dialogDir);
    const { call } = caller(host.dispatcher);
    const client = rpcClient(host.services.node);
    for (const folder of ['/odd', '/site']) {
      await client.files.mkdir(folder, { parents: true });
      await client.files.write(`${folder}/index.html`, new TextEncoder().encode(folder), { create: true });
    }
    odd = await call('ipns.createKey', { name: 'odd' });
    site = await call('ipns.createKey', { name: 'site' });
    siteCid = (await client.files.stat('/site')).cid.toString();
  });
  afterAll(async () => {
    await host.dispose();
    await rm(dataDir, { recursive: true, force: true });
    await rm(dialogDir, { recursive: true, force: true });
  });

  /** Restarts on a bindings file holding the odd binding, then the site's; returns its text. */
  async function restartWith(oddOne: Partial<Binding>): Promise<string> {
    await host.dispose();
    const text = JSON.stringify({
      version: 1,
      bindings: [
        { keyId: odd.id, keyName: 'odd', mfsPath: '/odd', minIntervalSeconds: 60, state: 'pending', ...oddOne },
        { keyId: site.id, keyName: 'site', mfsPath: '/site', minIntervalSeconds: 1, state: 'pending' },
      ],
    });
    await writeFile(join(dataDir, 'ipns-bindings.json'), text);
    host = await startEmbeddedHost(dataDir, dialogDir);
    return text;
  }

  const siteRepublished = () =>
    until(
      'the folder bound after it republished',
      async () =>
        (await caller(host.dispatcher).call('ipns.bindings', {})).some(
          (binding) => binding.keyId === site.id && binding.publishedCid === siteCid,
        ),
      20_000,
    );

  it('an interval no user could choose: leaves that binding out, says so, keeps the bytes aside, and republishes the others', async () => {
    const text = await restartWith({ minIntervalSeconds: 1e300, lastPublishedAt: new Date().toISOString() });
    expect(host.services.store.problems()).toMatchObject([
      { kind: 'unreadable', file: 'ipns-bindings.json', kept: 1, dropped: 1 },
    ]);
    const aside = (await readdir(dataDir)).filter((name) => name.startsWith('ipns-bindings.json.unreadable-'));
    expect(aside).toHaveLength(1);
    await siteRepublished();
    expect(text).toContain('1e+300');
  });

  it('a last publish on the last day a date can hold: counts as now, and every binding republishes', async () => {
    await restartWith({ lastPublishedAt: '+275760-09-13T00:00:00.000Z', minIntervalSeconds: 1 });
    await siteRepublished();
    const oddCid = (await rpcClient(host.services.node).files.stat('/odd')).cid.toString();
    await until('the odd binding republished', async () =>
      (await caller(host.dispatcher).call('ipns.bindings', {})).some(
        (binding) => binding.keyId === odd.id && binding.publishedCid === oddCid,
      ),
    );
  });
});
