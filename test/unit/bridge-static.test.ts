import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../electron/bridge/static-files';

/** The bridge's renderer route over real HTTP, on a folder with links in it. */
describe("the bridge's static files", () => {
  let base: string;
  let root: string;
  let server: Server;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'cairn-static-'));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<title>Cairn</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'export {};');
    await writeFile(join(base, 'secret.txt'), 'SECRET');
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'outside', 'key'), 'SECRET');
    await symlink(join(base, 'secret.txt'), join(root, 'notes.txt'));
    await symlink(join(base, 'outside'), join(root, 'shared'));
    await symlink(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://bridge').pathname;
      serveStatic(root, path, res, "default-src 'none'").catch(() => res.writeHead(400).end());
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    await rm(base, { recursive: true, force: true });
  });

  /** Raw HTTP, so that the path goes out exactly as written. */
  function get(path: string): Promise<{ status: number; body: string }> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
  }

  it('serves the files in its folder, a link between two of them too', async () => {
    expect(await get('/')).toEqual({ status: 200, body: '<title>Cairn</title>' });
    expect(await get('/alias.js')).toEqual({ status: 200, body: 'export {};' });
  });

  it.each(['/notes.txt', '/shared/key', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '//etc/passwd', '/a%00b'])(
    'answers %s with 404, never with what lies outside',
    async (path) => {
      const answer = await get(path);
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('SECRET');
    },
  );
});
