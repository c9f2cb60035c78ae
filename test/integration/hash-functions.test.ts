import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGateway } from '../../electron/services/gateways/gateway-health';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';
import { verifyRemote, type ResolvedSource } from '../../electron/services/verify/verify-remote';
import { startKubo, type TestKubo } from '../harness/kubo';

// Every hash function `ipfs add --hash` takes that Cairn checks, against what Kubo itself computed.
const hashes = [
  'sha2-512',
  'sha3-256',
  'sha3-512',
  'keccak-256',
  'blake2b-256',
  'blake2s-256',
  'blake3',
  // Kubo fetches and serves these too (sha1, collision-broken, included: boxo's verifcid allows it).
  'sha1',
  'dbl-sha2-256',
  'shake-256',
];

describe('content added with each hash function Kubo offers', () => {
  let node: TestKubo;
  let dir: string;

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-hashes-'));
    // Three leaves and their parent, a small file and the folder: six blocks, of every kind.
    await mkdir(join(dir, 'album'));
    await writeFile(join(dir, 'album', 'big.bin'), randomBytes(600_000));
    await writeFile(join(dir, 'album', 'small.txt'), 'small\n');
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const verify = (source: ResolvedSource, cid: CID) =>
    verifyRemote(source, cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn: null,
    });

  it.each(hashes)(
    'verifies %s content from the node and from its gateway, and finds the gateway trustworthy',
    async (hash) => {
      const cid = CID.parse((await node.ipfs('add', '-r', '-Q', `--hash=${hash}`, join(dir, 'album'))).trim());
      const gateway = { url: node.gatewayUrl ?? '', style: 'path' } as const;
      const sources: ResolvedSource[] = [
        {
          name: 'The node',
          ref: { kind: 'node' },
          kind: 'node',
          kubo: createKuboClient({ url: node.apiUrl, headers: {} }),
        },
        {
          name: 'Its gateway',
          ref: { kind: 'gateway', id: 'local' },
          kind: 'gateway',
          ...gateway,
          transport: 'blocks',
        },
      ];
      for (const source of sources) {
        expect(await verify(source, cid)).toMatchObject({ outcome: 'verified', blocks: 6 });
      }
      expect(await checkGateway(gateway, cid, { timeoutMs: 5_000, offline: true })).toMatchObject({
        status: 'trustworthy',
      });
    },
  );

  it('does not ask a gateway that serves only subdomains for a CID too long for one', async () => {
    const cid = CID.parse((await node.ipfs('add', '-r', '-Q', '--hash=sha2-512', join(dir, 'album'))).trim());
    const subdomainOnly: ResolvedSource = {
      name: 'dweb.link',
      ref: { kind: 'gateway', id: 'dweb-link' },
      kind: 'gateway',
      url: 'https://dweb.link',
      style: 'subdomain',
      transport: 'car',
    };
    // Online, so only the missing link stops it: it would answer HTTP 400 to a path request.
    const verdict = await verifyRemote(subdomainOnly, cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: false,
      idleTimeoutMs: 5_000,
      saveIn: null,
    });
    expect(verdict).toMatchObject({ outcome: 'skipped', details: { skippedFor: 'no-link' } });
    expect(verdict.message).toMatch(/longer than a DNS label \(63\).*dweb\.link serves content only on subdomains/);
  });
});
