import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGateway } from '../../electron/services/gateways/gateway-health';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';
import { verifyRemote, type ResolvedSource } from '../../electron/services/verify/verify-remote';
import { startKubo, type TestKubo } from '../harness/kubo';

// Gateways that lie in ways a hash alone does not name: each verdict must say what happened, and
// never "verified" for bytes a source did not send. Kubo's own gateway gives the honest answers.
describe('verifying against gateways that redirect, compress or have nothing to send', () => {
  let node: TestKubo;
  let dir: string;
  let saveIn: string;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-verify-lying-'));
    saveIn = join(dir, 'exports');
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const gateway = (url: string, transport: 'car' | 'blocks' | 'file'): ResolvedSource => ({
    name: 'Test gateway',
    ref: { kind: 'gateway', id: 'test' },
    kind: 'gateway',
    url,
    style: 'path',
    transport,
  });
  const check = (source: ResolvedSource, cid: CID) =>
    verifyRemote(source, cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn,
    });
  const saved = async () => readdir(saveIn).catch(() => []);
  const putBlock = async (bytes: string, ...flags: string[]) => {
    await writeFile(join(dir, 'block'), bytes);
    return CID.parse((await node.ipfs('block', 'put', ...flags, join(dir, 'block'))).trim());
  };

  it.each(['car', 'blocks', 'file'] as const)(
    'says a CID holding its content itself was not asked of a gateway that cannot be reached (%s)',
    async (transport) => {
      const inline = CID.createV1(raw.code, identity.digest(new TextEncoder().encode('inside the CID')));
      // Nothing listens there: any "verified" would be a verdict about bytes no one sent.
      const result = await check(gateway('http://127.0.0.1:9', transport), inline);
      expect(result).toMatchObject({ outcome: 'skipped', details: { skippedFor: 'inline' } });
      expect(await saved()).toEqual([]);
    },
  );

  it.each(['car', 'blocks', 'file'] as const)(
    "verifies a block whose CID has a truncated hash from Kubo's own gateway (%s)",
    async (transport) => {
      const cid = await putBlock('a short hash\n', '--mhtype=sha2-256', '--mhlen=20');
      expect(cid.multihash.size).toBe(20);
      const result = await check(gateway(node.gatewayUrl ?? '', transport), cid);
      expect(result).toMatchObject({ outcome: 'verified', blocks: 1 });
      expect(await saved()).toEqual([cid.toString()]);
      await rm(saveIn, { recursive: true });
      const health = await checkGateway({ url: node.gatewayUrl ?? '', style: 'path' }, cid, {
        timeoutMs: 5_000,
        offline: true,
      });
      expect(health).toMatchObject({ status: 'trustworthy' });
    },
  );

  it("reports the node's own block for a truncated hash as verified", async () => {
    const cid = await putBlock('short from the node\n', '--mhtype=sha2-512', '--mhlen=32');
    const theNode: ResolvedSource = {
      name: 'The node',
      ref: { kind: 'node' },
      kind: 'node',
      kubo: createKuboClient({ url: node.apiUrl, headers: {} }),
    };
    expect(await check(theNode, cid)).toMatchObject({ outcome: 'verified', blocks: 1 });
    await rm(saveIn, { recursive: true });
  });
});
