import { gzipSync } from 'node:zlib';
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { create as digestFrom } from 'multiformats/hashes/digest';
import { identity } from 'multiformats/hashes/identity';
import { sha256, sha512 } from 'multiformats/hashes/sha2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkGateway } from '../../electron/services/gateways/gateway-health';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';
import { verifyRemote, type ResolvedSource } from '../../electron/services/verify/verify-remote';
import { carOf, carV2Of } from '../harness/car-of';
import { testGateway } from '../harness/gateway-source';
import { startKubo, type TestKubo } from '../harness/kubo';

// Gateways that lie in ways a hash alone does not name: each verdict must say what happened, and
// never "verified" for bytes a source did not send. Kubo's own gateway gives the honest answers.
describe('verifying against gateways that redirect, compress or have nothing to send', () => {
  let node: TestKubo;
  let dir: string;
  let saveIn: string;
  let fake: Server;
  let fakeUrl: string;
  // What the test's own gateway answers to every request; `asked` records each request's path.
  let answer: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) =>
    void response.writeHead(500).end();
  let asked: string[] = [];

  beforeAll(async () => {
    node = await startKubo();
    dir = await mkdtemp(join(tmpdir(), 'cairn-verify-lying-'));
    saveIn = join(dir, 'exports');
    fake = createServer((request, response) => {
      asked.push(request.url ?? '');
      answer(request, response);
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  // A test that failed before removing its copy must not fail the next one's "nothing saved".
  afterEach(() => rm(saveIn, { recursive: true, force: true }));
  afterAll(async () => {
    fake.closeAllConnections();
    fake.close();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const gateway = testGateway;
  const check = (source: ResolvedSource, cid: CID, idleTimeoutMs = 5_000) =>
    verifyRemote(source, cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs,
      saveIn,
    });
  const saved = async () => readdir(saveIn).catch(() => []);
  const putBlock = async (bytes: string, ...flags: string[]) => {
    await writeFile(join(dir, 'block'), bytes);
    return CID.parse((await node.ipfs('block', 'put', ...flags, join(dir, 'block'))).trim());
  };
  const writeContent = async (content: string) => {
    await rm(join(dir, 'content'), { recursive: true, force: true });
    await writeFile(join(dir, 'content'), content);
    return join(dir, 'content');
  };
  const RAW = 'application/vnd.ipld.raw';
  const rawBlockOf = async (cid: CID) => {
    const response = await fetch(`${node.gatewayUrl}/ipfs/${cid.toString()}?format=raw`);
    return Buffer.from(await response.arrayBuffer());
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

  it.each([301, 302, 307, 308])(
    'reports a redirect (HTTP %i) as one, naming where it points, and follows it nowhere',
    async (status) => {
      const cid = await putBlock('redirected\n');
      answer = (request, response) =>
        void response.writeHead(status, { Location: `/elsewhere${request.url ?? ''}` }).end();
      for (const transport of ['car', 'blocks', 'file'] as const) {
        asked = [];
        const result = await check(gateway(fakeUrl, transport), cid);
        expect(result).toMatchObject({
          outcome: 'redirected',
          details: {
            status,
            redirectedTo: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/elsewhere\/ipfs\//) as string,
          },
        });
        expect(asked.every((path) => !path.startsWith('/elsewhere'))).toBe(true);
      }
      const health = await checkGateway({ url: fakeUrl, style: 'path' }, cid, { timeoutMs: 5_000, offline: true });
      expect(health).toMatchObject({
        status: 'error',
        finding: { kind: 'redirect', httpStatus: status, location: expect.stringContaining('/elsewhere/') as string },
      });
      expect(await saved()).toEqual([]);
    },
  );

  it('names a redirect to another origin by that origin', async () => {
    const cid = await putBlock('redirected away\n');
    answer = (request, response) =>
      void response.writeHead(302, { Location: `http://[::1]:9${request.url ?? ''}` }).end();
    const result = await check(gateway(fakeUrl, 'car'), cid);
    expect(result).toMatchObject({
      outcome: 'redirected',
      details: { status: 302, redirectedTo: `http://[::1]:9/ipfs/${cid.toString()}?dag-scope=all` },
    });
  });

  it.each(['car', 'blocks', 'file'] as const)(
    'refuses compressed data it did not ask for, by its encoding, not as tampering (%s)',
    async (transport) => {
      const cid = await putBlock('compressed on the way\n'.repeat(100));
      const block = await rawBlockOf(cid);
      answer = (_request, response) =>
        void response
          .writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw', 'Content-Encoding': 'gzip' })
          .end(gzipSync(block));
      const result = await check(gateway(fakeUrl, transport), cid);
      expect(result).toMatchObject({ outcome: 'wrong-type', details: { contentEncoding: 'gzip' } });
      expect(await saved()).toEqual([]);
    },
  );

  it('finds a gateway that compresses the probe block unasked untrustworthy, by its encoding', async () => {
    const cid = await putBlock('probe, compressed\n'.repeat(100));
    const block = await rawBlockOf(cid);
    answer = (_request, response) =>
      void response
        .writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw', 'Content-Encoding': 'gzip' })
        .end(gzipSync(block));
    const health = await checkGateway({ url: fakeUrl, style: 'path' }, cid, { timeoutMs: 5_000, offline: true });
    expect(health).toMatchObject({ status: 'untrustworthy', finding: { kind: 'encoded', contentEncoding: 'gzip' } });
  });

  // One block of Kubo's, and the lie the gateway tells about it: Share's check and Verify (raw blocks)
  // read the same answer, so they must come to the same verdict for the same reason.
  type Lie = (block: Buffer, other: Buffer) => (request: IncomingMessage, response: ServerResponse) => void;
  const raw200 = { 'Content-Type': 'application/vnd.ipld.raw' };
  it.each<[string, Lie, object, object]>([
    [
      'an HTML error page with 200',
      () => (_request, response) =>
        void response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>502 Bad Gateway</html>'),
      { outcome: 'wrong-type', details: { sentType: 'text/html', expectedType: 'application/vnd.ipld.raw' } },
      { status: 'untrustworthy', finding: { kind: 'not-trustless', contentType: 'text/html', expectedType: RAW } },
    ],
    [
      'the right bytes of another CID',
      (_block, other) => (_request, response) => void response.writeHead(200, raw200).end(other),
      { outcome: 'tampered' },
      { status: 'untrustworthy', finding: { kind: 'wrong-bytes', expected: expect.any(String) as string } },
    ],
    [
      'a body shorter than its Content-Length',
      (block) => (_request, response) => {
        response.writeHead(200, { ...raw200, 'Content-Length': String(block.length) });
        // The connection closes once the first bytes are on their way: the rest never comes.
        response.write(block.subarray(0, 10), () => response.socket?.end());
      },
      { outcome: 'truncated' },
      { status: 'error', finding: { kind: 'cut-short' } },
    ],
    [
      'a 206 Partial Content to a request for the whole block',
      (block) => (_request, response) =>
        void response
          .writeHead(206, { ...raw200, 'Content-Range': `bytes 0-9/${block.length}` })
          .end(block.subarray(0, 10)),
      { outcome: 'truncated', details: { status: 206, partialContent: true } },
      { status: 'error', finding: { kind: 'partial' } },
    ],
    [
      'a body that never ends',
      () => (_request, response) => {
        response.writeHead(200, raw200);
        const flood = () => {
          while (!response.destroyed && response.write(Buffer.alloc(64 * 1024, 1)));
        };
        response.on('drain', flood);
        flood();
      },
      { outcome: 'too-large', details: { capMiB: 4 } },
      { status: 'too-large', finding: { kind: 'too-large', capBytes: 4 * 1024 * 1024 } },
    ],
  ])('judges %s alike in Share’s check and in Verify', async (_lie, lie, verdict, health) => {
    const cid = await putBlock(`${_lie}: the block asked for\n`.repeat(20));
    answer = lie(await rawBlockOf(cid), Buffer.from('the bytes of another block\n'));
    try {
      expect(await check(gateway(fakeUrl, 'blocks'), cid)).toMatchObject(verdict);
      expect(
        await checkGateway({ url: fakeUrl, style: 'path' }, cid, { timeoutMs: 5_000, offline: true }),
      ).toMatchObject(health);
    } finally {
      fake.closeAllConnections();
    }
    expect(await saved()).toEqual([]);
  });

  it('says a gateway that trickles the block did not finish it in time, in Share’s check and in Verify', async () => {
    const cid = await putBlock('sent a byte at a time\n'.repeat(20));
    const block = await rawBlockOf(cid);
    const trickles: NodeJS.Timeout[] = [];
    answer = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw', 'Content-Length': String(block.length) });
      let sent = 0;
      trickles.push(setInterval(() => response.write(block.subarray(sent, ++sent)), 20));
    };
    try {
      const verdict = await check(gateway(fakeUrl, 'blocks'), cid, 500);
      expect(verdict).toMatchObject({ outcome: 'timeout', details: { idleSeconds: 0.5 } });
      const health = await checkGateway({ url: fakeUrl, style: 'path' }, cid, { timeoutMs: 500, offline: true });
      expect(health).toMatchObject({ status: 'timeout', finding: { kind: 'stalled', seconds: 0.5 } });
    } finally {
      for (const trickle of trickles) clearInterval(trickle);
      fake.closeAllConnections();
    }
  });

  it('says a gateway that trickles its headers did not answer in time, in Share’s check and in Verify', async () => {
    const cid = await putBlock('headers sent a byte at a time\n');
    const trickles: NodeJS.Timeout[] = [];
    answer = (_request, response) => {
      // A status line, then one header whose value never ends: the connection is never idle.
      response.socket?.write('HTTP/1.1 200 OK\r\nX-Padding: ');
      trickles.push(setInterval(() => response.socket?.write('a'), 20));
    };
    try {
      for (const transport of ['car', 'blocks', 'file'] as const) {
        const verdict = await check(gateway(fakeUrl, transport), cid, 500);
        expect(verdict).toMatchObject({ outcome: 'timeout', details: { idleSeconds: 0.5 } });
      }
      const health = await checkGateway({ url: fakeUrl, style: 'path' }, cid, { timeoutMs: 500, offline: true });
      expect(health).toMatchObject({ status: 'timeout' });
    } finally {
      for (const trickle of trickles) clearInterval(trickle);
      fake.closeAllConnections();
    }
  });

  it('says a gateway whose headers run past what Node reads sent an answer that is not valid, not that it cannot be reached', async () => {
    const cid = await putBlock('headers that never end\n');
    answer = (_request, response) =>
      void response.writeHead(200, { 'Content-Type': RAW, 'X-Padding': 'a'.repeat(64 * 1024) }).end('x');
    for (const transport of ['car', 'blocks', 'file'] as const) {
      expect(await check(gateway(fakeUrl, transport), cid)).toMatchObject({
        outcome: 'malformed',
        message: expect.stringContaining('not valid HTTP (Parse Error: Header overflow)') as string,
      });
    }
  });

  it('asks no gateway about a CID that holds its content itself, in Share’s check as in Verify', async () => {
    const inline = CID.createV1(raw.code, identity.digest(new TextEncoder().encode('inside the CID')));
    asked = [];
    answer = (_request, response) => void response.writeHead(200, raw200).end('not what the CID holds');
    const health = await checkGateway({ url: fakeUrl, style: 'path' }, inline, { timeoutMs: 5_000, offline: true });
    expect(health).toMatchObject({ status: 'skipped', finding: { kind: 'inline' } });
    expect(await check(gateway(fakeUrl, 'blocks'), inline)).toMatchObject({
      outcome: 'skipped',
      details: { skippedFor: 'inline' },
    });
    expect(asked).toEqual([]);
  });

  it('reads a subdomain gateway’s redirect of a path request as a redirect, followed nowhere, in both', async () => {
    const cid = await putBlock('asked by path of a subdomain gateway\n');
    // Kubo on `localhost` serves subdomains, and redirects a path request to its subdomain.
    const subdomains = `http://localhost:${new URL(node.gatewayUrl ?? '').port}`;
    const verdict = await check(gateway(subdomains, 'blocks'), cid);
    const location = expect.stringContaining(`${cid.toV1().toString()}.ipfs.localhost`) as string;
    expect(verdict).toMatchObject({ outcome: 'redirected', details: { status: 301, redirectedTo: location } });
    const health = await checkGateway({ url: subdomains, style: 'path' }, cid, { timeoutMs: 5_000, offline: true });
    expect(health).toMatchObject({ status: 'error', finding: { kind: 'redirect', httpStatus: 301, location } });
  });

  it('finds the same content by its CIDv0 and its CIDv1, in Share’s check and in Verify', async () => {
    const cid = CID.parse((await node.ipfs('add', '-Q', '--cid-version=0', await writeContent('v0 and v1\n'))).trim());
    expect(cid.version).toBe(0);
    for (const version of [cid, cid.toV1()]) {
      for (const transport of ['car', 'blocks', 'file'] as const) {
        expect(await check(gateway(node.gatewayUrl ?? '', transport), version)).toMatchObject({ outcome: 'verified' });
        await rm(saveIn, { recursive: true, force: true });
      }
      for (const style of ['path', 'subdomain'] as const) {
        const url =
          style === 'path' ? (node.gatewayUrl ?? '') : `http://localhost:${new URL(node.gatewayUrl ?? '').port}`;
        expect(await checkGateway({ url, style }, version, { timeoutMs: 5_000, offline: true })).toMatchObject({
          status: 'trustworthy',
        });
      }
    }
  });

  it.each(['car', 'blocks', 'file'] as const)(
    "verifies a block whose CID has a truncated hash from Kubo's own gateway (%s)",
    async (transport) => {
      const cid = await putBlock('a short hash\n', '--mhtype=sha2-256', '--mhlen=20');
      expect(cid.multihash.size).toBe(20);
      const result = await check(gateway(node.gatewayUrl ?? '', transport), cid);
      expect(result).toMatchObject({ outcome: 'verified', blocks: 1 });
      // Kubo's own CAR names the CID asked and ends with its last block: nothing to note.
      expect(result.details).toBeUndefined();
      expect(await saved()).toEqual([cid.toString()]);
      await rm(saveIn, { recursive: true });
      const health = await checkGateway({ url: node.gatewayUrl ?? '', style: 'path' }, cid, {
        timeoutMs: 5_000,
        offline: true,
      });
      expect(health).toMatchObject({ status: 'trustworthy' });
    },
  );

  it('verifies what Kubo’s gateway serves for a CID of the longest digest Kubo takes, as a CAR too', async () => {
    // blake3 gives any length, and Kubo takes up to 128 bytes of it: such a CID is 133 bytes long.
    for (const length of [32, 124, 128]) {
      const cid = await putBlock(`blake3 of ${length} bytes\n`, '--mhtype=blake3', `--mhlen=${length}`);
      expect(cid.multihash.size).toBe(length);
      for (const transport of ['car', 'blocks', 'file'] as const) {
        const result = await check(gateway(node.gatewayUrl ?? '', transport), cid);
        expect(result, `${length} bytes, ${transport}: ${result.message}`).toMatchObject({ outcome: 'verified' });
        await rm(saveIn, { recursive: true, force: true });
      }
    }
  });

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
  it.each(['car', 'blocks'] as const)(
    'says a gateway answering 206 to a whole-block request sent only part of it, and uses none of it (%s)',
    async (transport) => {
      const cid = await putBlock('only the first half is sent\n'.repeat(50));
      const block = await rawBlockOf(cid);
      const half = Math.floor(block.length / 2);
      answer = (_request, response) =>
        void response
          .writeHead(206, {
            'Content-Type': transport === 'car' ? 'application/vnd.ipld.car' : 'application/vnd.ipld.raw',
            'Content-Range': `bytes 0-${half - 1}/${block.length}`,
          })
          .end(block.subarray(0, half));
      const result = await check(gateway(fakeUrl, transport), cid);
      expect(result).toMatchObject({
        outcome: 'truncated',
        blocks: 0,
        bytes: 0,
        details: { status: 206, partialContent: true },
      });
      expect(await saved()).toEqual([]);
    },
  );

  // CIDs of Kubo's real block whose digest no bytes can be checked against: the CID's fault, never the gateway's.
  it.each([
    ['longer than sha2-256 gives', 0x12, 40, 'too-long'],
    ['longer than blake2b-256 gives', 0xb220, 33, 'too-long'],
    ['a few bytes of sha2-256, which the real block matches', 0x12, 8, 'too-short'],
    ['empty, which any bytes match', 0x12, 0, 'too-short'],
  ] as const)('says a CID whose digest is %s cannot be checked', async (_what, code, length, problem) => {
    const cid = await putBlock('a block under an odd multihash\n');
    const block = await rawBlockOf(cid);
    const full = (await sha256.digest(block)).digest;
    const declared = Buffer.concat([full, Buffer.alloc(64, 7)]).subarray(0, length);
    const odd = CID.createV1(raw.code, digestFrom(code, declared));
    for (const transport of ['car', 'blocks'] as const) {
      answer = (_request, response) =>
        void (async () => {
          if (transport === 'blocks') {
            response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(block);
          } else {
            response
              .writeHead(200, { 'Content-Type': 'application/vnd.ipld.car; version=1; order=dfs; dups=y' })
              .end(await carOf(odd, [{ cid: odd, bytes: block }]));
          }
        })();
      const result = await check(gateway(fakeUrl, transport), odd);
      expect(result).toMatchObject({
        outcome: 'unsupported',
        details: { hashFunction: `0x${code.toString(16)}`, digestBytes: length, digestProblem: problem },
      });
      expect(await saved()).toEqual([]);
    }
    // Share's check of the same answer says the same, not a vague "cannot check".
    const health = await checkGateway({ url: fakeUrl, style: 'path' }, odd, { timeoutMs: 5_000, offline: true });
    expect(health).toMatchObject({
      status: 'error',
      finding: {
        kind: 'uncheckable',
        hashFunction: `0x${code.toString(16)}`,
        digestProblem: problem,
        digestBytes: length,
      },
    });
  });

  it('still says a CID of a hash function Cairn cannot compute cannot be checked, whatever its length', async () => {
    const cid = await putBlock('an unknown hash function\n');
    const block = await rawBlockOf(cid);
    const odd = CID.createV1(raw.code, digestFrom(0x1012, Buffer.alloc(32, 1)));
    answer = (_request, response) =>
      void response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(block);
    const result = await check(gateway(fakeUrl, 'blocks'), odd);
    expect(result).toMatchObject({ outcome: 'unsupported', details: { hashFunction: '0x1012' } });
    expect(result.details?.digestProblem).toBeUndefined();
  });

  // What a gateway that honours Cairn's own `order=dfs; dups=y` sends: a block each time it is linked.
  const depthFirstWithRepeats = async (cid: CID): Promise<{ cid: CID; bytes: Uint8Array }[]> => {
    const bytes = await rawBlockOf(cid);
    const below = cid.code === dagPb.code ? dagPb.decode(bytes).Links : [];
    const blocks: { cid: CID; bytes: Uint8Array }[] = [{ cid, bytes }];
    for (const link of below) blocks.push(...(await depthFirstWithRepeats(link.Hash)));
    return blocks;
  };

  // A Kubo-made file of several blocks, as a CAR in the order Cairn asks for, and sections of another block.
  const carOfAFile = async () => {
    await rm(join(dir, 'content'), { recursive: true, force: true });
    await writeFile(
      join(dir, 'content'),
      Buffer.alloc(600 * 1024).map((_, index) => (index * 7) % 253),
    );
    const cid = CID.parse((await node.ipfs('add', '-Q', '--cid-version=1', join(dir, 'content'))).trim());
    const blocks = await depthFirstWithRepeats(cid);
    expect(blocks.length).toBeGreaterThan(1);
    return { cid, blocks, car: await carOf(cid, blocks) };
  };
  const sectionsOf = async (cid: CID) => {
    const block = { cid, bytes: await rawBlockOf(cid) };
    return (await carOf(cid, [block])).subarray((await carOf(cid, [])).length);
  };
  const serveCar = (car: Buffer) => {
    answer = (_request, response) =>
      void response
        .writeHead(200, { 'Content-Type': 'application/vnd.ipld.car; version=1; order=dfs; dups=y' })
        .end(car);
  };

  it.each([
    ['a whole block not part of the content', 'block', { extraBlocks: 1 }],
    ['a block cut short', 'cut', { looseBytes: expect.any(Number) as number }],
    ['bytes that are no CAR section at all', 'garbage', { looseBytes: 300 }],
  ] as const)('verifies a CAR followed by %s, noting what came after the content', async (_what, kind, note) => {
    const { cid, car } = await carOfAFile();
    const unrelated = await sectionsOf(await putBlock('not part of the file\n'));
    const after = {
      block: unrelated,
      cut: unrelated.subarray(0, unrelated.length - 5),
      garbage: Buffer.alloc(300, 0xff),
    }[kind];
    serveCar(Buffer.concat([car, after]));
    const result = await check(gateway(fakeUrl, 'car'), cid);
    expect(result).toMatchObject({ outcome: 'verified', details: { extraBytes: after.length, ...note } });
    expect(result.details?.carRoots).toBeUndefined();
    // Nothing of the file is lost to what followed it: the copy is saved whole.
    expect(await saved()).toEqual([cid.toString()]);
  });

  it('says a CAR whose blocks all match but whose DAG lacks a block is incomplete, saving nothing', async () => {
    const { cid, blocks } = await carOfAFile();
    serveCar(await carOf(cid, blocks.slice(0, -1)));
    const result = await check(gateway(fakeUrl, 'car'), cid);
    expect(result).toMatchObject({ outcome: 'truncated', blocks: blocks.length - 1 });
    expect(result.message).toContain(`block ${(blocks.at(-1)?.cid ?? cid).toString()} never came`);
    expect(await saved()).toEqual([]);
  });

  it('says a CAR of another CID’s content, sent for this one, does not match it, as a raw block would', async () => {
    const { cid } = await carOfAFile();
    const other = await putBlock('the content of another CID\n');
    serveCar(await carOf(other, [{ cid: other, bytes: await rawBlockOf(other) }]));
    const result = await check(gateway(fakeUrl, 'car'), cid);
    expect(result).toMatchObject({
      outcome: 'tampered',
      blocks: 0,
      block: { cid: cid.toString() },
      details: { carRoots: [other.toString()] },
    });
    expect(await saved()).toEqual([]);
  });

  // A CAR of a file whose first leaf is replaced, where it comes, by a section of the gateway's making.
  const carWithTheFirstLeafAs = async (
    section: (leaf: Uint8Array) => Promise<{ code: number; digest: Uint8Array; bytes: Uint8Array }>,
  ) => {
    const { cid, blocks } = await carOfAFile();
    const leaf = blocks[1] as { cid: CID; bytes: Uint8Array };
    const { code, digest, bytes } = await section(leaf.bytes);
    const sent = CID.createV1(leaf.cid.code, digestFrom(code, digest));
    serveCar(await carOf(cid, blocks.with(1, { cid: sent, bytes })));
    return { cid, leaf: leaf.cid, sent };
  };

  it('says a CAR naming the block that comes next by a CID of another hash function breaks the format', async () => {
    const { cid, leaf, sent } = await carWithTheFirstLeafAs(async (bytes) => ({
      code: sha512.code,
      digest: (await sha512.digest(bytes)).digest,
      bytes,
    }));
    const result = await check(gateway(fakeUrl, 'car'), cid);
    // The right bytes under another name: neither "verified" nor a CAR in another order.
    expect(result).toMatchObject({ outcome: 'malformed', blocks: 1 });
    expect(result.message).toContain(`names block ${leaf.toString()} by another CID, ${sent.toString()}`);
    expect(await saved()).toEqual([]);
  });

  it.each([
    ['a hash function Cairn cannot compute', 0x1012, 32],
    ['an empty sha2-256 digest', sha256.code, 0],
  ])('never blames the CID asked for a stray block its CAR names by %s', async (_what, code, length) => {
    const { cid, leaf, sent } = await carWithTheFirstLeafAs(() =>
      Promise.resolve({ code, digest: new Uint8Array(length), bytes: Buffer.from('a block of the gateway’s own\n') }),
    );
    const result = await check(gateway(fakeUrl, 'car'), cid);
    // What cannot be checked is the gateway's CID, not the user's: the block the walk needs never came.
    expect(result).toMatchObject({ outcome: 'unordered', blocks: 1 });
    expect(result.message).toContain(`sent block ${sent.toString()} where ${leaf.toString()} comes next`);
    expect(await saved()).toEqual([]);
  });

  it('verifies the CID asked for from a CAR whose header names another root, and says so', async () => {
    const { cid, blocks } = await carOfAFile();
    const other = await putBlock('the root the gateway claims\n');
    const car = await carOf(other, blocks);
    serveCar(car);
    const result = await check(gateway(fakeUrl, 'car'), cid);
    expect(result).toMatchObject({ outcome: 'verified', details: { carRoots: [other.toString()] } });
    expect(result.details?.extraBytes).toBeUndefined();
  });

  it('reads a CARv2 as the CARv1 inside it, and its index as no extra data', async () => {
    const { cid, car } = await carOfAFile();
    serveCar(carV2Of(car));
    const result = await check(gateway(fakeUrl, 'car'), cid);
    expect(result).toMatchObject({ outcome: 'verified' });
    expect(result.details).toBeUndefined();
    expect(await saved()).toEqual([cid.toString()]);
  });

  it('says a CARv2 whose payload ends inside its own CARv1 header breaks the format, not that it has nothing', async () => {
    const { cid, car } = await carOfAFile();
    const v2 = carV2Of(car);
    // The payload's size, in the CARv2 header after its pragma: a few bytes, less than the CARv1 header.
    v2.writeBigUInt64LE(5n, 11 + 24);
    serveCar(v2);
    const result = await check(gateway(fakeUrl, 'car'), cid);
    expect(result).toMatchObject({ outcome: 'malformed', blocks: 0 });
    expect(result.message).toContain('CARv1 header runs past');
    expect(await saved()).toEqual([]);
  });

  it.each(['silent', 'trickling'] as const)(
    'gives its verdict once the content is verified, though the gateway then keeps its CAR open (%s)',
    { timeout: 20_000 },
    async (after) => {
      const { cid, car } = await carOfAFile();
      const trickles: NodeJS.Timeout[] = [];
      answer = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.car; version=1; order=dfs; dups=y' });
        response.write(car);
        // Never ended: nothing more, or a stray byte now and then, on a connection kept open.
        if (after === 'trickling') trickles.push(setInterval(() => response.write(Buffer.of(0xff)), 50));
      };
      try {
        // An idle timeout far past the test's own: only the content's end may decide when the verdict comes.
        const result = await check(gateway(fakeUrl, 'car'), cid, 120_000);
        expect(result).toMatchObject({ outcome: 'verified' });
        expect(await saved()).toEqual([cid.toString()]);
      } finally {
        for (const trickle of trickles) clearInterval(trickle);
        fake.closeAllConnections();
      }
    },
  );

  it('holds a bounded part of a file answer that ignores its Range, however far before the leaf it starts', async () => {
    // A file whose first raw leaf comes after 256 MiB held in dag-pb leaves (a file appended to with
    // raw leaves): the file's answer is asked for from there, and this gateway sends it from byte 0.
    const gap = 256 * 1024 * 1024;
    // Made on disk, not in this process's memory, which the measure below is of.
    await writeFile(join(dir, 'before'), '');
    await truncate(join(dir, 'before'), gap);
    await writeFile(join(dir, 'leaf'), 'the first raw leaf\n');
    const add = async (name: string, ...flags: string[]) =>
      CID.parse((await node.ipfs('add', '-Q', '--cid-version=1', ...flags, join(dir, name))).trim());
    const before = await add('before', '--raw-leaves=false');
    const leaf = await add('leaf');
    await writeFile(
      join(dir, 'root'),
      dagPb.encode({
        Data: new UnixFS({ type: 'file', blockSizes: [BigInt(gap), 19n] }).marshal(),
        Links: [{ Hash: before }, { Hash: leaf }],
      }),
    );
    const cid = CID.parse((await node.ipfs('block', 'put', '--cid-codec=dag-pb', join(dir, 'root'))).trim());
    await rm(join(dir, 'before'));
    let peak = 0;
    // Kubo's own answers, passed on with the Accept asked and never the Range; memory sampled as they come.
    answer = (request, response) =>
      void httpGet(`${node.gatewayUrl}${request.url}`, { headers: { accept: request.headers.accept } }, (kubo) => {
        response.writeHead(kubo.statusCode ?? 502, kubo.headers);
        kubo.on('data', () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)));
        kubo.pipe(response);
      });
    const floor = process.memoryUsage().arrayBuffers;
    const result = await check(gateway(fakeUrl, 'file'), cid, 30_000);
    expect(result).toMatchObject({ outcome: 'verified', bytes: gap + 19 });
    expect(peak - floor).toBeLessThan(gap / 2);
  });

  /** A request for a raw block answered with Kubo's own; false for any other request, left to the caller. */
  function kubosOwnBlock(request: IncomingMessage, response: ServerResponse): boolean {
    if (!request.url?.includes('format=raw')) return false;
    void fetch(`${node.gatewayUrl}${request.url}`)
      .then(async (real) => Buffer.from(await real.arrayBuffer()))
      .then((block) => response.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(block));
    return true;
  }

  it('refuses a file sent as 206 Partial Content although no Range was asked, using none of it', async () => {
    const { cid } = await carOfAFile();
    const file = await (await fetch(`${node.gatewayUrl}/ipfs/${cid.toString()}`)).arrayBuffer();
    const first = Buffer.from(file).subarray(0, file.byteLength / 2);
    answer = (request, response) => {
      // Its blocks are Kubo's own: only the file's answer lies.
      if (kubosOwnBlock(request, response)) return;
      expect(request.headers.range).toBeUndefined();
      response.writeHead(206, { 'Content-Range': `bytes 0-${first.length - 1}/${file.byteLength}` }).end(first);
    };
    const result = await check(gateway(fakeUrl, 'file'), cid);
    expect(result).toMatchObject({ outcome: 'truncated', details: { status: 206, partialContent: true } });
    expect(await saved()).toEqual([]);
  });

  it.each([
    ['shorter than its first piece', 'Sign in to continue'],
    ['longer than the file', 'x'.repeat(700 * 1024)],
  ])('says a file answered with an HTML page (%s) is not the content', async (_kind, text) => {
    const { cid } = await carOfAFile();
    answer = (request, response) => {
      // Its blocks are Kubo's own: only the file's answer is a page, as a portal or a gateway's own sends.
      if (kubosOwnBlock(request, response)) return;
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><p>${text}</p>`);
    };
    const result = await check(gateway(fakeUrl, 'file'), cid);
    expect(result).toMatchObject({ outcome: 'wrong-type', details: { sentType: 'text/html; charset=utf-8' } });
    expect(await saved()).toEqual([]);
  });

  it('verifies a file whose own block sizes its leaves do not keep from its bytes, as from its blocks', async () => {
    // Anyone can make such a CID: Kubo serves its leaves as they are, so the file's bytes are cut
    // where the sizes say and do not match. That is the CID's doing: the leaf asked alone decides.
    const aaaa = await putBlock('aaaa', '--cid-codec=raw');
    const bbbb = await putBlock('bbbb', '--cid-codec=raw');
    const lying = dagPb.encode({
      Data: new UnixFS({ type: 'file', blockSizes: [3n, 5n] }).marshal(),
      Links: [aaaa, bbbb].map((Hash) => ({ Hash, Tsize: 4 })),
    });
    await writeFile(join(dir, 'block'), lying);
    const cid = CID.parse((await node.ipfs('block', 'put', '--cid-codec=dag-pb', join(dir, 'block'))).trim());
    const result = await check(gateway(node.gatewayUrl ?? '', 'file'), cid);
    expect(result).toMatchObject({ outcome: 'verified', blocks: 3, bytes: 8 });
    expect(await readFile(result.savedAs ?? '', 'utf8')).toBe('aaaabbbb');
  });

  it('verifies a file with a repeated leaf before others from its own bytes, only checked', async () => {
    // Kubo's gateway, honest, read as the file: each leaf must be cut where it sits, repeats counted.
    const leafBytes = 256 * 1024;
    const varied = Buffer.alloc(leafBytes).map((_, index) => index % 251);
    await writeFile(join(dir, 'content'), Buffer.concat([Buffer.alloc(2 * leafBytes), varied]));
    const cid = CID.parse((await node.ipfs('add', '-Q', '--cid-version=1', join(dir, 'content'))).trim());
    const result = await verifyRemote(gateway(node.gatewayUrl ?? '', 'file'), cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn: null,
    });
    expect(result).toMatchObject({ outcome: 'verified' });
  });

  it.each([
    ['a file with a repeated leaf before others, only checked', 'file', null],
    ['a folder holding the same file twice, checked and asked to be saved', 'folder', 'save'],
  ] as const)('verifies an honest dups=y CAR of %s', async (_what, kind, save) => {
    const half = 1024 * 1024;
    const varied = Buffer.alloc(half).map((_, index) => index % 251);
    await rm(join(dir, 'content'), { recursive: true, force: true });
    if (kind === 'file') {
      await writeFile(join(dir, 'content'), Buffer.concat([Buffer.alloc(half), varied]));
    } else {
      await mkdir(join(dir, 'content'));
      await writeFile(join(dir, 'content', 'a.bin'), varied);
      await writeFile(join(dir, 'content', 'b.bin'), varied);
      await writeFile(join(dir, 'content', 'c.txt'), 'after the twins\n');
    }
    const cid = CID.parse((await node.ipfs('add', '-r', '-Q', '--cid-version=1', join(dir, 'content'))).trim());
    const car = await carOf(cid, await depthFirstWithRepeats(cid));
    answer = (_request, response) =>
      void response
        .writeHead(200, { 'Content-Type': 'application/vnd.ipld.car; version=1; order=dfs; dups=y' })
        .end(car);
    const result = await verifyRemote(gateway(fakeUrl, 'car'), cid, {
      signal: new AbortController().signal,
      progress: () => undefined,
      offline: true,
      idleTimeoutMs: 5_000,
      saveIn: save ? saveIn : null,
    });
    expect(result).toMatchObject({ outcome: 'verified' });
    expect(await saved()).toEqual([]);
  });
});
