import { request } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewResponse } from '../../electron/services/files/preview';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { fileReceiver } from '../../electron/bridge/receive-file';
import { rendererCsp } from '../../electron/shell/renderer-csp';
import { randomBytes } from 'node:crypto';
import { encodeRequest } from '../../shared/ipc/wire';
import { MAX_INLINE_BYTES } from '../../shared/ipc/limits';
import type { UploadItem } from '../../shared/ipc/contract';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';
import { defaultUploadOptions } from '../harness/uploads';

interface Reply {
  status: number;
  body: string;
}

/** Raw HTTP, so that Host and Origin are exactly what a hostile caller would send. */
function send(
  bridge: Bridge,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer = '{}',
): Promise<Reply> {
  const { port } = new URL(bridge.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the test bridge', () => {
  let node: TestKubo;
  let host: TestHost;
  let bridge: Bridge;
  let rendererDir: string;
  let good: Record<string, string>;

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    rendererDir = await mkdtemp(join(tmpdir(), 'cairn-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Cairn</title>');
    bridge = await startBridge({
      dispatcher: host.dispatcher,
      hub: host.hub,
      rendererDir,
      preview: (url, range) => previewResponse(() => host.services.node.kubo(), url, range),
      receiveFile: fileReceiver(host.services),
    });
    good = { Host: new URL(bridge.origin).host, Origin: bridge.origin, Authorization: `Bearer ${bridge.token}` };
  });
  afterAll(async () => {
    await bridge.close();
    await host.stop();
    await node.stop();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('listens on loopback only and hands the token over in the URL fragment', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.appUrl).toBe(`${bridge.origin}/#token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(43);
  });

  it('answers a call from its own page with the right token', async () => {
    const reply = await send(bridge, '/__cairn/invoke/node.status', good);
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body) as { ok: boolean; data: { state: string; info: { peerId: string } } };
    expect(result.ok).toBe(true);
    expect(result.data.info.peerId).toBe((await node.client.id()).id.toString());
  });

  it('refuses a wrong token and a missing one', async () => {
    const wrong = await send(bridge, '/__cairn/invoke/node.status', {
      ...good,
      Authorization: `Bearer ${'x'.repeat(43)}`,
    });
    expect(wrong).toEqual({ status: 401, body: 'missing or wrong token' });
    const { Authorization: _dropped, ...withoutToken } = good;
    expect((await send(bridge, '/__cairn/invoke/node.status', withoutToken)).status).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const reply = await send(bridge, '/__cairn/invoke/node.status', { ...good, Origin: 'http://evil.example' });
    expect(reply).toEqual({ status: 403, body: 'foreign Origin http://evil.example' });
    const { Origin: _dropped, ...withoutOrigin } = good;
    expect((await send(bridge, '/__cairn/invoke/node.status', withoutOrigin)).status).toBe(403);
  });

  it('refuses a rebound Host name', async () => {
    const reply = await send(bridge, '/__cairn/invoke/node.status', {
      ...good,
      Host: `attacker.example:${new URL(bridge.origin).port}`,
    });
    expect(reply.status).toBe(403);
  });

  it('turns a malformed payload into a validation error and keeps serving', async () => {
    const reply = await send(bridge, '/__cairn/invoke/uploads.enqueue', good, JSON.stringify({ folder: 'no slash' }));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const notJson = await send(bridge, '/__cairn/invoke/uploads.enqueue', good, '{not json');
    expect(notJson.status).toBe(400);
    expect((await send(bridge, '/__cairn/invoke/node.status', good)).status).toBe(200);
  });

  it("takes dropped bytes as raw bytes after the JSON, and adds them with Kubo's CID", async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const request = {
      folder: '/',
      sources: [{ kind: 'bytes', name: 'dropped.bin', data }],
      options: defaultUploadOptions,
    };
    const body = Buffer.from(await encodeRequest(request).arrayBuffer());
    expect(body.length).toBeLessThan(data.length + 200);
    const reply = await send(bridge, '/__cairn/invoke/uploads.enqueue', good, body);
    const queued = JSON.parse(reply.body) as { ok: true; data: UploadItem[] };
    expect(queued.ok).toBe(true);
    const id = queued.data[0]?.id ?? '';
    await host.services.uploads.idle();
    const item = host.services.uploads.list().find((candidate) => candidate.id === id);
    expect(item?.state).toBe('added');
    await writeFile(join(rendererDir, 'dropped.bin'), data);
    const kuboCid = (await node.ipfs('add', '--only-hash', '-Q', join(rendererDir, 'dropped.bin'))).trim();
    expect(item?.result?.cid).toBe(kuboCid);
  });

  it('streams a dropped file to disk for a grant, which the queue stages without a copy', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 5);
    const headers: Record<string, string> = { ...good, 'X-Cairn-File-Name': encodeURIComponent('a drop #1.bin') };
    const { Authorization: _dropped, ...withoutToken } = headers;
    expect((await send(bridge, '/__cairn/file', withoutToken, data)).status).toBe(401);
    const reply = await send(bridge, '/__cairn/file', headers, data);
    expect(reply.status).toBe(200);
    const { grant } = JSON.parse(reply.body) as { grant: string };
    const received = host.services.grants.pathOf(grant);
    expect((await readFile(received)).equals(data)).toBe(true);

    const [item] = await host.services.uploads.enqueue({
      folder: '/',
      sources: [host.services.grants.resolve({ kind: 'grant', grant })],
      options: defaultUploadOptions,
    });
    // Moved into the queue's staging, where a retry finds it and a clear removes it.
    await expect(readFile(received)).rejects.toMatchObject({ code: 'ENOENT' });
    await host.services.uploads.idle();
    const added = host.services.uploads.list().find((candidate) => candidate.id === item?.id);
    expect(added).toMatchObject({ state: 'added', name: 'a drop #1.bin' });
    await writeFile(join(rendererDir, 'received.bin'), data);
    const kuboCid = (await node.ipfs('add', '--only-hash', '-Q', join(rendererDir, 'received.bin'))).trim();
    expect(added?.result?.cid).toBe(kuboCid);
  });

  it('refuses a streamed file over the inline limit before reading it, and a name no disk takes', async () => {
    // Only the headers go: the answer comes before any byte of the body is sent.
    const tooLarge = await new Promise<number>((resolve, reject) => {
      const headers = { ...good, 'X-Cairn-File-Name': 'big.bin', 'Content-Length': String(MAX_INLINE_BYTES + 1) };
      const req = request(
        { host: '127.0.0.1', port: new URL(bridge.origin).port, path: '/__cairn/file', method: 'POST', headers },
        (res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(tooLarge).toBe(413);
    const badName = await send(bridge, '/__cairn/file', { ...good, 'X-Cairn-File-Name': '..' }, 'bytes');
    expect(badName.status).toBe(400);
  });

  it('serves the renderer and nothing outside its folder', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Cairn</title>');
    // Its CSP names the bridge's own origin for previews, not every loopback port.
    expect(page.headers.get('content-security-policy')).toBe(rendererCsp(bridge.origin));
    expect(page.headers.get('content-security-policy')).toContain(`media-src ${bridge.origin}/__cairn/preview/;`);
    const escape = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: new URL(bridge.origin).port, path: '/..%2f..%2fetc%2fpasswd' }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(escape).toBe(404);
  });
});
