import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../harness/call';
import { startTestHost, type TestHost } from '../harness/host';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';
import { until } from '../harness/until';

// The seam between the two features: an upload made with pinning services chosen lands on the node
// and is then asked for on each service, tracked like any other pin request.
describe('uploads pinned to remote services', () => {
  let node: TestKubo;
  let peer: TestPinningService;
  let host: TestHost;

  beforeAll(async () => {
    [node, peer] = await Promise.all([startKubo(), startPinningService()]);
    host = await startTestHost(node, { pinPollScale: 0.02 });
  });
  afterAll(async () => {
    await host.stop();
    await Promise.all([node.stop(), peer.stop()]);
  });

  it('asks the chosen service for the uploaded CID once it is in Files, and follows it to pinned', async () => {
    const { call } = caller(host.dispatcher);
    const settings = await call('pins.saveService', {
      service: { name: 'Peer', preset: 'custom', endpoint: peer.endpoint, token: peer.token },
    });
    const serviceId = settings.pins.services[0]?.id ?? '';
    await call('settings.update', { uploads: { pinServices: [serviceId] } });
    const uploads = await call('uploads.enqueue', {
      folder: '/',
      sources: [{ kind: 'bytes', name: 'pinned-everywhere.txt', data: new TextEncoder().encode('keep me') }],
      options: (await call('settings.get', {})).uploads,
    });
    const id = uploads[0]?.id ?? '';
    await until('the upload to land', () =>
      host.services.uploads.list().some((i) => i.id === id && i.state === 'added'),
    );
    const cid = host.services.uploads.list().find((i) => i.id === id)?.result?.cid ?? '';

    // The mock peer pins at once what is named `pinned-…`.
    await until('the request to be pinned', () =>
      host.services.pins.requests().some((r) => r.cid === cid && r.serviceId === serviceId && r.status === 'pinned'),
    );
    expect(peer.pins().map((pin) => pin.pin.cid)).toContain(cid);
    expect(peer.pins().find((pin) => pin.pin.cid === cid)?.pin.name).toBe('pinned-everywhere.txt');
  });

  it('refuses an upload for a pinning service that does not exist, before anything is queued', async () => {
    const before = host.services.uploads.list().length;
    const refused = await host.dispatcher.dispatch(
      'uploads.enqueue',
      {
        folder: '/',
        sources: [{ kind: 'bytes', name: 'nowhere.txt', data: new TextEncoder().encode('no such service') }],
        options: { profile: 'node', pin: false, hidden: false, symlinks: 'preserve', pinServices: ['no-such-service'] },
      },
      { send: () => undefined },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(host.services.uploads.list()).toHaveLength(before);
  });
});
