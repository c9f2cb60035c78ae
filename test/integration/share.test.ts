import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGateway } from '../../electron/services/gateways/gateway-health';
import type { EventSink } from '../../electron/ipc/types';
import { buildLink, type LinkKind } from '../../shared/links/build-link';
import { parseCid, type ContentRef } from '../../shared/links/content-ref';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';

const files: Record<string, string> = {
  'plain.txt': 'plain\n',
  'café au lait.txt': 'unicode\n',
  'a#b?c&d=e.txt': 'reserved\n',
  '100% sure.txt': 'percent\n',
  'sub/deep file.txt': 'nested\n',
};

/** GET through the gateway on 127.0.0.1, with the link's own Host, as a browser resolving *.localhost would. */
function fetchViaLoopback(
  link: string,
  gatewayPort: string,
): Promise<{ status: number; body: string; headers: IncomingMessage['headers'] }> {
  const url = new URL(link);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: gatewayPort, path: url.pathname + url.search, headers: { Host: url.host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject).end();
  });
}

async function serve(respond: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('share links against the local Kubo gateway', () => {
  let node: TestKubo;
  let dir: string;
  let folder: string;
  let port: string;

  beforeAll(async () => {
    node = await startKubo();
    port = new URL(node.gatewayUrl ?? '').port;
    dir = await mkdtemp(join(tmpdir(), 'cairn-share-'));
    await mkdir(join(dir, 'folder', 'sub'), { recursive: true });
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, 'folder', name), content);
    folder = (await node.ipfs('add', '-r', '-Q', join(dir, 'folder'))).trim();
  });
  afterAll(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const styles: [LinkKind, string][] = [
    ['path', 'http://127.0.0.1'],
    ['subdomain', 'http://localhost'],
  ];
  for (const [kind, host] of styles) {
    it(`serves every file of a folder through its ${kind} link`, async () => {
      for (const [name, content] of Object.entries(files)) {
        const ref: ContentRef = { namespace: 'ipfs', cid: parseCid(folder), path: name.split('/') };
        const link = buildLink(ref, kind, `${host}:${port}`);
        expect(link.kind).toBe(kind);
        const answer = await fetchViaLoopback(link.url ?? 'no link', port);
        expect({ name, status: answer.status, body: answer.body }).toEqual({ name, status: 200, body: content });
      }
    });
  }

  it('serves a CID too long for a subdomain through the local gateway, and finds no link on a subdomain-only one', async () => {
    const cid = parseCid((await node.ipfs('add', '-Q', '--hash=sha2-512', join(dir, 'folder', 'plain.txt'))).trim());
    const link = buildLink({ namespace: 'ipfs', cid, path: [] }, 'subdomain', `http://localhost:${port}`);
    expect(link).toMatchObject({ kind: 'path', url: `http://127.0.0.1:${port}/ipfs/${cid.toString()}` });
    // Kubo answers the same path on localhost, where it serves subdomains, with 400: that was the old link.
    expect((await fetchViaLoopback(`http://localhost:${port}/ipfs/${cid.toString()}`, port)).status).toBe(400);
    expect(await fetchViaLoopback(link.url ?? 'no link', port)).toMatchObject({
      status: 200,
      body: files['plain.txt'],
    });
    const local = { url: `http://localhost:${port}`, style: 'subdomain' } as const;
    expect(await checkGateway(local, cid, { timeoutMs: 5_000, offline: true })).toMatchObject({
      status: 'trustworthy',
    });
    // Refused before any request: there is no URL to ask.
    const subdomainOnly = await checkGateway({ url: 'https://dweb.link', style: 'subdomain' }, cid, {
      timeoutMs: 2_000,
      offline: false,
    });
    expect(subdomainOnly).toMatchObject({ status: 'skipped', finding: { kind: 'no-link' } });
  });

  it('keeps the download name of a single file with ?filename=', async () => {
    const cid = (await node.ipfs('add', '-Q', join(dir, 'folder', 'café au lait.txt'))).trim();
    const link = buildLink(
      { namespace: 'ipfs', cid: parseCid(cid), path: [], filename: 'café au lait.txt' },
      'path',
      `http://127.0.0.1:${port}`,
    );
    const answer = await fetchViaLoopback(`${link.url}&download=true`, port);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toContain("filename*=UTF-8''caf%C3%A9%20au%20lait.txt");
  });

  it('finds Kubo’s gateway trustworthy, by path and by subdomain', async () => {
    const cid = parseCid(folder);
    for (const gateway of [
      { url: `http://127.0.0.1:${port}`, style: 'path' as const },
      { url: `http://localhost:${port}`, style: 'subdomain' as const },
    ]) {
      const health = await checkGateway(gateway, cid, { timeoutMs: 5_000, offline: true });
      expect(health).toMatchObject({ status: 'trustworthy' });
    }
  });
});

