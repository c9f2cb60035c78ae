import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarBlockIterator, CarWriter } from '@ipld/car';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRemote, type ResolvedSource } from '../../electron/services/verify/verify-remote';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';

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
  let fake: Server;
  let fakeUrl: string;
  let answer: (response: ServerResponse) => void = () => undefined;

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
    // The real blocks, in the order a dfs CAR with duplicates carries them.
    const car = await fetch(`${node.gatewayUrl}/ipfs/${file.toString()}?dag-scope=all`, {
      headers: { Accept: 'application/vnd.ipld.car; version=1; order=dfs; dups=y' },
    });
    blocks = [];
    for await (const block of await CarBlockIterator.fromIterable(car.body as AsyncIterable<Uint8Array>)) {
      blocks.push(block);
    }
    fake = createServer((_request, response) => answer(response));
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    fake.closeAllConnections();
    fake.close();
    await host.stop();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const gateway = (url: string): ResolvedSource => ({
    name: 'Test gateway',
    ref: { kind: 'gateway', id: 'test' },
    kind: 'gateway',
    url,
    style: 'path',
  });
  const theNode = (): ResolvedSource => ({
    name: 'The node',
    ref: { kind: 'node' },
    kind: 'node',
    target: { url: node.apiUrl, headers: {} },
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
  const serveCar = (list: Block[], stallAfter?: number) => {
    answer = (response) => {
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
  };

  it("verifies a file from Kubo's own gateway and saves exactly its bytes", async () => {
    const result = await check(gateway(node.gatewayUrl ?? ''), file);
    expect(result).toMatchObject({ outcome: 'verified', blocks: blocks.length, bytes: content.length });
    expect(blocks.length).toBeGreaterThan(10);
    expect(result.savedAs).toBe(join(saveIn, file.toString()));
    expect((await readFile(result.savedAs ?? '')).equals(content)).toBe(true);
    expect(await saved()).toEqual([file.toString()]);
    await rm(saveIn, { recursive: true });
  });

  it('verifies the same file from the node, block by block', async () => {
    const result = await check(theNode(), file);
    expect(result).toMatchObject({ outcome: 'verified', blocks: blocks.length, bytes: content.length });
    await rm(saveIn, { recursive: true });
  });

  it('verifies a folder, every block of it, and saves nothing', async () => {
    const result = await check(gateway(node.gatewayUrl ?? ''), folder);
    const refs = (await node.ipfs('refs', '-r', folder.toString())).split('\n').filter(Boolean);
    expect(result).toMatchObject({ outcome: 'verified', blocks: refs.length + 1 });
    expect(result.savedAs).toBeUndefined();
    expect(await saved()).toEqual([]);
  });

  it('reports which block was tampered with, and writes nothing', async () => {
    const tampered = blocks.map((block, index) => {
      if (index !== 5) return block;
      const bytes = Uint8Array.from(block.bytes);
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      return { cid: block.cid, bytes };
    });
    serveCar(tampered);
    const result = await check(gateway(fakeUrl), file);
    expect(result.outcome).toBe('tampered');
    expect(result.block?.cid).toBe(blocks[5]?.cid.toString());
    expect(result.block?.expected).toBe(Buffer.from(blocks[5]?.cid.multihash.digest ?? []).toString('hex'));
    expect(result.block?.received).not.toBe(result.block?.expected);
    expect(result.blocks).toBe(5);
    expect(await saved()).toEqual([]);
  });

  it('reports a CAR without its last block as truncated, and writes nothing', async () => {
    serveCar(blocks.slice(0, -1));
    const result = await check(gateway(fakeUrl), file);
    expect(result.outcome).toBe('truncated');
    expect(result.message).toContain(blocks.at(-1)?.cid.toString());
    expect(await saved()).toEqual([]);
  });

  it('reports an HTML page instead of data', async () => {
    answer = (response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Welcome</title><p>Please enable JavaScript</p>');
    };
    const result = await check(gateway(fakeUrl), file);
    expect(result).toMatchObject({ outcome: 'wrong-type', message: expect.stringContaining('HTML page') as string });
    expect(await saved()).toEqual([]);
  });

  it('reports a gateway that stalls in the middle as a timeout, and writes nothing', async () => {
    serveCar(blocks, 4);
    const result = await check(gateway(fakeUrl), file, 1_000);
    expect(result.outcome).toBe('timeout');
    expect(result.blocks).toBe(4);
    expect(await saved()).toEqual([]);
  });

  it('reports content the node does not have, without searching the network', async () => {
    const absent = CID.parse('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    const result = await check(theNode(), absent);
    expect(result.outcome).toBe('not-found');
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
    serveCar(blocks.slice(0, 3));
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
    for (const result of publicOnes) expect(result.outcome).toBe('skipped');
  });
});
