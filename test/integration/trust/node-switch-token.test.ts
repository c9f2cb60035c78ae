import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/ipc/host';
import { caller } from '../../harness/call';
import { startFaultProxy, type FaultProxy } from '../../harness/fault-proxy';
import { startEmbeddedHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startPinningService, type TestPinningService } from '../../harness/pinning-service';
import { until } from '../../harness/until';

// The embedded node may be given a stored pinning token; a remote node (an address the page can set)
// may not. Which node that is must be the one the client really talks to: removing the remote profile
// in use names the embedded node in the settings before the remote connection is closed, and a page
// whose remote node keeps the restart waiting has all the time it wants in between.
describe('a stored token while the node in use changes', () => {
  let dataDir: string;
  let host: Host;
  let remote: TestKubo;
  let proxy: FaultProxy;
  let service: TestPinningService;
  let api: ReturnType<typeof caller>;
  const dispatch = (channel: string, payload: unknown) =>
    host.dispatcher.dispatch(channel, payload, { send: () => undefined });
  /** Where the remote node keeps registered services' tokens. */
  const remoteConfig = () => readFile(join(remote.repoPath, 'config'), 'utf8');

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-node-switch-token-'));
    [remote, service] = await Promise.all([startKubo(), startPinningService()]);
    proxy = await startFaultProxy(remote.apiUrl);
    host = await startEmbeddedHost(join(dataDir, 'app'), join(dataDir, 'dialog'));
    api = caller(host.dispatcher);
  });
  afterAll(async () => {
    await host.dispose();
    await proxy.stop();
    await Promise.all([remote.stop(), service.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is not given to a remote node still connected after its profile was removed', async () => {
    const withService = await api.call('pins.saveService', {
      service: { name: 'Stored', preset: 'custom', endpoint: service.endpoint, token: service.token },
    });
    const serviceId = withService.pins.services[0]?.id ?? '';
    const withProfile = await api.call('node.saveProfile', {
      profile: { name: 'Page’s node', url: proxy.url, auth: 'none', username: '', secret: '', headers: [] },
    });
    const profileId = withProfile.node.profiles[0]?.id ?? '';
    expect((await api.call('node.use', { target: profileId })).state).toBe('running');

    // The remote node answers the restart's connection check, then keeps its status answer back.
    const statusHeld = proxy.hold('/api/v0/repo/stat');
    const restarting = dispatch('node.restart', {});
    await statusHeld;
    const removing = dispatch('node.removeProfile', { id: profileId });
    await until('the settings name the embedded node', () => host.services.settings.get().node.active === 'embedded');

    const registered = await dispatch('pins.registerWithKubo', { id: serviceId, registered: true });
    // Ends the held answer, so that the restart and the removal finish.
    await proxy.stop();
    await Promise.all([restarting, removing]);

    expect(await remoteConfig()).not.toContain(service.token);
    expect(registered).toMatchObject({ ok: false, error: { details: { problem: 'secret-missing' } } });
  });
});
