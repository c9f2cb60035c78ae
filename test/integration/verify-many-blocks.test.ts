import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRemote } from '../../electron/services/verify/verify-remote';
import type { WalkLimits } from '../../electron/services/verify/verify-dag';
import { blockGateway, servedOf, type BlockGateway } from '../harness/block-gateway';
import { carOf } from '../harness/car-of';
import { testGateway } from '../harness/gateway-source';

const rawCid = async (bytes: Uint8Array) => CID.createV1(raw.code, await sha256.digest(bytes));
const pbCid = async (bytes: Uint8Array) => CID.createV1(dagPb.code, await sha256.digest(bytes));

const checkOnly = (url: string, root: CID, limits: WalkLimits) =>
  verifyRemote(testGateway(url, 'blocks'), root, {
    signal: new AbortController().signal,
    progress: () => undefined,
    offline: true,
    idleTimeoutMs: 5_000,
    saveIn: null,
    limits,
  });

// A CID anyone can make: one file of very many tiny distinct leaves, served honestly block by block.
// A check remembers each distinct block it verified, so their number, not their bytes, is what a
// hostile CID grows: the walk must stop at its bound and say so, whatever the gateway keeps sending.
describe('checking content of very many tiny blocks against a gateway', () => {
  const LEAVES = 3_000;
  const blocks = new Map<string, Uint8Array>();
  let root: CID;
  let gateway: BlockGateway;

  beforeAll(async () => {
    const links: dagPb.PBLink[] = [];
    const sizes: bigint[] = [];
    for (let i = 0; i < LEAVES; i++) {
      const leaf = new TextEncoder().encode(`${i}`);
      const cid = await rawCid(leaf);
      blocks.set(cid.toString(), leaf);
      links.push({ Hash: cid, Tsize: leaf.byteLength });
      sizes.push(BigInt(leaf.byteLength));
    }
    const node = dagPb.encode({ Data: new UnixFS({ type: 'file', blockSizes: sizes }).marshal(), Links: links });
    root = await pbCid(node);
    blocks.set(root.toString(), node);
    gateway = await blockGateway(blocks);
  });
  afterAll(() => gateway.close());

  it('stops at the most distinct blocks a check remembers, naming that bound, before asking for more', async () => {
    gateway.asked.clear();
    const result = await checkOnly(gateway.url, root, { maxBlocks: 1_000 });
    expect(result).toMatchObject({ outcome: 'too-large', details: { maxBlocks: 1_000 }, blocks: 1_000 });
    expect(result.message).toContain('more than 1000 distinct blocks');
    // Fetching runs a few blocks ahead of the walk, never to the end of the content.
    expect(servedOf(gateway, blocks)).toBeLessThan(1_100);
  });

  it('stops at the same bound saving a copy from a CAR without duplicates, which remembers the blocks it sent', async () => {
    const inOrder = [root.toString(), ...[...blocks.keys()].filter((cid) => cid !== root.toString())];
    const sections = inOrder.map((cid) => ({ cid: CID.parse(cid), bytes: blocks.get(cid) as Uint8Array }));
    gateway.car = { body: await carOf(root, sections), type: 'application/vnd.ipld.car; version=1; order=dfs; dups=n' };
    const saveIn = await mkdtemp(join(tmpdir(), 'cairn-many-blocks-'));
    try {
      const result = await verifyRemote(testGateway(gateway.url, 'car'), root, {
        signal: new AbortController().signal,
        progress: () => undefined,
        offline: true,
        idleTimeoutMs: 5_000,
        saveIn,
        limits: { maxBlocks: 1_000 },
      });
      expect(result).toMatchObject({ outcome: 'too-large', details: { maxBlocks: 1_000 }, blocks: 1_000 });
      expect(await readdir(saveIn)).toEqual([]);
    } finally {
      gateway.car = null;
      await rm(saveIn, { recursive: true, force: true });
    }
  });

  it('checks every block of the same content within the bound', async () => {
    const result = await checkOnly(gateway.url, root, { maxBlocks: LEAVES + 1 });
    expect(result).toMatchObject({ outcome: 'verified', blocks: LEAVES + 1, bytes: 10_890 });
  });
});

