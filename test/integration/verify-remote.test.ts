import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarBlockIterator, CarWriter } from '@ipld/car';
import { varint } from 'multiformats';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRemote, type ResolvedSource } from '../../electron/services/verify/verify-remote';
import { carOf } from '../harness/car-of';
import { testGateway } from '../harness/gateway-source';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';

const varintOf = (value: number): Buffer => {
  const bytes = Buffer.alloc(varint.encodingLength(value));
  varint.encodeTo(value, bytes);
  return bytes;
};

interface Block {
  cid: CID;
  bytes: Uint8Array;
}

// What Kubo's own gateway sends is verified and saved; what a lying or broken gateway (a loopback
// server of the test's own in front of the same blocks) sends is reported precisely, and never saved.
describe('verifying remote content block by block', () => {
  let node: TestKubo;
  let host: TestHost;
  let dir: string;
  let saveIn: string;
  let content: Buffer;
  let file: CID;
  let folder: CID;
  let blocks: Block[];
  // The same bytes as CIDv1 with raw leaves of 256 KiB: the leaves a file's own bytes can be cut into.
  let rawFile: CID;
  let rawBlocks: Block[];
  const leaf = 256 * 1024;
  let fake: Server;
  let fakeUrl: string;
  // What the test's own gateway does: serve these blocks (as a CAR or one by one) and these file bytes
  // when the file itself is asked for, stop answering from the block at `stallAfter` on, or answer
  // every request with an HTML page, a 429 with this Retry-After, the file itself (ignoring
  // format=raw and Accept), or a raw "block" of 5 MiB. `asked` records each request's Accept.
  // `stallAfter` counts bytes for the file itself, as `trickleAfter` does (the rest then comes a
  // byte at a time, never idle long). `car` writes the whole answer to a CAR request, `any` to every
  // request. `car` writes the whole answer to a CAR request.
  let serving: {
    car?: (response: ServerResponse) => void;
    any?: (response: ServerResponse) => void;
    trickleAfter?: number;
    blocks: Block[];
    file?: Buffer;
    stallAfter?: number;
    html?: boolean;
    retryAfter?: string;
    ignoreTrustless?: boolean;
    oversize?: boolean;
  } = { blocks: [] };
  let asked: string[] = [];

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    dir = await mkdtemp(join(tmpdir(), 'cairn-verify-remote-'));
    saveIn = join(dir, 'exports');
    content = randomBytes(3 * 1024 * 1024 + 5);
    await writeFile(join(dir, 'big.bin'), content);
    file = CID.parse((await node.ipfs('add', '-Q', join(dir, 'big.bin'))).trim());
    await mkdir(join(dir, 'album', 'inner'), { recursive: true });
    await writeFile(join(dir, 'album', 'a.txt'), 'a\n');
    await writeFile(join(dir, 'album', 'inner', 'b.bin'), randomBytes(600_000));
    folder = CID.parse((await node.ipfs('add', '-r', '-Q', join(dir, 'album'))).trim());
    rawFile = CID.parse(
      (
        await node.ipfs('add', '-Q', '--cid-version=1', '--raw-leaves', `--chunker=size-${leaf}`, join(dir, 'big.bin'))
      ).trim(),
    );
    blocks = await blocksOf(file);
    rawBlocks = await blocksOf(rawFile);
    fake = createServer((request, response) => answer(request, response));
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  // The real blocks, in the order a dfs CAR with duplicates carries them.
  const blocksOf = async (cid: CID): Promise<Block[]> => {
    const car = await fetch(`${node.gatewayUrl}/ipfs/${cid.toString()}?dag-scope=all`, {
      headers: { Accept: 'application/vnd.ipld.car; version=1; order=dfs; dups=y' },
    });
    const all: Block[] = [];
    for await (const block of await CarBlockIterator.fromIterable(car.body as AsyncIterable<Uint8Array>)) {
      all.push(block);
    }
    return all;
  };
  // These bytes at once, then the rest a byte every 20 ms: never idle, never done.
  const trickle = (response: ServerResponse, body: Buffer, from: number) => {
    response.write(body.subarray(0, from));
    let at = from;
    const drip = setInterval(() => response.write(body.subarray(at, ++at)), 20);
    response.once('close', () => clearInterval(drip));
  };
  const megabyte = Buffer.alloc(1024 * 1024, 7);
  afterAll(async () => {
    fake.closeAllConnections();
    fake.close();
    await host.stop();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const gateway = testGateway;
  const theNode = (): ResolvedSource => ({
    name: 'The node',
    ref: { kind: 'node' },
    kind: 'node',
    kubo: createKuboClient({ url: node.apiUrl, headers: {} }),
  });
  const check = (source: ResolvedSource, cid: CID, idleTimeoutMs = 5_000) =>
    verifyRemote(source, cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs,
      saveIn,
    });
  const saved = async () => readdir(saveIn).catch(() => []);
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const { blocks: list, file: fileBytes, stallAfter, html, retryAfter, ignoreTrustless, oversize } = serving;
    asked.push(request.headers.accept ?? '');
    if (serving.any) {
      serving.any(response);
      return;
    }
    if (retryAfter) {
      response.writeHead(429, { 'Retry-After': retryAfter, 'Content-Type': 'text/plain' }).end('slow down');
      return;
    }
    if (ignoreTrustless) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(content);
      return;
    }
    if (oversize) {
      response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(Buffer.alloc(5 * 1024 * 1024));
      return;
    }
    if (html) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Welcome</title><p>Please enable JavaScript</p>');
      return;
    }
    if (request.headers.accept === '*/*' && fileBytes) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      if (serving.trickleAfter !== undefined) {
        trickle(response, fileBytes, serving.trickleAfter);
        return;
      }
      // Stalling: these bytes, then nothing more on an open connection.
      if (stallAfter === undefined) response.end(fileBytes);
      else response.write(fileBytes.subarray(0, stallAfter));
      return;
    }
    if (request.headers.accept === 'application/vnd.ipld.raw') {
      const wanted = new URL(request.url ?? '/', 'http://x').pathname.split('/')[2];
      const index = list.findIndex((block) => block.cid.toString() === wanted);
      if (index === -1) {
        response.writeHead(404).end();
      } else if (stallAfter === undefined || index < stallAfter) {
        response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(list[index]?.bytes);
      }
      return;
    }
    if (serving.car) {
      serving.car(response);
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.car; version=1; order=dfs; dups=y' });
    const { writer, out } = CarWriter.create([file]);
    void (async () => {
      for await (const chunk of out) response.write(chunk);
      if (stallAfter === undefined) response.end();
    })();
    void (async () => {
      for (const [index, block] of list.entries()) {
        if (index === stallAfter) return; // the answer stops here, the connection stays open
        await writer.put(block);
      }
      await writer.close();
    })();
  };

  it.each([
    ['car', 'dag-pb leaves'],
    ['blocks', 'dag-pb leaves'],
    ['file', 'dag-pb leaves'],
    ['car', 'raw leaves'],
    ['blocks', 'raw leaves'],
    ['file', 'raw leaves'],
  ] as const)(
    "verifies a file from Kubo's own gateway (%s, %s) and saves exactly its bytes",
    async (transport, leaves) => {
      const [cid, all] = leaves === 'raw leaves' ? [rawFile, rawBlocks] : [file, blocks];
      const result = await check(gateway(node.gatewayUrl ?? '', transport), cid);
      expect(result).toMatchObject({ outcome: 'verified', blocks: all.length, bytes: content.length });
      expect(all.length).toBeGreaterThan(10);
      expect(result.savedAs).toBe(join(saveIn, cid.toString()));
      expect((await readFile(result.savedAs ?? '')).equals(content)).toBe(true);
      expect(await saved()).toEqual([cid.toString()]);
      await rm(saveIn, { recursive: true });
    },
  );

  it("cuts a file's raw leaves from one answer of the file itself, and asks for the other blocks raw", async () => {
    serving = { blocks: rawBlocks, file: content };
    asked = [];
    const result = await check(gateway(fakeUrl, 'file'), rawFile);
    expect(result).toMatchObject({ outcome: 'verified', blocks: rawBlocks.length, bytes: content.length });
    expect(asked.sort()).toEqual(['*/*', 'application/vnd.ipld.raw']);
    expect((await readFile(result.savedAs ?? '')).equals(content)).toBe(true);
    await rm(saveIn, { recursive: true });
  });

  it("reports which leaf a file's own bytes do not match, and writes nothing", async () => {
    const tampered = Buffer.from(content);
    const at = 2 * leaf + 100;
    tampered[at] = (tampered[at] ?? 0) ^ 0xff;
    serving = { blocks: rawBlocks, file: tampered };
    const result = await check(gateway(fakeUrl, 'file'), rawFile);
    // The root, then the leaves in file order: the third leaf is the fourth block.
    expect(result.outcome).toBe('tampered');
    expect(result.block?.cid).toBe(rawBlocks[3]?.cid.toString());
    expect(result.blocks).toBe(3);
    expect(await saved()).toEqual([]);
  });

  it('reports a file answer that stalls in the middle as a timeout, and writes nothing', async () => {
    serving = { blocks: rawBlocks, file: content, stallAfter: 2 * leaf + 10 };
    const result = await check(gateway(fakeUrl, 'file'), rawFile, 1_000);
    expect(result).toMatchObject({ outcome: 'timeout', blocks: 3, details: { idleSeconds: 1 } });
    expect(await saved()).toEqual([]);
  });

  it('reports a file answer that ends early as truncated, and writes nothing', async () => {
    serving = { blocks: rawBlocks, file: content.subarray(0, 4 * leaf + 10) };
    const result = await check(gateway(fakeUrl, 'file'), rawFile);
    expect(result).toMatchObject({ outcome: 'truncated', blocks: 5 });
    expect(result.message).toContain('broke off at byte 1048576');
    expect(await saved()).toEqual([]);
  });

  it('verifies the same file from the node, block by block', async () => {
    const result = await check(theNode(), file);
    expect(result).toMatchObject({ outcome: 'verified', blocks: blocks.length, bytes: content.length });
    await rm(saveIn, { recursive: true });
  });

  it.each(['car', 'blocks', 'file'] as const)(
    'verifies a folder (%s), every block of it, and saves nothing',
    async (transport) => {
      const result = await check(gateway(node.gatewayUrl ?? '', transport), folder);
      const refs = (await node.ipfs('refs', '-r', folder.toString())).split('\n').filter(Boolean);
      expect(result).toMatchObject({ outcome: 'verified', blocks: refs.length + 1, details: { folderNotSaved: true } });
      expect(result.savedAs).toBeUndefined();
      expect(await saved()).toEqual([]);
    },
  );

  for (const transport of ['car', 'blocks'] as const) {
    it(`reports which block was tampered with, and writes nothing (${transport})`, async () => {
      const tampered = blocks.map((block, index) => {
        if (index !== 5) return block;
        const bytes = Uint8Array.from(block.bytes);
        bytes[100] = (bytes[100] ?? 0) ^ 0xff;
        return { cid: block.cid, bytes };
      });
      serving = { blocks: tampered };
      const result = await check(gateway(fakeUrl, transport), file);
      expect(result.outcome).toBe('tampered');
      expect(result.block?.cid).toBe(blocks[5]?.cid.toString());
      expect(result.block?.expected).toBe(Buffer.from(blocks[5]?.cid.multihash.digest ?? []).toString('hex'));
      expect(result.block?.received).not.toBe(result.block?.expected);
      expect(result.blocks).toBe(5);
      expect(await saved()).toEqual([]);
    });

    it(`reports content without its last block as truncated, and writes nothing (${transport})`, async () => {
      serving = { blocks: blocks.slice(0, -1) };
      const result = await check(gateway(fakeUrl, transport), file);
      expect(result.outcome).toBe('truncated');
      expect(result.message).toContain(blocks.at(-1)?.cid.toString());
      expect(await saved()).toEqual([]);
    });

    it(`reports an HTML page instead of data (${transport})`, async () => {
      serving = { blocks, html: true };
      const result = await check(gateway(fakeUrl, transport), file);
      expect(result).toMatchObject({
        outcome: 'wrong-type',
        message: expect.stringContaining('HTML page') as string,
        details: { sentType: expect.stringContaining('text/html') as string },
      });
      expect(await saved()).toEqual([]);
    });

    it(`reports a 429 as rate limiting, with the gateway's Retry-After (${transport})`, async () => {
      serving = { blocks, retryAfter: '120' };
      const result = await check(gateway(fakeUrl, transport), file);
      expect(result).toMatchObject({
        outcome: 'rate-limited',
        retryAfter: '120',
        message: 'localhost is rate limiting requests (HTTP 429). It asks to wait 120 s.'.replace(
          'localhost',
          new URL(fakeUrl).host,
        ),
      });
      expect(await saved()).toEqual([]);
    });

    it(`refuses the file itself from a gateway that ignores format=raw and Accept (${transport})`, async () => {
      serving = { blocks, ignoreTrustless: true };
      const result = await check(gateway(fakeUrl, transport), file);
      expect(result).toMatchObject({
        outcome: 'wrong-type',
        message: expect.stringContaining('sent application/octet-stream') as string,
        details: { sentType: 'application/octet-stream' },
      });
      expect(await saved()).toEqual([]);
    });

    it(`reports a gateway that stalls in the middle as a timeout, and writes nothing (${transport})`, async () => {
      serving = { blocks, stallAfter: 4 };
      const result = await check(gateway(fakeUrl, transport), file, 1_000);
      expect(result.outcome).toBe('timeout');
      expect(result.blocks).toBe(4);
      expect(await saved()).toEqual([]);
    });
  }

  it('reports a block larger than any block can be as such, not as a timeout', async () => {
    serving = { blocks, oversize: true };
    const result = await check(gateway(fakeUrl, 'blocks'), file);
    expect(result).toMatchObject({
      outcome: 'too-large',
      message: expect.stringContaining('more than 4 MiB') as string,
      details: { capMiB: 4 },
    });
    expect(await saved()).toEqual([]);
  });

  it('reports a CAR that trickles a byte at a time as a timeout, each block having a deadline', async () => {
    const whole = await carOf(file, blocks);
    const firstFour = (await carOf(file, blocks.slice(0, 4))).length;
    serving = {
      blocks,
      car(response) {
        response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.car; version=1; order=dfs; dups=y' });
        trickle(response, whole, firstFour);
      },
    };
    const result = await check(gateway(fakeUrl, 'car'), file, 500);
    expect(result).toMatchObject({ outcome: 'timeout', blocks: 4, details: { idleSeconds: 0.5 } });
    expect(await saved()).toEqual([]);
  });

  // The trustless gateway spec lets a gateway answer in another order, labelled: that is not tampering.
  const serveCar = (type: string, body: Buffer) => {
    serving = { blocks, car: (response) => response.writeHead(200, { 'Content-Type': type }).end(body) };
  };

  it('reports an honest CAR in another order as such, naming the order it was labelled with', async () => {
    const breadthFirst = [blocks[0] as Block, ...blocks.slice(1).reverse()];
    serveCar('application/vnd.ipld.car; version=1; order=unk; dups=n', await carOf(file, breadthFirst));
    const result = await check(gateway(fakeUrl, 'car'), file);
    expect(result).toMatchObject({ outcome: 'unordered', blocks: 1, details: { carOrder: 'unk', carDups: 'n' } });
    expect(result.message).toContain(blocks.at(-1)?.cid.toString());
    expect(await saved()).toEqual([]);
  });

  it('reports a block out of order whose bytes do not match its own CID as tampered', async () => {
    const forged = { cid: blocks[2]?.cid as CID, bytes: blocks[3]?.bytes as Uint8Array };
    serveCar('application/vnd.ipld.car; version=1; order=unk', await carOf(file, [blocks[0] as Block, forged]));
    const result = await check(gateway(fakeUrl, 'car'), file);
    expect(result).toMatchObject({ outcome: 'tampered', blocks: 1, block: { cid: blocks[2]?.cid.toString() } });
    expect(await saved()).toEqual([]);
  });

  it("reports a file's own answer that trickles a byte at a time as a timeout", async () => {
    serving = { blocks: rawBlocks, file: content, trickleAfter: 2 * leaf + 10 };
    const result = await check(gateway(fakeUrl, 'file'), rawFile, 500);
    expect(result).toMatchObject({ outcome: 'timeout', blocks: 3, details: { idleSeconds: 0.5 } });
    expect(await saved()).toEqual([]);
  });

  // A claim is refused as soon as its length is read: the gateway gets to send little more.
  it.each([
    [
      'a section',
      async () => Buffer.concat([await carOf(file, []), varintOf(1.5 * 1024 ** 3 + file.bytes.length), file.bytes]),
    ],
    ['a header', () => Promise.resolve(varintOf(2 * 1024 ** 3))],
  ])('refuses a CAR with %s claiming gigabytes before buffering it', async (claimant, start) => {
    const opening = await start();
    let sent = 0;
    const closed = new Promise<void>((resolve) => {
      serving = {
        blocks,
        car(response) {
          response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.car; version=1; order=dfs; dups=y' });
          response.write(opening);
          const pump = () => {
            while (!response.destroyed && sent < 256 * 1024 ** 2) {
              sent += megabyte.length;
              if (!response.write(megabyte)) return void response.once('drain', pump);
            }
            response.end();
          };
          response.once('close', resolve);
          pump();
        },
      };
    });
    const result = await check(gateway(fakeUrl, 'car'), file);
    await closed;
    expect(result.outcome).toBe(claimant === 'a section' ? 'too-large' : 'malformed');
    expect(result.message).toMatch(claimant === 'a section' ? /more than 4 MiB for one block/ : /header claims/);
    expect(sent).toBeLessThan(64 * 1024 ** 2);
    expect(await saved()).toEqual([]);
  });

  // Anyone can make a CID of bytes that are not dag-pb: the verdict says so, for this source only.
  it.each([
    ['not protobuf at all', Buffer.from('this is not dag-pb')],
    [
      'dag-pb with bad UnixFS data',
      Buffer.from(dagPb.encode({ Data: Uint8Array.of(0x08, 0x63, 0xff, 0xff), Links: [] })),
    ],
  ])('reports a block that matches its CID but is %s as content Cairn cannot check', async (_what, bytes) => {
    const cid = CID.create(1, dagPb.code, await sha256.digest(bytes));
    serving = { blocks: [{ cid, bytes }] };
    const result = await check(gateway(fakeUrl, 'blocks'), cid);
    expect(result).toMatchObject({ outcome: 'unsupported', blocks: 1, details: { notUnixfs: true } });
    expect(await saved()).toEqual([]);
  });

  // Six blocks, each linking a hundred times to the next: 10^10 paths, six blocks to check.
  const linkedOverAndOver = async (type: 'directory' | 'file', fanOut: number): Promise<CID> => {
    const put = async (block: dagPb.PBNode) => {
      const bytes = dagPb.encode(block);
      const cid = CID.create(1, dagPb.code, await sha256.digest(bytes));
      await node.client.block.put(bytes, { format: 'dag-pb', version: 1 });
      return cid;
    };
    let cid = await put({ Data: new UnixFS({ type: 'file' }).marshal(), Links: [] });
    for (let level = 0; level < 5; level++) {
      const Links = Array.from({ length: fanOut }, (_, index) => ({
        Name: `d${String(index).padStart(3, '0')}`,
        Hash: cid,
        Tsize: 10,
      }));
      cid = await put({ Data: new UnixFS({ type }).marshal(), Links });
    }
    return cid;
  };
  const checkOnly = (source: ResolvedSource, cid: CID, maxVisits?: number) =>
    verifyRemote(source, cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn: null,
      ...(maxVisits ? { maxVisits } : {}),
    });

  it('checks each distinct block of a DAG linking to the same blocks over and over once', async () => {
    const bomb = await linkedOverAndOver('directory', 100);
    expect(await checkOnly(theNode(), bomb)).toMatchObject({ outcome: 'verified', blocks: 6 });
    // A folder writes nothing even when a copy is asked for.
    expect(await check(theNode(), bomb)).toMatchObject({ outcome: 'verified', blocks: 6 });
  });

  it('bounds the visits of a file linking to the same blocks over and over, when saving it', async () => {
    const bomb = await linkedOverAndOver('file', 3);
    const result = await verifyRemote(theNode(), bomb, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn,
      limits: { maxVisits: 100 },
    });
    expect(result).toMatchObject({ outcome: 'too-large', details: { maxVisits: 100 } });
    expect(await saved()).toEqual([]);
  });

  it('verifies a CAR without duplicates (dups=n) in depth-first order when only checking', async () => {
    await writeFile(join(dir, 'zeros.bin'), Buffer.alloc(3 * 1024 * 1024));
    const zeros = CID.parse((await node.ipfs('add', '-Q', '--cid-version=1', join(dir, 'zeros.bin'))).trim());
    const distinct = [...new Map((await blocksOf(zeros)).map((block) => [block.cid.toString(), block])).values()];
    serving = {
      blocks,
      car: (response) =>
        void carOf(zeros, distinct).then((body) =>
          response
            .writeHead(200, { 'Content-Type': 'application/vnd.ipld.car; version=1; order=dfs; dups=n' })
            .end(body),
        ),
    };
    expect(await checkOnly(gateway(fakeUrl, 'car'), zeros)).toMatchObject({ outcome: 'verified', blocks: 2 });
    // Saving needs every repeat's bytes again, which such a CAR does not carry: said, not taken as tampering.
    expect(await check(gateway(fakeUrl, 'car'), zeros)).toMatchObject({
      outcome: 'unordered',
      details: { carDups: 'n' },
    });
    expect(await saved()).toEqual([]);
  });

  // A cancel is said as one whenever the operation's signal is aborted, whatever broke because of it:
  // here the leaves' answers are cut by it in the middle of their bodies.
  it('reports a cancel during a transfer as cancelled, not as content the gateway lacks', async () => {
    const cancel = new AbortController();
    serving = {
      blocks: rawBlocks,
      any(response) {
        response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' });
        if (asked.length === 1) response.end(rawBlocks[0]?.bytes);
        else response.write(Buffer.alloc(3));
      },
    };
    asked = [];
    const result = await verifyRemote(gateway(fakeUrl, 'blocks'), rawFile, {
      signal: cancel.signal,
      // Once the root is verified, the leaves are asked for; the cancel comes while they trickle.
      progress: () => setImmediate(() => cancel.abort()),
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn,
    });
    expect(result).toMatchObject({ outcome: 'cancelled', blocks: 1 });
    expect(await saved()).toEqual([]);
  });

  it('reports a raw block that ends before its Content-Length as broken off, not as missing', async () => {
    serving = {
      blocks,
      any(response) {
        const root = blocks[0]?.bytes as Uint8Array;
        response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw', 'Content-Length': root.length + 10 });
        response.write(root, () => response.socket?.destroy());
      },
    };
    const result = await check(gateway(fakeUrl, 'blocks'), file);
    expect(result).toMatchObject({ outcome: 'truncated', blocks: 0 });
    expect(await saved()).toEqual([]);
  });

  it('reports a symlink as a link to its target, and saves no empty file for it', async () => {
    const bytes = dagPb.encode({
      Data: new UnixFS({ type: 'symlink', data: Buffer.from('/etc/passwd') }).marshal(),
      Links: [],
    });
    const link = CID.create(1, dagPb.code, await sha256.digest(bytes));
    await node.client.block.put(bytes, { format: 'dag-pb', version: 1 });
    const result = await check(theNode(), link);
    expect(result).toMatchObject({ outcome: 'verified', blocks: 1, details: { symlinkTarget: '/etc/passwd' } });
    expect(result.savedAs).toBeUndefined();
    expect(await saved()).toEqual([]);
  });

  it('reports content the node does not have, without searching the network', async () => {
    const absent = CID.parse('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    const result = await check(theNode(), absent);
    expect(result).toMatchObject({ outcome: 'not-found', details: { localOnly: true } });
  });

  it('asks every source which serves the CID correctly, and skips gateways off this machine when offline', async () => {
    await host.services.settings.change((settings) => ({
      ...settings,
      share: {
        ...settings.share,
        gateways: [
          ...settings.share.gateways.map((one) => ({ ...one, enabled: true })),
          { id: 'kubo', name: 'Kubo gateway', url: node.gatewayUrl ?? '', style: 'path', enabled: true },
          { id: 'lying', name: 'Lying gateway', url: fakeUrl, style: 'path', enabled: true },
        ],
      },
    }));
    serving = { blocks: blocks.slice(0, 3) };
    const results = await host.services.verify.checkSources(file, new AbortController().signal);
    const outcome = (name: string) => results.find((result) => result.source === name)?.outcome;
    expect(outcome('The node')).toBe('verified');
    // A remote node does not say where its gateway is; the list names it, and it is on loopback.
    expect(outcome('Kubo gateway')).toBe('verified');
    expect(outcome('Lying gateway')).toBe('truncated');
    const publicOnes = results.filter(
      (result) => !['The node', 'Kubo gateway', 'Lying gateway'].includes(result.source),
    );
    expect(publicOnes.length).toBeGreaterThan(0);
    for (const result of publicOnes)
      expect(result).toMatchObject({ outcome: 'skipped', details: { skippedFor: 'offline' } });
  });
});
