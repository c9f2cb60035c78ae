import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGateway } from '../../electron/services/gateways/gateway-health';
import { verifyRemote } from '../../electron/services/verify/verify-remote';
import { testGateway } from '../harness/gateway-source';
import { startKubo, type TestKubo } from '../harness/kubo';

// A browser reaches http://localhost:PORT and its *.localhost subdomains on ::1 as on 127.0.0.1:
// a gateway listening on IPv6 loopback only must pass Share's check and Verify as it opens there.
describe('a subdomain gateway on localhost that listens on ::1 only', () => {
  let node: TestKubo;
  let localhost: string;

  beforeAll(async () => {
    node = await startKubo({ gatewayAddress: '/ip6/::1/tcp/0' });
    expect(new URL(node.gatewayUrl ?? '').hostname).toBe('[::1]');
    localhost = `http://localhost:${new URL(node.gatewayUrl ?? '').port}`;
  });
  afterAll(() => node.stop());

  const putBlock = async (bytes: string) => {
    const file = join(node.repoPath, 'block-to-put');
    await writeFile(file, bytes);
    return CID.parse((await node.ipfs('block', 'put', '--cid-codec=raw', file)).trim());
  };

  it('is found trustworthy by Share’s check', async () => {
    const cid = await putBlock('served on ::1 only\n');
    const health = await checkGateway({ url: localhost, style: 'subdomain' }, cid, { timeoutMs: 5_000, offline: true });
    expect(health).toMatchObject({ status: 'trustworthy' });
  });

  it.each(['car', 'blocks', 'file'] as const)('verifies content through it (%s)', async (transport) => {
    const cid = await putBlock(`verified on ::1 only, ${transport}\n`);
    const result = await verifyRemote(testGateway(localhost, transport, 'subdomain'), cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn: null,
    });
    expect(result, result.message).toMatchObject({ outcome: 'verified' });
  });
});
