import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recentProblems } from '../../../electron/services/log';
import { someCids } from '../../harness/cids';
import { startPinServiceRig, type PinServiceRig } from '../../harness/pin-service-rig';
import { until } from '../../harness/until';

/**
 * A pinning service's token goes to its own origin only: a redirect to another origin is not
 * followed, and what the service says back (errors, a failed pin's reason) reaches neither the
 * log nor the renderer with the token in it.
 */
describe('a pinning service token, under redirects and echoes (real peer behind a fault proxy)', () => {
  let rig: PinServiceRig;
  let elsewhere: Server;
  let location: string;
  const seenElsewhere: IncomingHttpHeaders[] = [];

  const requestOf = (id: string) => rig.host.services.pins.requests().find((request) => request.id === id);
  /** Everything the renderer is given about pin requests, and every warning logged. */
  const everythingShown = async () => JSON.stringify([await rig.api.call('pins.requests', {}), recentProblems()]);

  beforeAll(async () => {
    rig = await startPinServiceRig('Redirecting', 0.01);
    elsewhere = createServer((req, res) => {
      seenElsewhere.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    location = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/pins`;
  });
  afterEach(() => rig.proxy.clear());
  afterAll(async () => {
    await rig.stop();
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
  });

  for (const status of [301, 302, 303, 307, 308]) {
    it(`a pin request redirected (HTTP ${status}) to another origin: not followed, failed naming where, retryable`, async () => {
      rig.proxy.inject({ kind: 'redirect', status, location }, 1, 'POST /pins');
      const [cid = ''] = await someCids(1, `redirected ${status}`);
      const [made] = await rig.api.call('pins.requestRemote', {
        cids: [cid],
        serviceIds: [rig.serviceId],
        name: 'pinned-r',
      });
      const id = made?.id ?? '';
      await until('the redirect shown', () => requestOf(id)?.status === 'failed');
      expect(requestOf(id)?.failure).toMatchObject({ code: 'NOT_PINNING_SERVICE', details: { status, location } });
      expect(seenElsewhere).toEqual([]);
      await rig.api.call('pins.retryRequest', { id });
      await until('pinned on retry', () => requestOf(id)?.status === 'pinned');
      expect(await everythingShown()).not.toContain(rig.service.token);
    });
  }

  it('a redirect whose Location echoes the token: where it points is named without the token', async () => {
    // A service (or a proxy before it) may write what it was sent into where it sends the client next.
    const echoing = `${location}?access_token=${rig.service.token}&auth=${encodeURIComponent(`Bearer ${rig.service.token}`)}`;
    rig.proxy.inject({ kind: 'redirect', status: 302, location: echoing }, 2);
    const [cid = ''] = await someCids(1, 'redirect echoing the token');
    const [made] = await rig.api.call('pins.requestRemote', {
      cids: [cid],
      serviceIds: [rig.serviceId],
      name: 'pinned-echoed-redirect',
    });
    const id = made?.id ?? '';
    await until('the redirect shown', () => requestOf(id)?.status === 'failed');
    expect(requestOf(id)?.failure).toMatchObject({ code: 'NOT_PINNING_SERVICE', details: { status: 302 } });
    expect(requestOf(id)?.failure?.message).toContain(location);
    // "Test" with the saved token (the field left empty) answers the same redirect.
    const service = rig.host.services.settings.get().pins.services.find((one) => one.id === rig.serviceId);
    const tested = await rig.api.call('pins.testService', {
      service: {
        id: rig.serviceId,
        name: 'Redirecting',
        preset: 'custom',
        endpoint: service?.endpoint ?? '',
        token: '',
      },
    });
    expect(tested).toMatchObject({ ok: false, code: 'NOT_PINNING_SERVICE' });
    expect(seenElsewhere).toEqual([]);
    expect(JSON.stringify(tested)).not.toContain(rig.service.token);
    expect(await everythingShown()).not.toContain(rig.service.token);
  });

  it('a failed pin whose reason echoes the token: the reason reaches the renderer without it', async () => {
    const [cid = ''] = await someCids(1, 'echoed');
    const [made] = await rig.api.call('pins.requestRemote', {
      cids: [cid],
      serviceIds: [rig.serviceId],
      name: 'echoed',
    });
    const id = made?.id ?? '';
    await until('submitted', () => requestOf(id)?.requestId != null);
    rig.service.edit((pins) =>
      pins.map((pin) =>
        pin.pin.cid === cid
          ? { ...pin, status: 'failed', info: { status_details: `token ${rig.service.token} has no quota left` } }
          : pin,
      ),
    );
    await until('failed', () => requestOf(id)?.status === 'failed');
    expect(requestOf(id)?.reason).toMatch(/has no quota left/);
    expect(await everythingShown()).not.toContain(rig.service.token);
    const listed = await rig.api.call('pins.listRemote', { serviceId: rig.serviceId, cids: [cid] });
    expect(listed.pins[0]?.reason).toMatch(/has no quota left/);
    expect(JSON.stringify(listed)).not.toContain(rig.service.token);
  });
});
