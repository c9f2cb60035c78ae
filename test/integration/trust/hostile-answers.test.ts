import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../../electron/bridge/node-platform';
import { startHost, type Host } from '../../../electron/ipc/host';
import { caller } from '../../harness/call';
import { startKubo, type TestKubo } from '../../harness/kubo';

const TOKEN = 'redirect-bearer-token-4b1e';
const HEADER_VALUE = 'redirect-header-secret-93c0';
const SERVICE_TOKEN = 'echoed-service-token-61fa';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// What a remote node or pinning service answers (a misconfigured proxy, a hostile server on the
// path) never moves a stored secret: a redirect elsewhere is not followed with it, and one echoed in
// an error does not reach the page.
describe('hostile answers from a remote node or a pinning service', () => {
  let kubo: TestKubo;
  let host: Host;
  let dataDir: string;
  let front: Server;
  let elsewhere: Server;
  const seenElsewhere: IncomingHttpHeaders[] = [];
  /** Commands the front answers with a redirect to another origin instead of passing them on. */
  const redirected = new Set<string>();
  /** Commands the front answers with an error that echoes the request's credentials. */
  const echoed = new Set<string>();
  /** Commands the front answers with a success whose body is not JSON, the credentials in it. */
  const garbled = new Set<string>();
  /** Commands the front answers with a success whose Content-Type holds the credentials. */
  const mistyped = new Set<string>();

  beforeAll(async () => {
    kubo = await startKubo({
      authorizations: { cairn: { AuthSecret: `bearer:${TOKEN}`, AllowedPaths: ['/api/v0'] } },
    });
    elsewhere = createServer((req, res) => {
      seenElsewhere.push(req.headers);
      res.writeHead(404).end();
    });
    const elsewhereUrl = await listen(elsewhere);
    const upstream = new URL(kubo.apiUrl);
    // In front of the real node: passes every request on, except the commands named in `redirected`.
    front = createServer((req, res) => {
      const command = new URL(req.url ?? '/', 'http://front').pathname.replace('/api/v0/', '');
      if (echoed.has(command)) {
        const said = `refused: authorization=${req.headers.authorization ?? ''} key=${String(req.headers['x-api-key'])}`;
        res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Message: said }));
        return;
      }
      if (mistyped.has(command)) {
        const type = `text/plain; key=${String(req.headers['x-api-key'])}; auth="${req.headers.authorization ?? ''}"`;
        res.writeHead(200, { 'Content-Type': type }).end('not Kubo');
        return;
      }
      if (garbled.has(command)) {
        const key = String(req.headers['x-api-key']);
        const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(`{"Key": ${key}, "Token": ${bearer}}`);
        return;
      }
      if (redirected.has(command)) {
        res.writeHead(307, { Location: `${elsewhereUrl}${req.url ?? '/'}` }).end();
        return;
      }
      const onward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(onward);
    });
    const frontUrl = await listen(front);
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-redirects-'));
    host = await startHost({
      dataDir,
      env: { offline: true, remoteApiUrl: null, dataDir },
      platform: createNodePlatform(),
    });
    await host.services.node.stop();
    const { call } = caller(host.dispatcher);
    const settings = await call('node.saveProfile', {
      profile: {
        name: 'Fronted node',
        url: frontUrl,
        auth: 'bearer',
        username: '',
        secret: TOKEN,
        headers: [{ name: 'X-Api-Key', value: HEADER_VALUE }],
      },
    });
    expect((await call('node.use', { target: settings.node.profiles[0]?.id ?? '' })).state).toBe('running');
  });
  afterAll(async () => {
    await host.dispose();
    await Promise.all([close(front), close(elsewhere)]);
    await kubo.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends no credential or header value where a redirect points', async () => {
    for (const command of ['id', 'version', 'repo/stat', 'swarm/peers', 'stats/bw', 'files/stat']) {
      redirected.add(command);
    }
    const status = await host.services.node.status();
    expect(status.state).toBe('error');
    await host.services.node.stats();
    await host.dispatcher.dispatch('files.stat', { path: '/' }, { send: () => undefined });
    expect(JSON.stringify(seenElsewhere)).not.toContain(HEADER_VALUE);
    expect(JSON.stringify(seenElsewhere)).not.toContain(TOKEN);
    expect(seenElsewhere).toEqual([]);
  });

  it('gives the page no credential or header value a node echoed in its error', async () => {
    echoed.add('files/stat');
    const result = await host.dispatcher.dispatch('files.stat', { path: '/' }, { send: () => undefined });
    expect(result).toMatchObject({ ok: false, error: { code: 'NODE_ERROR' } });
    expect(JSON.stringify(result)).toMatch(/refused: authorization=/);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(JSON.stringify(result)).not.toContain(HEADER_VALUE);
  });

  it('gives the page no piece of a credential or header value echoed in an answer that is not JSON', async () => {
    // JSON.parse names where it stopped with the ten characters after it: here, the start of the secret.
    echoed.clear();
    garbled.add('files/stat');
    const result = await host.dispatcher.dispatch('files.stat', { path: '/' }, { send: () => undefined });
    garbled.delete('files/stat');
    expect(result).toMatchObject({ ok: false });
    const shown = JSON.stringify(result);
    expect(shown).not.toContain(HEADER_VALUE.slice(0, 8));
    expect(shown).not.toContain(TOKEN.slice(0, 8));
  });

  it('gives the page no credential or header value echoed in the type of an answer that is not Kubo', async () => {
    mistyped.add('version');
    const [profile] = host.services.settings.get().node.profiles;
    // "Test connection" of the saved profile, its secret and header value left empty: the stored ones.
    const tested = await caller(host.dispatcher).call('node.testConnection', {
      profile: {
        id: profile?.id ?? '',
        name: profile?.name ?? '',
        url: profile?.url ?? '',
        auth: 'bearer',
        username: '',
        secret: '',
        headers: [{ name: 'X-Api-Key', value: '' }],
      },
    });
    mistyped.delete('version');
    expect(tested).toMatchObject({ ok: false, code: 'NOT_KUBO', message: /text\/plain/ });
    expect(JSON.stringify(tested)).not.toContain(TOKEN);
    expect(JSON.stringify(tested)).not.toContain(HEADER_VALUE);
  });

  it('gives the page no token a pinning service echoed in the type of an answer that is not the API', async () => {
    const echoing = createServer((req, res) => {
      // A success and a refusal, each typed with what was sent.
      const status = req.url?.includes('limit=1') ? 200 : 400;
      res
        .writeHead(status, { 'Content-Type': `text/html; echo="${req.headers.authorization ?? ''}"` })
        .end('<p>hi</p>');
    });
    const endpoint = await listen(echoing);
    try {
      const { call } = caller(host.dispatcher);
      const service = { name: 'Typed', preset: 'custom' as const, endpoint, token: SERVICE_TOKEN };
      const saved = await call('pins.saveService', { service });
      const id = saved.pins.services.find((one) => one.name === 'Typed')?.id ?? '';
      const tested = await call('pins.testService', { service: { ...service, id, token: '' } });
      expect(tested).toMatchObject({ ok: false, code: 'NOT_PINNING_SERVICE', message: /text\/html/ });
      const listed = await host.dispatcher.dispatch('pins.listRemote', { serviceId: id }, { send: () => undefined });
      expect(listed).toMatchObject({ ok: false, error: { code: 'NOT_PINNING_SERVICE', message: /text\/html/ } });
      expect(JSON.stringify([tested, listed])).not.toContain(SERVICE_TOKEN);
    } finally {
      await close(echoing);
    }
  });

  it('gives the page no token a pinning service echoed in its error', async () => {
    const echoing = createServer((req, res) => {
      const details = `the token in ${req.headers.authorization ?? ''} is not valid`;
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { reason: 'UNAUTHORIZED', details } }));
    });
    const endpoint = await listen(echoing);
    try {
      const { call } = caller(host.dispatcher);
      const service = { name: 'Echoing', preset: 'custom' as const, endpoint, token: SERVICE_TOKEN };
      const saved = await call('pins.saveService', { service });
      const id = saved.pins.services.find((one) => one.name === 'Echoing')?.id ?? '';
      const tested = await call('pins.testService', { service: { ...service, id, token: '' } });
      expect(tested).toMatchObject({ ok: false, code: 'PIN_SERVICE_AUTH', message: /is not valid/ });
      const listed = await host.dispatcher.dispatch(
        'pins.listRemote',
        { serviceId: id, status: ['pinned'] },
        { send: () => undefined },
      );
      expect(listed).toMatchObject({ ok: false, error: { code: 'PIN_SERVICE_AUTH' } });
      expect(JSON.stringify([tested, listed])).not.toContain(SERVICE_TOKEN);
    } finally {
      await close(echoing);
    }
  });
});
