import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRemote } from '../../electron/services/verify/verify-remote';
import type { WalkLimits } from '../../electron/services/verify/verify-dag';
import { testGateway } from '../harness/gateway-source';

// A CID anyone can make: one file of very many tiny distinct leaves, served honestly block by block.
// A check remembers each distinct block it verified, so their number, not their bytes, is what a
// hostile CID grows: the walk must stop at its bound and say so, whatever the gateway keeps sending.
describe('checking content of very many tiny blocks against a gateway', () => {
  const LEAVES = 3_000;
  const blocks = new Map<string, Uint8Array>();
  let root: CID;
  let gateway: Server;
  let url: string;
  let served = 0;

  beforeAll(async () => {
    const links: dagPb.PBLink[] = [];
    const sizes: bigint[] = [];
    for (let i = 0; i < LEAVES; i++) {
      const leaf = new TextEncoder().encode(`${i}`);
      const cid = CID.createV1(raw.code, await sha256.digest(leaf));
      blocks.set(cid.toString(), leaf);
      links.push({ Hash: cid, Tsize: leaf.byteLength });
      sizes.push(BigInt(leaf.byteLength));
    }
    const node = dagPb.encode({ Data: new UnixFS({ type: 'file', blockSizes: sizes }).marshal(), Links: links });
    root = CID.createV1(dagPb.code, await sha256.digest(node));
    blocks.set(root.toString(), node);
    gateway = createServer((request, response) => {
      const block = blocks.get(/^\/ipfs\/([^?/]+)/.exec(request.url ?? '')?.[1] ?? '');
      if (!block) return void response.writeHead(404).end();
      served++;
      response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(block);
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    gateway.closeAllConnections();
    gateway.close();
  });

  const checkOnly = (limits: WalkLimits) =>
    verifyRemote(testGateway(url, 'blocks'), root, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn: null,
      limits,
    });

  it('stops at the most distinct blocks a check remembers, naming that bound, before asking for more', async () => {
    served = 0;
    const result = await checkOnly({ maxBlocks: 1_000 });
    expect(result).toMatchObject({ outcome: 'too-large', details: { maxBlocks: 1_000 }, blocks: 1_000 });
    expect(result.message).toContain('more than 1000 distinct blocks');
    // Fetching runs a few blocks ahead of the walk, never to the end of the content.
    expect(served).toBeLessThan(1_100);
  });

  it('checks every block of the same content within the bound', async () => {
    const result = await checkOnly({ maxBlocks: LEAVES + 1 });
    expect(result).toMatchObject({ outcome: 'verified', blocks: LEAVES + 1, bytes: 10_890 });
  });
});
