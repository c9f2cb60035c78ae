import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost, type Host } from '../../electron/ipc/host';
import { createKuboClient } from '../../electron/services/kubo/kubo-client';
import { addTree } from '../../electron/services/uploads/kubo-add';
import type { EventSink } from '../../electron/ipc/types';
import type { ProfileInput } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/settings';
import { startKubo, type TestKubo } from '../harness/kubo';
import { until } from '../harness/until';
import { rpcClient } from '../harness/rpc-client';

const sink: EventSink = { send: () => undefined };
const TOKEN = 'a-long-bearer-token-for-cairn';

function profile(fields: Partial<ProfileInput> & Pick<ProfileInput, 'url'>): ProfileInput {
  return { name: 'Test node', auth: 'none', username: '', secret: '', headers: [], ...fields };
}

/** A loopback server of the test's own, answering every request with `respond`. */
async function serve(
  respond: (req: IncomingMessage, res: ServerResponse) => void,
  tls?: { key: string; cert: string },
): Promise<Server> {
  const server = tls ? createTlsServer(tls, respond) : createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const urlOf = (server: Server, scheme = 'http') => `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;

// Remote profiles against a real Kubo with API.Authorizations, and against loopback servers that are not Kubo.
describe('remote nodes', () => {
  let kubo: TestKubo;
  let host: Host;
  let dataDir: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    kubo = await startKubo({
      authorizations: {
        bearer: { AuthSecret: `bearer:${TOKEN}`, AllowedPaths: ['/api/v0'] },
        basic: { AuthSecret: 'basic:alice:wonderland', AllowedPaths: ['/api/v0'] },
        lines: { AuthSecret: 'basic:bob:two\nlines\u0007', AllowedPaths: ['/api/v0'] },
      },
    });
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-remote-'));
    host = await startHost({
      dataDir,
      env: { offline: true, remoteApiUrl: null, dataDir },
      platform: createNodePlatform(),
    });
    await host.services.node.stop();
  });
  afterAll(async () => {
    await host.dispose();
    await kubo.stop();
    for (const server of servers) server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function call(channel: string, payload: unknown) {
    return host.dispatcher.dispatch(channel, payload, sink);
  }

  async function save(input: ProfileInput): Promise<Settings> {
    const result = await call('node.saveProfile', { profile: input });
    if (!result.ok) throw new Error(result.error.message);
    return result.data as Settings;
  }

  it('connects with a Bearer token, and the token never reaches settings or the renderer', async () => {
    const settings = await save(profile({ name: 'Bearer node', url: kubo.apiUrl, auth: 'bearer', secret: TOKEN }));
    const saved = settings.node.profiles.find((p) => p.name === 'Bearer node');
    expect(saved).toMatchObject({ url: kubo.apiUrl, auth: 'bearer', headerNames: [] });
    expect(JSON.stringify(settings)).not.toContain(TOKEN);
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).not.toContain(TOKEN);
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(TOKEN);

    const used = await call('node.use', { target: saved?.id });
    expect(used).toMatchObject({
      ok: true,
      data: { state: 'running', target: { kind: 'remote', name: 'Bearer node' } },
    });
    // The CLI would need the token too; the repo's config names the node's identity.
    const config = JSON.parse(await readFile(join(kubo.repoPath, 'config'), 'utf8')) as {
      Identity: { PeerID: string };
    };
    const peerId = config.Identity.PeerID;
    expect((await host.services.node.status()).info?.peerId).toBe(peerId);
    // Real work goes through with the stored token: an upload, streamed with the profile's headers.
    const data = new TextEncoder().encode('through the bearer profile');
    const options = { profile: 'node', pin: true, hidden: false, symlinks: 'preserve', pinServices: [] } as const;
    const queued = await call('uploads.enqueue', {
      folder: '/',
      sources: [{ kind: 'bytes', name: 'r.txt', data }],
      options,
    });
    const id = queued.ok ? (queued.data as { id: string }[])[0]?.id : undefined;
    await until('the upload to land', () =>
      host.services.uploads.list().some((i) => i.id === id && i.state !== 'queued' && i.state !== 'adding'),
    );
    const expected = await rpcClient(host.services.node, { Authorization: `Bearer ${TOKEN}` }).add(data, {
      onlyHash: true,
    });
    expect(host.services.uploads.list().find((i) => i.id === id)).toMatchObject({
      state: 'added',
      result: { cid: expected.cid.toString(), path: '/r.txt', size: data.byteLength },
    });
  });

  it('says the credentials were refused (403) for a wrong token, when testing and when switching', async () => {
    const check = await call('node.testConnection', {
      profile: profile({ url: kubo.apiUrl, auth: 'bearer', secret: 'wrong' }),
    });
    expect(check).toMatchObject({ ok: true, data: { ok: false, code: 'NODE_AUTH' } });
    expect(check.ok && JSON.stringify(check.data)).toMatch(/refused the credentials \(HTTP 403\)/);

    const settings = await save(profile({ name: 'Wrong token', url: kubo.apiUrl, auth: 'bearer', secret: 'wrong' }));
    const id = settings.node.profiles.find((p) => p.name === 'Wrong token')?.id;
    const used = await call('node.use', { target: id });
    expect(used).toMatchObject({ ok: true, data: { state: 'error', error: { code: 'NODE_AUTH' } } });
  });

  it('surfaces the node refusing an upload as it is', async () => {
    const file = join(tmpdir(), `cairn-refused-${process.pid}.txt`);
    await writeFile(file, 'x');
    const refused = addTree(
      createKuboClient({ url: kubo.apiUrl, headers: { Authorization: 'Bearer wrong' } }),
      [{ name: 'x.txt', path: file, type: 'file', size: 1 }],
      { params: {}, signal: new AbortController().signal, onBytes: () => undefined, onAdded: () => undefined },
    );
    try {
      await expect(refused).rejects.toMatchObject({
        code: 'NODE_ERROR',
        message: expect.stringMatching(/^The node refused the add \(HTTP 403\): Kubo RPC Access Denied/) as string,
      });
    } finally {
      await rm(file, { force: true });
    }
  });

  it('connects with Basic auth, and refuses a wrong password', async () => {
    const good = await call('node.testConnection', {
      profile: profile({ url: kubo.apiUrl, auth: 'basic', username: 'alice', secret: 'wonderland' }),
    });
    expect(good).toMatchObject({ ok: true, data: { ok: true, version: '0.43.1', warnings: [] } });
    const bad = await call('node.testConnection', {
      profile: profile({ url: kubo.apiUrl, auth: 'basic', username: 'alice', secret: 'looking-glass' }),
    });
    expect(bad).toMatchObject({ ok: true, data: { ok: false, code: 'NODE_AUTH' } });
  });

  it('sends a Basic password as typed, a line break included, and refuses a user name Basic auth cannot carry', async () => {
    // The password is sent base64-encoded: a line break or control character in it reaches the node.
    const lines = await call('node.testConnection', {
      profile: profile({ url: kubo.apiUrl, auth: 'basic', username: 'bob', secret: 'two\nlines\u0007' }),
    });
    expect(lines).toMatchObject({ ok: true, data: { ok: true } });
    const refused = (username: string) =>
      call('node.testConnection', { profile: profile({ url: kubo.apiUrl, auth: 'basic', username, secret: 'x' }) });
    expect(await refused('bob:two')).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: {
          field: 'profile.username',
          fieldWords:
            'a user name cannot hold “:”: Basic auth ends the user name at the first colon, and reads the rest as the password',
        },
      },
    });
    for (const [username, words] of [
      ['ali\u200Bce', /^a user name cannot hold ⟨U\+200B⟩, a zero-width space/],
      ['alice\n', /^a user name cannot hold ⟨U\+000A⟩, a control character/],
    ] as const) {
      expect(await refused(username)).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION',
          details: { field: 'profile.username', fieldWords: expect.stringMatching(words) as string },
        },
      });
    }
    const saved = await call('node.saveProfile', {
      profile: profile({ url: kubo.apiUrl, auth: 'basic', username: 'carol:x', secret: 'pw' }),
    });
    expect(saved).toMatchObject({ ok: false, error: { details: { field: 'profile.username' } } });
  });

  it('keeps a Basic user name stored before it was checked, sending it back unchanged', async () => {
    const stored = await save(profile({ url: kubo.apiUrl, auth: 'basic', username: 'alice', secret: 'wonderland' }));
    const id = stored.node.profiles.at(-1)?.id ?? '';
    await host.services.settings.change((settings) => ({
      ...settings,
      node: {
        ...settings.node,
        profiles: settings.node.profiles.map((kept) => (kept.id === id ? { ...kept, username: 'old:user' } : kept)),
      },
    }));
    const again = await save(profile({ id, url: kubo.apiUrl, auth: 'basic', username: 'old:user', secret: '' }));
    expect(again.node.profiles.find((kept) => kept.id === id)?.username).toBe('old:user');
    await call('node.removeProfile', { id });
  });

  it('accepts the RPC address as a multiaddr', async () => {
    const port = new URL(kubo.apiUrl).port;
    const check = await call('node.testConnection', {
      profile: profile({ url: `/ip4/127.0.0.1/tcp/${port}`, auth: 'bearer', secret: TOKEN }),
    });
    expect(check).toMatchObject({ ok: true, data: { ok: true } });
  });

  it('says where nothing answers', async () => {
    const closed = await serve(() => undefined);
    const url = urlOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    const check = await call('node.testConnection', { profile: profile({ url }) });
    expect(check).toMatchObject({
      ok: true,
      data: { ok: false, code: 'NODE_UNREACHABLE', message: `Nothing answers at ${new URL(url).host} (ECONNREFUSED).` },
    });
  });

  it('recognises a server that answers but is not a Kubo RPC', async () => {
    const gatewayLike = await serve((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>404 page not found</body></html>');
    });
    servers.push(gatewayLike);
    const check = await call('node.testConnection', { profile: profile({ url: urlOf(gatewayLike) }) });
    expect(check).toMatchObject({ ok: true, data: { ok: false, code: 'NOT_KUBO' } });
    expect(check.ok && JSON.stringify(check.data)).toContain('HTTP 404, text/html');
  });

  it('says a node whose answer stops partway was cut off, not that it is some other program', async () => {
    const cut = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"Version":"0.43.1","Comm', () => res.socket?.destroy());
    });
    servers.push(cut);
    const where = new URL(urlOf(cut)).host;
    const check = await call('node.testConnection', { profile: profile({ url: urlOf(cut) }) });
    expect(check).toMatchObject({
      ok: true,
      data: {
        ok: false,
        code: 'NODE_UNREACHABLE',
        message: expect.stringMatching(
          new RegExp(`^${where} began to answer but stopped partway \\(.+\\): check the connection`),
        ) as string,
      },
    });
  });

  it('refuses a Kubo older than 0.25, and warns about features of a Kubo older than 0.40', async () => {
    const kuboAt = async (version: string) => {
      const server = await serve((req, res) => {
        const body = req.url?.startsWith('/api/v0/id') ? { ID: '12D3KooWOld' } : { Version: version };
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      });
      servers.push(server);
      return urlOf(server);
    };
    const ancient = await call('node.testConnection', { profile: profile({ url: await kuboAt('0.20.0') }) });
    expect(ancient).toMatchObject({
      ok: true,
      data: { ok: false, code: 'KUBO_TOO_OLD', message: 'Kubo 0.20.0 is too old: Cairn needs 0.25.0 or newer.' },
    });
    const older = await call('node.testConnection', { profile: profile({ url: await kuboAt('0.30.1') }) });
    expect(older).toMatchObject({
      ok: true,
      data: {
        ok: true,
        version: '0.30.1',
        peerId: '12D3KooWOld',
        warnings: [{ kind: 'kubo-lacks', version: '0.30.1', needs: '0.40.0', feature: 'import-profiles' }],
      },
    });
  });

  it('reports a TLS failure as such', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-tls-'));
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    const tls = {
      key: await readFile(join(dir, 'key.pem'), 'utf8'),
      cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
    };
    const server = await serve((_req, res) => res.end('{}'), tls);
    servers.push(server);
    await rm(dir, { recursive: true, force: true });
    const check = await call('node.testConnection', { profile: profile({ url: urlOf(server, 'https') }) });
    expect(check).toMatchObject({ ok: true, data: { ok: false, code: 'NODE_TLS' } });
    expect(check.ok && JSON.stringify(check.data)).toContain('SELF_SIGNED');
  });

  it('removes a profile with its secrets, and falls back to the embedded node if it was in use', async () => {
    const settings = await save(
      profile({ name: 'To remove', url: kubo.apiUrl, auth: 'bearer', secret: 'remove-me-token' }),
    );
    const id = settings.node.profiles.find((p) => p.name === 'To remove')?.id ?? '';
    await call('node.use', { target: id });
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).toContain(`profile:${id}:credential`);
    const after = await call('node.removeProfile', { id });
    expect(after.ok && (after.data as Settings).node.active).toBe('embedded');
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(id);
    expect((await host.services.node.status()).target).toEqual({ kind: 'embedded' });
  });

  it('ends on the node chosen last when two switches overlap, in the settings and in use', async () => {
    const settings = await save(profile({ name: 'Overlapping', url: kubo.apiUrl, auth: 'bearer', secret: TOKEN }));
    const id = settings.node.profiles.find((p) => p.name === 'Overlapping')?.id ?? '';
    await call('node.use', { target: 'embedded' });
    for (const [first, last] of [
      [id, 'embedded'],
      ['embedded', id],
    ]) {
      await Promise.all([call('node.use', { target: first }), call('node.use', { target: last })]);
      expect(host.services.settings.get().node.active).toBe(last);
      const { target } = await host.services.node.status();
      expect(target.kind === 'remote' ? target.profileId : 'embedded').toBe(last);
    }
    await call('node.use', { target: 'embedded' });
  });

  it('sends custom headers from the keychain, and forgets the value of a header that is removed', async () => {
    const seen: (string | undefined)[] = [];
    const proxyLike = await serve((req, res) => {
      seen.push(req.headers['x-api-key'] as string | undefined);
      const body = req.url?.startsWith('/api/v0/id') ? { ID: '12D3KooWHeader' } : { Version: '0.43.1' };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
    servers.push(proxyLike);
    const headers = [{ name: 'X-Api-Key', value: 'header-secret-value' }];
    const settings = await save(profile({ name: 'Behind a proxy', url: urlOf(proxyLike), headers }));
    const id = settings.node.profiles.find((p) => p.name === 'Behind a proxy')?.id ?? '';
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain('header-secret-value');
    // Testing the saved profile with the value left empty uses the stored one.
    const check = await call('node.testConnection', {
      profile: profile({ id, url: urlOf(proxyLike), headers: [{ name: 'X-Api-Key', value: '' }] }),
    });
    expect(check).toMatchObject({ ok: true, data: { ok: true, peerId: '12D3KooWHeader' } });
    expect(seen.at(-1)).toBe('header-secret-value');
    await save(profile({ id, name: 'Behind a proxy', url: urlOf(proxyLike), headers: [] }));
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(`profile:${id}:header`);
  });

  it('refuses to save a Bearer profile without a token, or an invalid address', async () => {
    const noToken = await call('node.saveProfile', {
      profile: profile({ name: 'No token', url: kubo.apiUrl, auth: 'bearer' }),
    });
    expect(noToken).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Enter the token for No token.' },
    });
    const badUrl = await call('node.saveProfile', { profile: profile({ url: 'ftp://node.example' }) });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
