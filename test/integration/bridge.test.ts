import { request } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewResponse } from '../../electron/services/files/preview';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { fileReceiver } from '../../electron/bridge/receive-file';
import { rendererCsp } from '../../electron/shell/renderer-csp';
import { randomBytes, randomUUID } from 'node:crypto';
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

  /** Announces a file to the bridge under a new id: its grant, and that id. */
  async function announce(name: string, size: number): Promise<{ grant: string; id: string }> {
    const id = randomUUID();
    const reply = await send(bridge, `/__cairn/file/${id}`, {
      ...good,
      'X-Cairn-File-Name': encodeURIComponent(name),
      'X-Cairn-File-Size': String(size),
    });
    expect(reply.status).toBe(200);
    return { grant: (JSON.parse(reply.body) as { grant: string }).grant, id };
  }

  /** A request sending a file's bytes, written by the test a piece at a time. */
  function sendBytes(id: string) {
    const { port } = new URL(bridge.origin);
    const req = request({ host: '127.0.0.1', port, path: `/__cairn/file/${id}/bytes`, method: 'POST', headers: good });
    const status = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    return { req, status };
  }

  async function enqueueGrant(grant: string): Promise<string> {
    const [item] = await host.services.uploads.enqueue({
      folder: '/',
      sources: [host.services.grants.resolve({ kind: 'grant', grant })],
      options: defaultUploadOptions,
    });
    return item?.id ?? '';
  }

  function itemOf(id: string): UploadItem | undefined {
    return host.services.uploads.list().find((candidate) => candidate.id === id);
  }

  /** Resolves once the queue's change events show the item in a state the test waits for. */
  function itemWhere(id: string, wanted: (item: UploadItem) => boolean): Promise<UploadItem> {
    return new Promise((resolve) => {
      const check = () => {
        const item = itemOf(id);
        if (!item || !wanted(item)) return;
        stop();
        resolve(item);
      };
      const stop = host.services.uploads.onChange(check);
      check();
    });
  }

  /** A file announced and queued, of which 1.5 MiB were sent and handed to Kubo; its request still open. */
  async function uploadSentInPart(name: string, size: number) {
    const { grant, id } = await announce(name, size);
    const uploadId = await enqueueGrant(grant);
    const sending = sendBytes(id);
    sending.status.catch(() => undefined);
    sending.req.write(randomBytes(1536 * 1024));
    await itemWhere(uploadId, (item) => item.bytesDone > 0);
    return { uploadId, sending };
  }

  it('grants an announced file at once, and its upload reads the bytes while they arrive', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 5);
    const { Authorization: _dropped, ...withoutToken } = good;
    const refused = await send(bridge, `/__cairn/file/${randomUUID()}`, { ...withoutToken, 'X-Cairn-File-Size': '3' });
    expect(refused.status).toBe(401);
    const { grant, id } = await announce('a drop #1.bin', data.length);
    const received = host.services.grants.pathOf(grant);

    // Queued before a single byte was sent, and moved into the queue's staging, where a retry finds it.
    const uploadId = await enqueueGrant(grant);
    await expect(readFile(received)).rejects.toMatchObject({ code: 'ENOENT' });
    const sending = sendBytes(id);
    sending.req.write(data.subarray(0, 2 * 1024 * 1024));
    // The upload has handed bytes to Kubo while the rest has not been sent yet.
    const partway = await itemWhere(uploadId, (item) => item.bytesDone > 0);
    expect(partway).toMatchObject({ state: 'adding', totalBytes: data.length });
    expect(partway.bytesDone).toBeLessThan(data.length);
    sending.req.end(data.subarray(2 * 1024 * 1024));
    expect(await sending.status).toBe(204);

    await host.services.uploads.idle();
    const added = itemOf(uploadId);
    expect(added).toMatchObject({ state: 'added', name: 'a drop #1.bin' });
    await writeFile(join(rendererDir, 'received.bin'), data);
    const kuboCid = (await node.ipfs('add', '--only-hash', '-Q', join(rendererDir, 'received.bin'))).trim();
    expect(added?.result?.cid).toBe(kuboCid);
  });

  it('fails the upload of a file whose bytes stop coming, saying how much arrived, and its retry too', async () => {
    const size = 4 * 1024 * 1024;
    const { uploadId, sending } = await uploadSentInPart('cut short.bin', size);
    sending.req.destroy();

    const failed = await itemWhere(uploadId, (item) => item.state === 'failed');
    expect(failed.error).toMatchObject({
      code: 'FILE_UNREADABLE',
      details: { path: 'cut short.bin', problem: 'incomplete', size },
    });
    expect(failed.error?.details?.received).toBeLessThan(size);
    // Nothing half-read was added: a retry, like one after a restart, finds the file short and says so.
    host.services.uploads.retry([uploadId]);
    await host.services.uploads.idle();
    expect(itemOf(uploadId)?.error).toMatchObject({ code: 'FILE_UNREADABLE', details: { problem: 'incomplete' } });
  });

  it('cancels at once the upload of a file whose bytes have stalled', async () => {
    const { uploadId, sending } = await uploadSentInPart('stalled.bin', 4 * 1024 * 1024);
    // The page sends nothing more but keeps its request open: the upload's reader waits for bytes.
    host.services.uploads.cancel([uploadId]);
    // Cancelled by the user, not failed for want of bytes a minute later.
    const ended = await itemWhere(uploadId, (item) => item.finishedAt !== null);
    expect(ended).toMatchObject({ state: 'cancelled' });
    expect(ended.error).toBeUndefined();
    sending.req.destroy();
  });

  it('refuses a file announced over the inline limit, a name no disk takes, and more bytes than announced', async () => {
    const announcing = (name: string, size: string) =>
      send(bridge, `/__cairn/file/${randomUUID()}`, { ...good, 'X-Cairn-File-Name': name, 'X-Cairn-File-Size': size });
    expect((await announcing('big.bin', String(MAX_INLINE_BYTES + 1))).status).toBe(413);
    expect((await announcing('no size.bin', 'lots')).status).toBe(400);
    expect((await announcing('..', '5')).status).toBe(400);
    expect((await send(bridge, '/__cairn/file/not-an-id/bytes', good, 'bytes')).status).toBe(400);

    const size = 2 * 1024 * 1024;
    const { grant, id } = await announce('two MiB.bin', size);
    const uploadId = await enqueueGrant(grant);
    const sending = sendBytes(id);
    sending.req.write(randomBytes(size / 2));
    await itemWhere(uploadId, (item) => item.bytesDone > 0);
    sending.req.end(randomBytes(size / 2 + 1));
    expect(await sending.status).toBe(400);
    const failed = await itemWhere(uploadId, (item) => item.state === 'failed');
    expect(failed.error).toMatchObject({ code: 'VALIDATION', details: { problem: 'larger-than-announced' } });
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
