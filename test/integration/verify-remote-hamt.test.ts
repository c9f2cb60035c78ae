import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGateway } from '../../electron/services/gateways/gateway-health';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';
import { contentAt } from '../../electron/services/keep/content-at';
import { verifyRemote } from '../../electron/services/verify/verify-remote';
import { buildLink } from '../../shared/links/build-link';
import { parseContentRef } from '../../shared/links/content-ref';
import { gatewayGet } from '../harness/gateway-get';
import { testGateway } from '../harness/gateway-source';
import { startKubo, type TestKubo } from '../harness/kubo';

// Kubo shards a folder past 256 KiB of links into a HAMT (UnixFS type 5): Verify must walk its
// shard nodes to every entry, and links into it must lead where Kubo's gateway serves the entry.
describe('a sharded folder through Kubo’s gateway', () => {
  let node: TestKubo;
  let dir: string;
  let root: CID;
  const COUNT = 1100;
  const nameOf = (i: number) => `an-entry-with-a-long-name-${'x'.repeat(180)}-${i}`;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-hamt-'));
    await mkdir(join(dir, 'wide'));
    for (let i = 0; i < COUNT; i++) {
      await writeFile(join(dir, 'wide', nameOf(i)), `${i}\n`);
    }
    root = CID.parse((await node.ipfs('add', '-Q', '-r', '--cid-version=1', join(dir, 'wide'))).trim());
    const rootNode = JSON.parse(await node.ipfs('dag', 'get', root.toString())) as { Data: { '/': { bytes: string } } };
    expect(Buffer.from(rootNode.Data['/'].bytes, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x08, 0x05]));
  }, 60_000);
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['car', 'blocks', 'file'] as const)(
    'verifies every entry (%s)',
    async (transport) => {
      // Every block once: the shard nodes and the files, and the root.
      const blocks = (await node.ipfs('refs', '-r', '-u', root.toString())).trim().split('\n').length + 1;
      const result = await verifyRemote(testGateway(node.gatewayUrl ?? '', transport), root, {
        signal: new AbortController().signal,
        progress: () => undefined,
        offline: true,
        idleTimeoutMs: 10_000,
        saveIn: null,
      });
      expect(result, result.message).toMatchObject({ outcome: 'verified', blocks });
    },
    60_000,
  );

  it('gives path and subdomain links to an entry that Kubo’s gateway serves, and checks the entry itself', async () => {
    const port = new URL(node.gatewayUrl ?? '').port;
    const ref = parseContentRef(`/ipfs/${root.toString()}/${nameOf(777)}`);
    for (const [kind, gateway] of [
      ['path', `http://127.0.0.1:${port}`],
      ['subdomain', `http://localhost:${port}`],
    ] as const) {
      const link = buildLink(ref, kind, gateway).url ?? 'no link';
      expect(await gatewayGet(link, port), link).toMatchObject({ status: 200, body: Buffer.from('777\n') });
    }
    // Share's check of a path asks for the block at its end, which the node finds through the shards.
    const end = await contentAt(
      createKuboClient({ url: node.apiUrl, headers: {} }),
      `${root.toString()}/${nameOf(777)}`,
    );
    const leaf = (
      await node.ipfs('add', '-Q', '--only-hash', '--cid-version=1', join(dir, 'wide', nameOf(777)))
    ).trim();
    expect(end).toBe(leaf);
    const health = await checkGateway({ url: `http://localhost:${port}`, style: 'subdomain' }, CID.parse(end ?? ''), {
      timeoutMs: 5_000,
      offline: true,
    });
    expect(health).toMatchObject({ status: 'trustworthy' });
  });
});