describe('gateway health against misbehaving gateways', () => {
  const servers: Server[] = [];
  let node: TestKubo;
  let host: TestHost;
  const sink: EventSink = { send: () => undefined };
  const cid = parseCid('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await host.stop();
    await node.stop();
  });

  async function gateway(respond: (req: IncomingMessage, res: ServerResponse) => void) {
    const server = await serve(respond);
    servers.push(server);
    return { url: originOf(server), style: 'path' as const };
  }

  it('marks a gateway that sends an HTML page instead of the block untrustworthy, by its type', async () => {
    const liar = await gateway((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>not your file</html>'),
    );
    const health = await checkGateway(liar, cid, { timeoutMs: 2_000, offline: true });
    expect(health).toMatchObject({
      status: 'untrustworthy',
      finding: { kind: 'not-trustless', contentType: 'text/html' },
    });
  });

  it('finds a gateway that ignores format=raw and Accept untrustworthy, even when the bytes hash right', async () => {
    const block = new TextEncoder().encode('Cairn gateway check\n');
    const blockCid = CID.create(1, raw.code, await sha256.digest(block));
    const deserializing = await gateway((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(block),
    );
    const health = await checkGateway(deserializing, blockCid, { timeoutMs: 2_000, offline: true });
    expect(health).toMatchObject({
      status: 'untrustworthy',
      finding: { kind: 'not-trustless', contentType: 'text/plain; charset=utf-8' },
    });
  });

  it('reports a body past the size cap as too large, not as a timeout', async () => {
    const flooding = await gateway((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(Buffer.alloc(5 * 1024 * 1024)),
    );
    const health = await checkGateway(flooding, cid, { timeoutMs: 2_000, offline: true });
    expect(health).toMatchObject({ status: 'too-large', finding: { kind: 'too-large', capBytes: 4 * 1024 * 1024 } });
  });

  it('gives up on a gateway that hangs, within the bound', async () => {
    const hanging = await gateway(() => undefined);
    const started = Date.now();
    const health = await checkGateway(hanging, cid, { timeoutMs: 500, offline: true });
    expect(health).toMatchObject({ status: 'timeout', finding: { kind: 'no-answer' } });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports rate limiting with the wait asked for, and a 504 by its status', async () => {
    const limited = await gateway((_req, res) => res.writeHead(429, { 'Retry-After': '30' }).end());
    expect(await checkGateway(limited, cid, { timeoutMs: 2_000, offline: true })).toMatchObject({
      status: 'rate-limited',
      finding: { kind: 'rate-limited', retryAfter: '30' },
    });
    const lost = await gateway((_req, res) => res.writeHead(504).end());
    const health = await checkGateway(lost, cid, { timeoutMs: 2_000, offline: true });
    expect(health).toMatchObject({ status: 'error', finding: { kind: 'http', httpStatus: 504 } });
  });

  it('contacts no gateway off this machine in offline mode', async () => {
    const health = await checkGateway({ url: 'https://dweb.link', style: 'subdomain' }, cid, {
      timeoutMs: 2_000,
      offline: true,
    });
    expect(health).toEqual({ status: 'skipped', host: 'dweb.link', finding: { kind: 'offline' } });
    // A name that starts like a loopback address is still a name, resolved by DNS to anywhere.
    for (const url of ['http://127.0.0.1.nip.io', 'http://127.attacker.example:8080']) {
      const named = await checkGateway({ url, style: 'path' }, cid, { timeoutMs: 2_000, offline: true });
      expect(named).toMatchObject({ status: 'skipped', finding: { kind: 'offline' } });
    }
  });

  it('asks for what a path names, not for the folder it starts from', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-reach-'));
    await mkdir(join(dir, 'site', 'docs'), { recursive: true });
    await writeFile(join(dir, 'site', 'docs', 'guide one.txt'), 'the guide\n');
    const root = (await node.ipfs('add', '-r', '-Q', join(dir, 'site'))).trim();
    await rm(dir, { recursive: true, force: true });
    const rootBlock = Buffer.from(await (await fetch(`${node.gatewayUrl}/ipfs/${root}?format=raw`)).arrayBuffer());
    // Serves the folder's own block right, and anything else wrong.
    const liar = await gateway((req, res) => {
      const right = new URL(req.url ?? '/', 'http://x').pathname === `/ipfs/${root}`;
      res.writeHead(200, { 'Content-Type': 'application/vnd.ipld.raw' }).end(right ? rootBlock : 'not the guide\n');
    });
    const check = (content: string, at = liar) =>
      host.dispatcher.dispatch('share.checkGateway', { gateway: at, cid: content }, sink);

    expect(await check(root)).toMatchObject({ ok: true, data: { status: 'trustworthy' } });
    expect(await check(`/ipfs/${root}/docs/guide one.txt`)).toMatchObject({
      ok: true,
      data: { status: 'untrustworthy', finding: { kind: 'wrong-bytes' } },
    });
    const kubo = { url: node.gatewayUrl ?? '', style: 'path' as const };
    expect(await check(`ipfs://${root}/docs/guide%20one.txt`, kubo)).toMatchObject({
      ok: true,
      data: { status: 'trustworthy' },
    });
    // A path this node cannot walk names nothing known: no gateway is asked about it.
    expect(await check(`/ipfs/${root}/docs/missing.txt`, kubo)).toMatchObject({
      ok: true,
      data: { status: 'skipped', finding: { kind: 'unresolved', path: `/ipfs/${root}/docs/missing.txt` } },
    });
  });

  it('checks the node’s own gateway through IPC with a probe block when no CID is given', async () => {
    const status = await host.services.node.status();
    expect(status.info?.gatewayUrl).toBeNull();
    const result = await host.dispatcher.dispatch(
      'share.checkGateway',
      { gateway: { url: node.gatewayUrl, style: 'path' } },
      sink,
    );
    expect(result).toMatchObject({ ok: true, data: { status: 'trustworthy' } });
  });
});
