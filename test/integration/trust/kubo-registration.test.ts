import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/ipc/host';
import { caller } from '../../harness/call';
import { startEmbeddedHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startPinningService, type TestPinningService } from '../../harness/pinning-service';

// "Also in Kubo" gives the node in use its own copy of a pinning service's token. A remote node
// profile is an address the page can set, so the stored token never goes there: only a token typed
// for it does. The embedded node, Cairn's own, is given the stored one.
describe('registering a pinning service with Kubo', () => {
  let dataDir: string;
  let host: Host;
  let other: TestKubo;
  let service: TestPinningService;
  let api: ReturnType<typeof caller>;
  let serviceId: string;
  let profileId: string;
  const dispatch = (channel: string, payload: unknown) =>
    host.dispatcher.dispatch(channel, payload, { send: () => undefined });
  /** The other node's config file, where Kubo keeps registered services' tokens (its CLI refuses to show them). */
  const otherNodeConfig = () => readFile(join(other.repoPath, 'config'), 'utf8');

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-kubo-registration-'));
    [other, service] = await Promise.all([startKubo(), startPinningService()]);
    host = await startEmbeddedHost(join(dataDir, 'app'), join(dataDir, 'dialog'));
    api = caller(host.dispatcher);
    const withService = await api.call('pins.saveService', {
      service: { name: 'Stored', preset: 'custom', endpoint: service.endpoint, token: service.token },
    });
    serviceId = withService.pins.services[0]?.id ?? '';
    const withProfile = await api.call('node.saveProfile', {
      profile: { name: 'Other node', url: other.apiUrl, auth: 'none', username: '', secret: '', headers: [] },
    });
    profileId = withProfile.node.profiles[0]?.id ?? '';
  });
  afterAll(async () => {
    await host.dispose();
    await Promise.all([other.stop(), service.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('does not give a stored token to a remote node, and asks for it to be typed', async () => {
    expect((await api.call('node.use', { target: profileId })).state).toBe('running');
    const refused = await dispatch('pins.registerWithKubo', { id: serviceId, registered: true });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { problem: 'secret-missing', secret: 'access token', name: 'Stored' } },
    });
    expect(await otherNodeConfig()).not.toContain(service.token);
    expect(host.services.settings.get().pins.services[0]?.kuboName).toBeNull();
  });

  it('does not give it to a remote node when a registered service is edited either', async () => {
    await api.call('node.use', { target: 'embedded' });
    await api.call('pins.registerWithKubo', { id: serviceId, registered: true });
    await api.call('node.use', { target: profileId });
    // The same origin, another path: the stored token stays valid for it, and Kubo's copy must follow.
    const edited = await dispatch('pins.saveService', {
      service: { id: serviceId, name: 'Stored', preset: 'custom', endpoint: `${service.endpoint}/psa`, token: '' },
    });
    expect(edited).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { problem: 'secret-missing' } } });
    expect(await otherNodeConfig()).not.toContain(service.token);
    expect(host.services.settings.get().pins.services[0]?.endpoint).toBe(service.endpoint);
  });

  it('gives a remote node the token typed for it', async () => {
    const registered = await api.call('pins.registerWithKubo', {
      id: serviceId,
      registered: true,
      token: service.token,
    });
    const kuboName = registered.pins.services[0]?.kuboName ?? '';
    const config = JSON.parse(await otherNodeConfig()) as { Pinning: { RemoteServices: unknown } };
    expect(config.Pinning.RemoteServices).toMatchObject({
      [kuboName]: { API: { Endpoint: service.endpoint, Key: service.token } },
    });
  });
});