// A hostile CID of few blocks: a chain of dag-pb nodes, each linking to the next first and then
// many times more, to blocks walked only once the chain ends (or never). Depth first, every node
// leaves those links waiting: the list of them, and whatever each keeps alive, is what it grows.
describe('checking a chain of blocks built to leave links waiting', () => {
  const CHAIN = 40;
  const blocks = new Map<string, Uint8Array>();
  let gateway: BlockGateway;

  /** A chain of `CHAIN` folder nodes, the root first, node `k` linking to the next, then to `rest(k)`. */
  const chainOf = async (rest: (k: number) => Promise<CID[]>, data = (_k: number) => new Uint8Array()) => {
    const nodes: CID[] = [];
    for (let k = CHAIN - 1; k >= 0; k--) {
      const Links = [...nodes.slice(0, 1), ...(await rest(k))].map((Hash) => ({ Hash, Name: '', Tsize: 1 }));
      const node = dagPb.encode({ Data: new UnixFS({ type: 'directory', data: data(k) }).marshal(), Links });
      nodes.unshift(await pbCid(node));
      blocks.set(String(nodes[0]), node);
    }
    return nodes;
  };

  beforeAll(async () => {
    gateway = await blockGateway(blocks);
  });
  afterAll(() => gateway.close());

  it('stops at the most links it holds waiting, naming that bound, before walking the chain to its end', async () => {
    // 300 links to blocks of no one's, distinct in every node: only the end of the chain reaches them.
    const [root] = await chainOf(async (k) =>
      Promise.all(Array.from({ length: 300 }, (_, i) => rawCid(new TextEncoder().encode(`nowhere ${k} ${i}`)))),
    );
    gateway.asked.clear();
    const result = await checkOnly(gateway.url, root as CID, { maxPending: 1_000 });
    expect(result).toMatchObject({ outcome: 'too-large', details: { maxPending: 1_000 }, blocks: 4 });
    expect(result.message).toBe(
      'The content has more than 1000 links waiting to be checked at once, more than Cairn holds in one check.',
    );
    expect(servedOf(gateway, blocks)).toBeLessThan(CHAIN);
  });

  it('leaves no link to a block it verified waiting, nor asks for that block again, however often it is linked', async () => {
    const leaf = new TextEncoder().encode('seen');
    const seen = await rawCid(leaf);
    blocks.set(seen.toString(), leaf);
    // Every node after the root links 300 times to the block the root's first link verified.
    const [chain] = await chainOf((k) => Promise.resolve(Array.from({ length: k === 0 ? 0 : 300 }, () => seen)));
    const root = dagPb.encode({
      Data: new UnixFS({ type: 'directory' }).marshal(),
      Links: [seen, chain as CID].map((Hash, i) => ({ Hash, Name: `${i}`, Tsize: 1 })),
    });
    const rootCid = await pbCid(root);
    blocks.set(rootCid.toString(), root);
    gateway.asked.clear();
    const result = await checkOnly(gateway.url, rootCid, { maxPending: 100 });
    expect(result).toMatchObject({ outcome: 'verified', blocks: CHAIN + 2 });
    expect(gateway.asked.get(seen.toString())).toBe(1);
  });

  it('asks once for a block linked both as a CIDv0 and as a CIDv1, which are one block', async () => {
    const leaf = dagPb.encode({
      Data: new UnixFS({ type: 'file', data: new TextEncoder().encode('twice') }).marshal(),
      Links: [],
    });
    const asV1 = await pbCid(leaf);
    const asV0 = CID.createV0(asV1.multihash);
    blocks.set(asV0.toString(), leaf);
    blocks.set(asV1.toString(), leaf);
    // The chain after them keeps the walk asking long after the one block was verified.
    const [chain] = await chainOf(() => Promise.resolve([]));
    const root = dagPb.encode({
      Data: new UnixFS({ type: 'directory' }).marshal(),
      Links: [asV0, asV1, chain as CID].map((Hash, i) => ({ Hash, Name: `${i}`, Tsize: 1 })),
    });
    const rootCid = await pbCid(root);
    blocks.set(rootCid.toString(), root);
    gateway.asked.clear();
    const result = await checkOnly(gateway.url, rootCid, {});
    expect(result).toMatchObject({ outcome: 'verified', blocks: CHAIN + 2 });
    expect((gateway.asked.get(asV0.toString()) ?? 0) + (gateway.asked.get(asV1.toString()) ?? 0)).toBe(1);
  });

  it('keeps none of the blocks whose links wait, only their CIDs', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Each node holds 1 MiB of its own, and leaves one link waiting for the end of the chain.
    const leaves: CID[] = [];
    const nodes = await chainOf(
      async (k) => {
        const leaf = new TextEncoder().encode(`leaf ${k}`);
        leaves[k] = await rawCid(leaf);
        blocks.set(leaves[k].toString(), leaf);
        return [leaves[k]];
      },
      (k) => new Uint8Array(1024 * 1024).fill(k),
    );
    const [root, last] = [nodes[0] as CID, String(nodes[CHAIN - 1])];
    const held: number[] = [];
    // Measured as the root is served, and as the last node is: every node before it has a link waiting.
    gateway.onServe = (cid) => {
      if (cid !== root.toString() && cid !== last) return;
      // Buffers a collection frees are swept after it: the next collection waits for that sweep.
      gc();
      gc();
      held.push(process.memoryUsage().arrayBuffers);
    };
    try {
      const result = await checkOnly(gateway.url, root, {});
      expect(result).toMatchObject({ outcome: 'verified', blocks: 2 * CHAIN });
    } finally {
      gateway.onServe = null;
    }
    expect(held).toHaveLength(2);
    // 40 nodes of 1 MiB kept alive by their links would be 40 MiB; a few fetched ahead are in flight.
    expect((held[1] as number) - (held[0] as number)).toBeLessThan(16 * 1024 * 1024);
  });

  it('says a link to a CID holding more bytes itself than Kubo allows cannot be checked, rather than hold it', async () => {
    // Held in the CID (identity), a link's bytes are what waits: a chain of 4 MiB ones would hold gigabytes.
    const inline = (size: number) => CID.createV1(raw.code, identity.digest(new Uint8Array(size).fill(1)));
    const folderOf = async (size: number) => {
      const node = dagPb.encode({
        Data: new UnixFS({ type: 'directory' }).marshal(),
        Links: [{ Hash: inline(size), Name: 'inline', Tsize: size }],
      });
      const cid = await pbCid(node);
      blocks.set(cid.toString(), node);
      return cid;
    };
    expect(await checkOnly(gateway.url, await folderOf(4096), {})).toMatchObject({
      outcome: 'unsupported',
      details: { identityBytes: 4096 },
      blocks: 1,
    });
    expect(await checkOnly(gateway.url, await folderOf(128), {})).toMatchObject({ outcome: 'verified', blocks: 2 });
  });
});
