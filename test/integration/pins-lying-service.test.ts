import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinRequest } from '../../shared/ipc/contract';
import { someCids } from '../harness/cids';
import { startPinServiceRig, type PinServiceRig } from '../harness/pin-service-rig';
import { until } from '../harness/until';

// A young request is checked every 50 ms: a hundred times faster than in the app.
const POLL_SCALE = 0.01;

/**
 * A service that answers, but not the truth: what Cairn shows of a pin on it is only what the
 * service said of that pin's own CID.
 */
describe('a pinning service that answers other than asked: for another CID, or without end', () => {
  let rig: PinServiceRig;

  const requestOf = (id: string): PinRequest | undefined =>
    rig.host.services.pins.requests().find((request) => request.id === id);

  beforeAll(async () => {
    rig = await startPinServiceRig('Liar', POLL_SCALE);
  });
  afterAll(() => rig.stop());

  it('an add answered with another pin is not taken as this one, and removing the request leaves that pin alone', async () => {
    const [asked = '', other = ''] = await someCids(2, 'answered-for-another');
    // The user's other pin on the service, pinned; the add for `asked` is answered with its status.
    const theirs = {
      requestid: 'someone-elses',
      status: 'pinned' as const,
      created: new Date().toISOString(),
      pin: { cid: other, name: 'keep me' },
      delegates: [],
    };
    rig.service.edit((pins) => [...pins, theirs]);
    rig.proxy.inject(
      { kind: 'answer-replaced', status: 202, contentType: 'application/json', body: JSON.stringify(theirs) },
      1,
      'POST /pins',
    );
    const [made] = await rig.api.call('pins.requestRemote', {
      cids: [asked],
      serviceIds: [rig.serviceId],
      name: 'mine',
    });
    const id = made?.id ?? '';
    await until(
      'the answer to be judged',
      () => requestOf(id)?.status !== 'queued' || requestOf(id)?.requestId !== null,
    );
    expect(requestOf(id)).toMatchObject({
      status: 'failed',
      requestId: null,
      failure: { code: 'PIN_SERVICE_WRONG_PIN', details: { asked, answered: other } },
    });
    expect((await rig.api.call('keep.status', { cid: asked })).remote).toMatchObject([{ status: 'failed' }]);

    await rig.api.call('pins.removeRequest', { id, alsoOnService: true });
    expect(rig.service.pins().find((pin) => pin.pin.cid === other)).toMatchObject({ requestid: 'someone-elses' });
  });

  /** Answers every request with `status` and a JSON list that never closes, 64 MiB at most in case Cairn reads on. */
  async function flooding(
    status: number,
  ): Promise<{ endpoint: string; written: () => number; stop: () => Promise<void> }> {
    let written = 0;
    const entry = Buffer.from(`${JSON.stringify({ requestid: 'x'.repeat(900), status: 'pinned' })},`);
    const server: Server = createServer((req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.write('{"count":1,"results":[');
      const more = () => {
        while (written < 64 * 1024 * 1024 && !res.destroyed) {
          written += entry.length;
          if (!res.write(entry)) return;
        }
        res.end();
      };
      res.on('drain', more);
      more();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      written: () => written,
      stop: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it.each([
    [200, 'NOT_PINNING_SERVICE', /more than 16 MiB/],
    [500, 'PIN_SERVICE_DOWN', /HTTP 500/],
  ])('an answer without end (HTTP %i) is cut off at a size no page of pins comes near', async (status, code, said) => {
    const flood = await flooding(status);
    try {
      const check = await rig.api.call('pins.testService', {
        service: { name: 'Flood', preset: 'custom', endpoint: flood.endpoint, token: 'the-token' },
      });
      expect(check).toMatchObject({ ok: false, code });
      if (!check.ok) expect(check.message).toMatch(said);
      expect(flood.written()).toBeLessThan(32 * 1024 * 1024);
    } finally {
      await flood.stop();
    }
  });

  it('a request id that later answers for another CID is not pinned for this one', async () => {
    const [asked = '', other = ''] = await someCids(2, 'request-id-reused');
    const [made] = await rig.api.call('pins.requestRemote', {
      cids: [asked],
      serviceIds: [rig.serviceId],
      name: 'mine',
    });
    const id = made?.id ?? '';
    await until('submitted', () => requestOf(id)?.requestId != null);
    rig.service.edit((pins) => pins.map((pin) => (pin.pin.cid === asked ? { ...pin, status: 'pinned' } : pin)));
    await until('pinned', () => requestOf(id)?.status === 'pinned');

    // The same request id now stands for other content, pinned; the asked CID is on the service no more.
    rig.service.edit((pins) =>
      pins.map((pin) => (pin.pin.cid === asked ? { ...pin, pin: { ...pin.pin, cid: other } } : pin)),
    );
    // Asked now, as when the user comes back, rather than in the hour a pinned request waits.
    await rig.api.call('pins.retryRequest', { id });
    await until('the change to be found', () => requestOf(id)?.status !== 'pinned');
    expect(requestOf(id)).toMatchObject({
      status: 'failed',
      failure: { code: 'PIN_SERVICE_WRONG_PIN', details: { asked, answered: other } },
    });

    await rig.api.call('pins.removeRequest', { id, alsoOnService: true });
    expect(rig.service.pins().some((pin) => pin.pin.cid === other)).toBe(true);
  });
});

describe('what a service answers an add, by Cairn’s path and by Kubo’s: delegates, an echoed token', () => {
  let rig: PinServiceRig;
  let delegate: NetServer;
  let dialed = 0;

  beforeAll(async () => {
    rig = await startPinServiceRig('Delegating', POLL_SCALE);
    delegate = createNetServer((socket) => {
      dialed += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => delegate.listen(0, '127.0.0.1', resolve));
    await rig.api.call('pins.registerWithKubo', { id: rig.serviceId, registered: true });
  });
  afterAll(async () => {
    await rig.stop();
    await new Promise((resolve) => delegate.close(resolve));
  });

  it('offline, the delegates it names are dialed neither by Cairn nor by Kubo', async () => {
    const address = `/ip4/127.0.0.1/tcp/${(delegate.address() as AddressInfo).port}/p2p/12D3KooWJELNdhBEWWqC3KruP312TWnrnSaC74T8PdEpCHJNDehD`;
    for (const via of ['cairn', 'kubo'] as const) {
      const cid = (await rig.node.client.add(`held here, asked ${via}\n`, { cidVersion: 1 })).cid.toString();
      const answer = { requestid: `delegating-${via}`, status: 'queued', created: new Date().toISOString() };
      rig.proxy.inject(
        {
          kind: 'answer-replaced',
          status: 202,
          contentType: 'application/json',
          body: JSON.stringify({ ...answer, pin: { cid, name: via }, delegates: [address] }),
        },
        1,
        'POST /pins',
      );
      const [made] = await rig.api.call('pins.requestRemote', {
        cids: [cid],
        serviceIds: [rig.serviceId],
        name: via,
        via,
      });
      // Kubo's add returns once it has tried the delegates: the request id comes after that.
      await until(`the ${via} request submitted`, () =>
        rig.host.services.pins.requests().some((request) => request.id === made?.id && request.requestId !== null),
      );
      // Nothing of this machine was offered to the service to dial back either.
      expect(rig.service.pins().find((pin) => pin.pin.cid === cid)?.pin).not.toHaveProperty('origins');
    }
    await rig.proxy.idle();
    // Both adds were answered with the delegate, and neither side dialed it.
    expect(rig.proxy.seen.filter((seen) => seen.fault === 'answer-replaced')).toHaveLength(2);
    expect(dialed).toBe(0);
  });

  it.each(['cairn', 'kubo'] as const)(
    'a refusal that echoes the token (via %s) reaches no request or view with it',
    async (via) => {
      const before = rig.proxy.seen.length;
      rig.proxy.inject(
        {
          kind: 'answer-replaced',
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { reason: 'UNAUTHORIZED', details: `token ${rig.service.token} was revoked` },
          }),
        },
        1,
        'POST /pins',
      );
      const cid = (await rig.node.client.add(`refused, asked ${via}\n`, { cidVersion: 1 })).cid.toString();
      const [made] = await rig.api.call('pins.requestRemote', {
        cids: [cid],
        serviceIds: [rig.serviceId],
        name: `refused-${via}`,
        via,
      });
      await until('the refusal to be recorded', () =>
        rig.host.services.pins.requests().some((request) => request.id === made?.id && request.status === 'failed'),
      );
      expect(rig.proxy.seen.slice(before).some((seen) => seen.fault === 'answer-replaced')).toBe(true);
      const shown = await rig.api.call('pins.requests', {});
      expect(JSON.stringify(shown)).not.toContain(rig.service.token);
      expect(JSON.stringify(await rig.api.call('keep.status', { cid }))).not.toContain(rig.service.token);
      expect(JSON.stringify(shown.find((request) => request.id === made?.id)?.failure)).toMatch(/UNAUTHORIZED/);
    },
  );
});
