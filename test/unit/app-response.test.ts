import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponse } from '../../electron/shell/app-response';
import { rendererCsp } from '../../electron/shell/renderer-csp';
import { previewPath } from '../../shared/preview';

// The app:// handler's logic under plain Node: every answer carries a CSP, the page's has no loopback origin.
describe('app:// responses', () => {
  let base: string;
  let root: string;
  const previews: { url: string; range: string | null }[] = [];
  const preview = (url: URL, range: string | null) => {
    previews.push({ url: url.href, range });
    return Promise.resolve(new Response('preview', { headers: { 'Content-Security-Policy': 'sandbox' } }));
  };
  const get = (url: string, init?: RequestInit) => appResponse(new Request(url, init), root, preview);

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'cairn-app-'));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Cairn</title>');
    await writeFile(join(root, 'assets', 'index.js'), 'export {};');
    // Links planted in the renderer folder: to a file and a folder beside it, and one between its own files.
    await writeFile(join(base, 'secret.txt'), 'secret');
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'outside', 'key.txt'), 'key');
    await symlink(join(base, 'secret.txt'), join(root, 'notes.txt'));
    await symlink(join(base, 'outside'), join(root, 'shared'));
    await symlink(join(root, 'assets', 'index.js'), join(root, 'alias.js'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('sends the packaged CSP with the page and its assets', async () => {
    for (const url of ['app://cairn/', 'app://cairn/index.html', 'app://cairn/assets/index.js']) {
      const answer = await get(url);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-security-policy')).toBe(rendererCsp('app://cairn'));
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await get('app://cairn/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('names no loopback origin in the packaged CSP, and media and frames only from the preview route', () => {
    const policy = rendererCsp('app://cairn');
    expect(policy).not.toMatch(/127\.0\.0\.1|localhost|ws:|unsafe/);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain('media-src app://cairn/__cairn/preview/;');
    expect(policy).toContain('frame-src app://cairn/__cairn/preview/;');
    expect(policy).toContain("frame-ancestors 'none'");
    // The dev server's policy is the only one that names loopback, and it is asked for by name.
    expect(rendererCsp('app://cairn', true)).toMatch(/connect-src 'self' ws:\/\/localhost:\*/);
  });

  it('refuses what leaves the renderer folder or is not there, with a CSP all the same', async () => {
    for (const [url, status] of [
      ['app://cairn/..%2f..%2fetc%2fpasswd', 403],
      ['app://other/index.html', 403],
      ['app://cairn/missing.js', 404],
      ['app://cairn/assets', 404],
      ['app://cairn/notes.txt', 404],
      ['app://cairn/shared/key.txt', 404],
    ] as const) {
      const answer = await get(url);
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    }
  });

  it('follows a link between two of its own files, with the type the name says', async () => {
    const answer = await get('app://cairn/alias.js');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await answer.text()).toBe('export {};');
  });

  it('answers only GET and HEAD for the page and its assets', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const answer = await get('app://cairn/index.html', { method, body: method === 'DELETE' ? null : 'x' });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    }
    expect((await get('app://cairn/index.html', { method: 'HEAD' })).status).toBe(200);
  });

  it('hands previews to the preview route with their Range, and refuses writes there', async () => {
    const url = `app://cairn${previewPath('bafkqaaa', 'clip.mp4')}`;
    const answer = await get(url, { headers: { Range: 'bytes=0-9' } });
    expect(await answer.text()).toBe('preview');
    expect(previews).toEqual([{ url, range: 'bytes=0-9' }]);
    const post = await get(url, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(previews).toHaveLength(1);
  });
});
