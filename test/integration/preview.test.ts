import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { fileReceiver } from '../../electron/bridge/receive-file';
import { previewResponse } from '../../electron/services/files/preview';
import { AppError } from '../../shared/errors';
import { previewPath, TEXT_PREVIEW_BYTES } from '../../shared/preview';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

// Previews served by main from the node, through the same function as app:// and the bridge route.
describe('previews of the node’s content', () => {
  let node: TestKubo;
  let host: TestHost;
  let bridge: Bridge;
  let dir: string;
  let rendererDir: string;
  const cids: Record<string, string> = {};
  const bytes: Record<string, Buffer> = {};

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    dir = await mkdtemp(join(tmpdir(), 'cairn-preview-'));
    rendererDir = await mkdtemp(join(tmpdir(), 'cairn-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Cairn</title>');
    bytes.long = Buffer.from('a line of a long log\n'.repeat(20_000));
    bytes.page = Buffer.from('<script>alert(1)</script><h1>hi</h1>');
    bytes.svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    bytes.png = PNG;
    bytes.video = randomBytes(300_000);
    bytes.binary = Buffer.from([0, 1, 2, 3, 0, 255]);
    bytes.pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    for (const [key, content] of Object.entries(bytes)) {
      await writeFile(join(dir, key), content);
      cids[key] = (await node.ipfs('add', '-Q', '--cid-version=1', join(dir, key))).trim();
    }
    bridge = await startBridge({
      dispatcher: host.dispatcher,
      hub: host.hub,
      rendererDir,
      preview: (url, range) => previewResponse(() => host.services.node.kubo(), url, range),
      receiveFile: fileReceiver(host.services),
    });
  });
  afterAll(async () => {
    await bridge.close();
    await host.stop();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(rendererDir, { recursive: true, force: true });
  });

  const preview = (key: string, name: string, range: string | null = null) =>
    previewResponse(
      () => host.services.node.kubo(),
      new URL(`app://cairn${previewPath(cids[key] ?? key, name)}`),
      range,
    );

  it('serves text capped at 256 KiB, and says it was cut', async () => {
    const answer = await preview('long', 'server.log');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(answer.headers.get('x-cairn-truncated')).toBe('true');
    const body = Buffer.from(await answer.arrayBuffer());
    expect(body).toEqual(bytes.long?.subarray(0, TEXT_PREVIEW_BYTES));
  });

  it('never lets markup run: HTML as plain text, SVG as an image in a script-less sandbox', async () => {
    const page = await preview('page', 'index.html');
    expect(page.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe(bytes.page?.toString());
    const svg = await preview('svg', 'drawing.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('content-security-policy')).toMatch(/^sandbox;/);
  });

  it('serves a PDF, by its name or its first bytes, in the same script-less sandbox', async () => {
    for (const name of ['report.pdf', 'no-extension']) {
      const answer = await preview('pdf', name);
      expect(answer.headers.get('content-type')).toBe('application/pdf');
      expect(answer.headers.get('content-security-policy')).toBe(
        "sandbox; default-src 'none'; style-src 'unsafe-inline'",
      );
    }
  });

  it('sends errors sandboxed and uncached', async () => {
    const starting = await previewResponse(
      () => {
        throw new AppError('NODE_UNAVAILABLE', 'Cairn is starting.');
      },
      new URL(`app://cairn${previewPath(cids.png ?? '', 'pixel.png')}`),
      null,
    );
    expect(starting.status).toBe(503);
    expect(starting.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(starting.headers.get('cache-control')).toBe('no-store');
  });

  it('serves an image with its type, from its name or, without one, from its first bytes', async () => {
    for (const name of ['pixel.png', 'no-extension']) {
      const answer = await preview('png', name);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await answer.arrayBuffer())).toEqual(PNG);
    }
    const binary = await preview('binary', 'blob');
    expect(binary.status).toBe(415);
  });

  it('answers Range requests for media with exactly the bytes asked', async () => {
    const answer = await preview('video', 'clip.mp4', 'bytes=1000-1999');
    expect(answer.status).toBe(206);
    expect(answer.headers.get('content-type')).toBe('video/mp4');
    expect(answer.headers.get('content-range')).toBe('bytes 1000-1999/300000');
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(bytes.video?.subarray(1000, 2000));
    const tail = await preview('video', 'clip.mp4', 'bytes=-10');
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.video?.subarray(300_000 - 10));
    const whole = await preview('video', 'clip.mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe('300000');
    expect((await preview('video', 'clip.mp4', 'bytes=400000-')).status).toBe(416);
  });

  it('refuses what is not a CID, and says when the node does not have it, without searching', async () => {
    const bad = await preview('not-a-cid', 'x.txt');
    expect(bad.status).toBe(400);
    const started = Date.now();
    const missing = await preview('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e', 'x.txt');
    expect(missing.status).toBe(404);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('on the bridge, serves only its own page holding the token', async () => {
    const path = previewPath(cids.png ?? '', 'pixel.png');
    const host = new URL(bridge.origin).host;
    const withToken = `${path}&token=${encodeURIComponent(bridge.token)}`;
    expect(await get(bridge, withToken, { Host: host, 'Sec-Fetch-Site': 'same-origin' })).toMatchObject({
      status: 200,
      type: 'image/png',
      body: PNG,
    });
    expect((await get(bridge, path, { Host: host })).status).toBe(401);
    expect((await get(bridge, `${path}&token=wrong`, { Host: host })).status).toBe(401);
    expect((await get(bridge, withToken, { Host: 'evil.example:80' })).status).toBe(403);
    expect((await get(bridge, withToken, { Host: host, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });
});

function get(
  bridge: Bridge,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${bridge.origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
