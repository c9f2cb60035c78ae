import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../../harness/call';
import { someCids } from '../../harness/cids';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startTestHost, type TestHost } from '../../harness/host';
import { startPinningService, type TestPinningService } from '../../harness/pinning-service';
import { until } from '../../harness/until';

/** A loopback server that answers nothing useful and records every request that reaches it. */
async function startRecorder(): Promise<{ url: string; seen: IncomingHttpHeaders[]; stop(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// A stored token is only ever sent to the endpoint it was saved with (scheme, host and port).
describe('secrets bound to their endpoint', () => {
  let node: TestKubo;
  let host: TestHost;
  let service: TestPinningService;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let api: ReturnType<typeof caller>;
  let serviceId: string;
  const dispatch = (channel: string, payload: unknown) =>
    host.dispatcher.dispatch(channel, payload, { send: () => undefined });

  beforeAll(async () => {
    node = await startKubo();
    [service, recorder] = await Promise.all([startPinningService(), startRecorder()]);
    host = await startTestHost(node, { pinPollScale: 0.01 });
    api = caller(host.dispatcher);
    const settings = await api.call('pins.saveService', {
      service: { name: 'Saved', preset: 'custom', endpoint: service.endpoint, token: service.token },
    });
    serviceId = settings.pins.services[0]?.id ?? '';
  });
  afterAll(async () => {
    await host.stop();
    await Promise.all([service.stop(), recorder.stop()]);
    await node.stop();
  });

  const savedService = (endpoint: string) => ({
    id: serviceId,
    name: 'Saved',
    preset: 'custom' as const,
    endpoint,
    token: '',
  });

  it('tests a saved pinning service with its token only at its own endpoint', async () => {
    expect(await api.call('pins.testService', { service: savedService(service.endpoint) })).toMatchObject({ ok: true });
    const aimed = await api.call('pins.testService', { service: savedService(recorder.url) });
    expect(aimed).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(recorder.seen).toEqual([]);
  });

  it('asks for the token again when a service moves, and keeps it where it was', async () => {
    const moved = await dispatch('pins.saveService', { service: savedService(recorder.url) });
    expect(moved).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!moved.ok && moved.error.message).toMatch(/again: its address changed/);
    expect(host.services.settings.get().pins.services[0]?.endpoint).toBe(service.endpoint);
    expect(recorder.seen).toEqual([]);
  });

  it('gives the tracker no token for an endpoint changed behind its back', async () => {
    const [cid = ''] = await someCids(1, 'bound');
    const [request] = await api.call('pins.requestRemote', {
      cids: [cid],
      serviceIds: [serviceId],
      name: 'pinning-bound',
    });
    await until('the pin to be requested at the saved endpoint, and followed there', () =>
      host.services.pins.requests().some((one) => one.id === request?.id && one.requestId !== null),
    );
    // As a settings file edited on disk would: the keychain layer still refuses the token elsewhere.
    await host.services.settings.change((current) => ({
      ...current,
      pins: { services: current.pins.services.map((one) => ({ ...one, endpoint: recorder.url })) },
    }));
    // No token is Cairn's side, not the service's word on the pin: the request keeps its status and waits.
    await until('the tracker to say it has no token for the moved service', () =>
      host.services.pins.requests().some((one) => one.id === request?.id && one.problem !== null),
    );
    const waiting = host.services.pins.requests().find((one) => one.id === request?.id);
    expect(waiting).toMatchObject({ failure: null, problem: { code: 'PIN_SERVICE_AUTH' } });
    expect(waiting?.status).not.toBe('failed');
    expect(waiting?.problem?.message).toMatch(/No access token is stored/);
    expect(recorder.seen.map((headers) => headers.authorization)).not.toContain(`Bearer ${service.token}`);
    expect(recorder.seen).toEqual([]);
  });

  it('sends a remote node profile’s token and header values only to its own address', async () => {
    const settings = await api.call('node.saveProfile', {
      profile: {
        name: 'Bound node',
        url: node.apiUrl,
        auth: 'bearer',
        username: '',
        secret: 'profile-token',
        headers: [{ name: 'X-Api-Key', value: 'header-secret' }],
      },
    });
    const id = settings.node.profiles.find((profile) => profile.name === 'Bound node')?.id ?? '';
    const aimed = {
      id,
      name: 'Bound node',
      url: recorder.url,
      auth: 'bearer' as const,
      username: '',
      secret: '',
      headers: [{ name: 'X-Api-Key', value: '' }],
    };
    const tested = await dispatch('node.testConnection', { profile: aimed });
    expect(tested).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const saved = await dispatch('node.saveProfile', { profile: aimed });
    expect(saved).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const headerOnly = await dispatch('node.testConnection', {
      profile: { ...aimed, auth: 'none', headers: [{ name: 'X-Api-Key', value: '' }] },
    });
    // No token asked for, so the test runs: without the stored header value.
    expect(headerOnly.ok).toBe(true);
    expect(recorder.seen.flatMap((headers) => [headers.authorization, headers['x-api-key']])).not.toContain(
      'header-secret',
    );
    expect(JSON.stringify(recorder.seen)).not.toContain('profile-token');
    expect(host.services.settings.get().node.profiles.find((profile) => profile.id === id)?.url).toBe(node.apiUrl);
  });
});
