import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PinRequest } from '../../../shared/ipc/contract';
import { psaBackend } from '../../../electron/services/pins/pin-backends';
import { createPsaClient } from '../../../electron/services/pins/psa-client';
import { someCids } from '../../harness/cids';
import type { Fault } from '../../harness/fault-proxy';
import { startPinServiceRig, type PinServiceRig } from '../../harness/pin-service-rig';
import { until } from '../../harness/until';

// A young request is checked every 50 ms, and backs off from there.
const POLL_SCALE = 0.01;

/**
 * Requests that change what a service holds, each answered wrongly by a fault proxy in front of the
 * real peer: the request stays in view with a specific error, a retry works, and an answer lost
 * after the service acted never makes a second pin.
 */
describe('remote pin requests that change state, under faults (real peer behind a fault proxy)', () => {
  let rig: PinServiceRig;

  const requestOf = (id: string): PinRequest => {
    const found = rig.host.services.pins.requests().find((request) => request.id === id);
    if (!found) throw new Error(`request ${id} is not tracked`);
    return found;
  };
  /** Every error code each request showed, however briefly (a transient one lasts until the next check). */
  const shown = new Map<string, Set<string>>();
  const showed = (id: string, code: string) =>
    until(`request ${id} showing ${code}`, () => shown.get(id)?.has(code) === true);
  const tracked = (id: string) => rig.host.services.pins.requests().some((request) => request.id === id);
  const settled = (id: string, status: PinRequest['status']) =>
    until(`request ${id} ${status}`, () => requestOf(id).status === status);
  /** POST /pins that reached the service since `from` (a lost or replaced answer reached it too). */
  const postsSince = (from: number) =>
    rig.proxy.seen.slice(from).filter((seen) => seen.method === 'POST' && seen.path === '/pins' && reached(seen.fault))
      .length;
  const reached = (fault: string) => !['server-error', 'html-page', 'rate-limit', 'hang-up'].includes(fault);

  async function pin(seed: string): Promise<{ cid: string; id: string }> {
    const [cid = ''] = await someCids(1, seed);
    const [made] = await rig.api.call('pins.requestRemote', {
      cids: [cid],
      serviceIds: [rig.serviceId],
      name: `pinned-${seed}`,
    });
    return { cid, id: made?.id ?? '' };
  }

  beforeAll(async () => {
    rig = await startPinServiceRig('Faulty', POLL_SCALE);
    rig.host.services.pins.onRequestsChange((requests) => {
      for (const { id, problem, failure } of requests) {
        const codes = shown.get(id) ?? new Set<string>();
        for (const error of [problem, failure]) if (error) codes.add(error.code);
        shown.set(id, codes);
      }
    });
  });
  // A test that failed midway leaves no fault waiting for the next one.
  afterEach(() => rig.proxy.clear());
  afterAll(() => rig.stop());

  describe('adding a pin (POST /pins)', () => {
    const lostAfterStoring: { name: string; fault: Fault; code: string }[] = [
      {
        name: 'a connection reset after the service stored it',
        fault: { kind: 'lost-answer' },
        code: 'PIN_SERVICE_UNREACHABLE',
      },
      {
        name: 'malformed JSON after the service stored it',
        fault: { kind: 'answer-replaced', status: 200, contentType: 'application/json', body: '{"requestid": "req-' },
        code: 'NOT_PINNING_SERVICE',
      },
      {
        name: 'a 200 whose body is not a PinStatus, after the service stored it',
        fault: { kind: 'answer-replaced', status: 200, contentType: 'application/json', body: '{"ok":true}' },
        code: 'NOT_PINNING_SERVICE',
      },
    ];
    for (const { name, fault, code } of lostAfterStoring) {
      it(`${name}: shown with ${code}, retried, and pinned once`, async () => {
        const from = rig.proxy.seen.length;
        rig.proxy.inject(fault, 1, 'POST /pins');
        const { cid, id } = await pin(`lost ${name}`);
        await showed(id, code);
        expect(rig.service.pins().some((held) => held.pin.cid === cid)).toBe(true);
        if (requestOf(id).status === 'failed') await rig.api.call('pins.retryRequest', { id });
        await settled(id, 'pinned');
        expect(postsSince(from)).toBe(1);
        expect(requestOf(id).requestId).toBe(rig.service.pins().find((held) => held.pin.cid === cid)?.requestid);
      });
    }

    const refused: { name: string; fault: Fault; code: string; failed: boolean }[] = [
      { name: 'HTTP 500', fault: { kind: 'server-error', status: 500 }, code: 'PIN_SERVICE_DOWN', failed: false },
      { name: 'a 502 HTML page', fault: { kind: 'html-page', status: 502 }, code: 'PIN_SERVICE_DOWN', failed: false },
      { name: 'HTTP 401', fault: { kind: 'server-error', status: 401 }, code: 'PIN_SERVICE_AUTH', failed: true },
      { name: 'HTTP 403', fault: { kind: 'server-error', status: 403 }, code: 'PIN_SERVICE_AUTH', failed: true },
      { name: 'a connection reset before', fault: { kind: 'hang-up' }, code: 'PIN_SERVICE_UNREACHABLE', failed: false },
    ];
    for (const { name, fault, code, failed } of refused) {
      it(`${name}: shown with ${code}, ${failed ? 'failed until retried' : 'waiting'}, then pinned once`, async () => {
        const from = rig.proxy.seen.length;
        rig.proxy.inject(fault, 1_000, 'POST /pins');
        const { id } = await pin(`refused ${name}`);
        await until('the fault shown', () => (failed ? requestOf(id).failure : requestOf(id).problem)?.code === code);
        expect(requestOf(id)).toMatchObject({ status: failed ? 'failed' : 'queued', requestId: null });
        rig.proxy.clear();
        await rig.api.call('pins.retryRequest', { id });
        await settled(id, 'pinned');
        expect(requestOf(id)).toMatchObject({ problem: null, failure: null });
        expect(postsSince(from)).toBe(1);
      });
    }

    it('a 429 asking for 30 s: asked again no sooner than that, unless the user retries', async () => {
      rig.proxy.inject({ kind: 'rate-limit', retryAfter: '30' }, 1, 'POST /pins');
      const { id } = await pin('rate-limited-post');
      await until('rate limited shown', () => requestOf(id).problem?.code === 'PIN_SERVICE_RATE_LIMITED');
      expect(requestOf(id).nextCheckAt ?? 0).toBeGreaterThan(Date.now() + 25_000);
      await rig.api.call('pins.retryRequest', { id });
      await settled(id, 'pinned');
    });
  });

  // The app waits 20 s for an answer; the client is made here with a shorter wait, as the tracker drives it.
  it('a timeout after the service stored the pin: said with the wait, and asked again, the pin is adopted, not added twice', async () => {
    const backend = psaBackend(createPsaClient({ endpoint: rig.proxy.url, token: rig.service.token, timeoutMs: 300 }));
    const [cid = ''] = await someCids(1, 'timed out');
    const at = Date.now();
    const request: PinRequest = {
      ...{
        id: 'timed-out',
        cid,
        serviceId: rig.serviceId,
        name: 'pinned-timed-out',
        meta: {},
        origins: [],
        via: 'cairn',
      },
      ...{ status: 'queued', requestId: null, reason: null, failure: null, problem: null, stale: false },
      ...{ createdAt: at, updatedAt: at, nextCheckAt: at, errors: 0 },
    };
    const from = rig.proxy.seen.length;
    rig.proxy.inject({ kind: 'late-answer', ms: 600 }, 1, 'POST /pins');
    await expect(backend.submit(request)).rejects.toMatchObject({
      code: 'PIN_SERVICE_UNREACHABLE',
      details: { timeoutS: 0.3 },
      transient: true,
    });
    await until('the late add stored', () => rig.service.pins().some((held) => held.pin.cid === cid));
    const stored = rig.service.pins().find((held) => held.pin.cid === cid);
    await expect(backend.submit(request)).resolves.toMatchObject({ requestId: stored?.requestid });
    expect(postsSince(from)).toBe(1);
  });

  describe('removing a pin (DELETE /pins/{requestid})', () => {
    async function pinned(seed: string): Promise<{ cid: string; id: string }> {
      const made = await pin(seed);
      await settled(made.id, 'pinned');
      return made;
    }
    const held = (cid: string) => rig.service.pins().some((one) => one.pin.cid === cid);

    const failures: { name: string; fault: Fault; code: string }[] = [
      { name: 'HTTP 500 every time', fault: { kind: 'server-error', status: 500 }, code: 'PIN_SERVICE_DOWN' },
      { name: 'a 502 HTML page every time', fault: { kind: 'html-page', status: 502 }, code: 'PIN_SERVICE_DOWN' },
      { name: 'HTTP 401', fault: { kind: 'server-error', status: 401 }, code: 'PIN_SERVICE_AUTH' },
      { name: 'a 404 HTML page (not the API)', fault: { kind: 'html-page', status: 404 }, code: 'NOT_PINNING_SERVICE' },
      { name: 'a 200 HTML page (not the API)', fault: { kind: 'html-page', status: 200 }, code: 'NOT_PINNING_SERVICE' },
    ];
    for (const { name, fault, code } of failures) {
      it(`${name}: the request stays, with ${code}, and a retry removes it here and there`, async () => {
        const { cid, id } = await pinned(`remove ${name}`);
        rig.proxy.inject(fault, 1_000, 'DELETE /pins/*');
        await expect(rig.api.call('pins.removeRequest', { id, alsoOnService: true })).rejects.toMatchObject({
          error: { code },
        });
        expect(tracked(id)).toBe(true);
        expect(held(cid)).toBe(true);
        rig.proxy.clear();
        await rig.api.call('pins.removeRequest', { id, alsoOnService: true });
        expect(tracked(id)).toBe(false);
        expect(held(cid)).toBe(false);
      });
    }

    it('asked to remove twice at once, the service is asked once, and a refusal leaves the request followed', async () => {
      const { cid, id } = await pinned('remove twice');
      const from = rig.proxy.seen.length;
      rig.proxy.inject({ kind: 'server-error', status: 401 }, 1_000, 'DELETE /pins/*');
      const both = await Promise.allSettled(
        [1, 2].map(() => rig.api.call('pins.removeRequest', { id, alsoOnService: true })),
      );
      rig.proxy.clear();
      expect(both.map((one) => one.status)).toEqual(['rejected', 'rejected']);
      expect(rig.proxy.seen.slice(from).filter((seen) => seen.method === 'DELETE')).toHaveLength(1);
      // Still followed: checked again later, not forgotten with its next check cleared.
      expect(requestOf(id).nextCheckAt).not.toBeNull();
      expect(held(cid)).toBe(true);
    });

    it('an answer lost after the service removed it: the retry inside the call finds it gone, which is done', async () => {
      const { cid, id } = await pinned('remove-lost');
      rig.proxy.inject({ kind: 'lost-answer' }, 1, 'DELETE /pins/*');
      await rig.api.call('pins.removeRequest', { id, alsoOnService: true });
      expect(tracked(id)).toBe(false);
      expect(held(cid)).toBe(false);
    });

    it('a request whose add answer was lost, not adopted yet: removed, its pin goes from the service too', async () => {
      rig.proxy.inject({ kind: 'slow', ms: 0 }, 1, 'GET /pins');
      rig.proxy.inject({ kind: 'lost-answer' }, 1, 'POST /pins');
      // The lookup that would adopt the stored pin is told to wait a minute.
      rig.proxy.inject({ kind: 'rate-limit', retryAfter: '60' }, 1, 'GET /pins');
      const { cid, id } = await pin('remove-not-adopted');
      await showed(id, 'PIN_SERVICE_RATE_LIMITED');
      expect(requestOf(id).requestId).toBeNull();
      expect(held(cid)).toBe(true);
      await rig.api.call('pins.removeRequest', { id, alsoOnService: true });
      expect(tracked(id)).toBe(false);
      expect(held(cid)).toBe(false);
    });

    it('a request removed while its add is on the way: the removal waits for it, and no pin is left', async () => {
      const from = rig.proxy.seen.length;
      rig.proxy.inject({ kind: 'slow', ms: 1_000 }, 1, 'POST /pins');
      const { cid, id } = await pin('remove-in-flight');
      await until('the add on the way', () => rig.proxy.seen.slice(from).some((seen) => seen.method === 'POST'));
      await rig.api.call('pins.removeRequest', { id, alsoOnService: true });
      await rig.proxy.idle();
      expect(tracked(id)).toBe(false);
      expect(held(cid)).toBe(false);
    });

    it('removed from the remote pins list: a failure leaves the pin there, with the error', async () => {
      const { cid, id } = await pinned('remove-listed');
      const requestId = requestOf(id).requestId ?? '';
      rig.proxy.inject({ kind: 'html-page', status: 200 }, 1, 'DELETE /pins/*');
      await expect(rig.api.call('pins.removeRemote', { serviceId: rig.serviceId, requestId })).rejects.toMatchObject({
        error: { code: 'NOT_PINNING_SERVICE' },
      });
      expect(held(cid)).toBe(true);
      await rig.api.call('pins.removeRemote', { serviceId: rig.serviceId, requestId });
      expect(held(cid)).toBe(false);
    });

    it('removed from the remote pins list while the pin cannot be read first: it is removed, and its request says so', async () => {
      const { cid, id } = await pinned('remove-unread');
      const requestId = requestOf(id).requestId ?? '';
      rig.proxy.inject({ kind: 'html-page', status: 200 }, 1, 'GET /pins/*');
      await rig.api.call('pins.removeRemote', { serviceId: rig.serviceId, requestId });
      expect(held(cid)).toBe(false);
      expect(requestOf(id)).toMatchObject({ status: 'failed', failure: { code: 'PIN_REQUEST_GONE' } });
    });
  });

  describe('checking a pin (GET /pins, then GET /pins/{requestid})', () => {
    it('a 404 page that is not the API: the request is not taken as gone, and is followed again once it passes', async () => {
      const [cid = ''] = await someCids(1, 'check html 404');
      // Every listing leaves the request out, so it is asked for by id, and that answer is a proxy's page.
      const empty = '{"count":0,"results":[]}';
      rig.proxy.inject(
        { kind: 'answer-replaced', status: 200, contentType: 'application/json', body: empty },
        1_000,
        'GET /pins',
      );
      rig.proxy.inject({ kind: 'html-page', status: 404 }, 1_000, 'GET /pins/*');
      // The peer keeps a pin named queued-… queued: the tracker keeps checking it.
      const [made] = await rig.api.call('pins.requestRemote', {
        cids: [cid],
        serviceIds: [rig.serviceId],
        name: 'queued-check',
      });
      const id = made?.id ?? '';
      await showed(id, 'NOT_PINNING_SERVICE');
      expect(shown.get(id)?.has('PIN_REQUEST_GONE')).toBe(false);
      expect(requestOf(id).status).toBe('queued');
      rig.proxy.clear();
      await until('the request checked again without trouble', () => requestOf(id).problem === null);
      expect(requestOf(id)).toMatchObject({ status: 'queued', failure: null });
    });
  });

  describe('replacing a pin (POST /pins/{requestid})', () => {
    const pinsOf = (cid: string) => rig.service.pins().filter((one) => one.pin.cid === cid);
    async function pinnedOld(seed: string): Promise<{ requestId: string; newCid: string; oldCid: string }> {
      const { cid, id } = await pin(seed);
      await settled(id, 'pinned');
      const [newCid = ''] = await someCids(1, `${seed} new`);
      return { requestId: requestOf(id).requestId ?? '', newCid, oldCid: cid };
    }

    it('HTTP 500: refused with its code, the old pin kept; a retry replaces it', async () => {
      const { requestId, newCid, oldCid } = await pinnedOld('replace refused');
      rig.proxy.inject({ kind: 'server-error', status: 500 }, 1, 'POST /pins/*');
      const replace = () =>
        rig.api.call('pins.replaceRemote', { serviceId: rig.serviceId, requestId, cid: newCid, name: 'pinned-v2' });
      await expect(replace()).rejects.toMatchObject({ error: { code: 'PIN_SERVICE_DOWN' } });
      expect(pinsOf(oldCid)).toHaveLength(1);
      await expect(replace()).resolves.toMatchObject({ cid: newCid, name: 'pinned-v2' });
      expect([pinsOf(oldCid).length, pinsOf(newCid).length]).toEqual([0, 1]);
    });

    it('an answer lost after the service replaced it: the retry gives the new pin, not “no such pin”', async () => {
      const { requestId, newCid, oldCid } = await pinnedOld('replace lost');
      rig.proxy.inject({ kind: 'lost-answer' }, 1, 'POST /pins/*');
      const replace = () =>
        rig.api.call('pins.replaceRemote', { serviceId: rig.serviceId, requestId, cid: newCid, name: 'pinned-v2' });
      await expect(replace()).rejects.toMatchObject({ error: { code: 'PIN_SERVICE_UNREACHABLE' } });
      expect([pinsOf(oldCid).length, pinsOf(newCid).length]).toEqual([0, 1]);
      const replaced = await replace();
      expect(replaced).toMatchObject({ cid: newCid, name: 'pinned-v2', requestId: pinsOf(newCid)[0]?.requestid });
      expect(pinsOf(newCid)).toHaveLength(1);
    });
  });
});
