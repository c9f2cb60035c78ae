import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinRequest, RemotePinPage } from '../../shared/ipc/contract';
import { caller } from '../harness/call';
import { someCids } from '../harness/cids';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { startTestHost, type TestHost } from '../harness/host';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startPinServiceRig, type PinServiceRig } from '../harness/pin-service-rig';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';
import { until } from '../harness/until';

// Polling a hundred times faster than in the app: a young request is checked every 50 ms.
const POLL_SCALE = 0.01;

describe('remote pinning through the Pinning Service API (real peer on loopback)', () => {
  let node: TestKubo;
  let host: TestHost;
  let first: TestPinningService;
  let second: TestPinningService;
  let proxy: FaultProxy;
  let api: ReturnType<typeof caller>;
  let firstId: string;
  let secondId: string;
  let proxiedId: string;

  const requestOf = (id: string): PinRequest => {
    const found = hostRequests().find((request) => request.id === id);
    if (!found) throw new Error(`request ${id} is not tracked`);
    return found;
  };
  const hostRequests = () => host.services.pins.requests();
  const settled = (id: string, status: PinRequest['status']) =>
    until(`request ${id} ${status}`, () => requestOf(id).status === status);

  async function addService(name: string, endpoint: string, token: string): Promise<string> {
    const settings = await api.call('pins.saveService', { service: { name, preset: 'custom', endpoint, token } });
    const saved = settings.pins.services.find((service) => service.name === name);
    if (!saved) throw new Error(`${name} was not saved`);
    return saved.id;
  }

  beforeAll(async () => {
    node = await startKubo();
    [first, second] = await Promise.all([startPinningService(), startPinningService()]);
    proxy = await startFaultProxy(second.endpoint);
    host = await startTestHost(node, { pinPollScale: POLL_SCALE });
    api = caller(host.dispatcher);
    firstId = await addService('First', first.endpoint, first.token);
    secondId = await addService('Second', second.endpoint, second.token);
    proxiedId = await addService('Second behind faults', proxy.url, second.token);
  });
  afterAll(async () => {
    await host.stop();
    await proxy.stop();
    await Promise.all([first.stop(), second.stop()]);
    await node.stop();
  });

  describe('adding and testing a service', () => {
    it('keeps the token in the keychain only: not in settings, not in what the renderer gets', async () => {
      const settings = await api.call('settings.get', {});
      expect(JSON.stringify(settings)).not.toContain(first.token);
      expect(await readFile(join(host.dataDir, 'settings.json'), 'utf8')).not.toContain(first.token);
      expect(await readFile(join(host.dataDir, 'secrets.json'), 'utf8')).not.toContain(first.token);
      expect(host.services.secrets.has(`pinsvc:${firstId}:token`, first.endpoint)).toBe(true);
    });

    it('tests OK with the pin count, keeping the stored token when the field is empty', async () => {
      const [cid = ''] = await someCids(1, 'count');
      first.edit((pins) => [
        ...pins,
        { requestid: 'seed-1', status: 'pinned', created: new Date().toISOString(), pin: { cid }, delegates: [] },
      ]);
      const check = await api.call('pins.testService', {
        service: { id: firstId, name: 'First', preset: 'custom', endpoint: first.endpoint, token: '' },
      });
      expect(check).toEqual({ ok: true, pinCount: first.pins().length });
      first.edit((pins) => pins.filter((pin) => pin.requestid !== 'seed-1'));
    });

    const test = (endpoint: string, token = 'the-token') =>
      api.call('pins.testService', { service: { name: 'x', preset: 'custom', endpoint, token } });

    it('says 401 for a bad token', async () => {
      const check = await test(first.endpoint, 'wrong');
      expect(check).toMatchObject({ ok: false, code: 'PIN_SERVICE_AUTH' });
      if (!check.ok) expect(check.message).toMatch(/refused the access token \(HTTP 401\)/);
    });

    it('says "not a pinning service" for a 404 and for an HTML page', async () => {
      expect(await test(`${first.endpoint}/not/the/api`, first.token)).toMatchObject({
        ok: false,
        code: 'NOT_PINNING_SERVICE',
      });
      proxy.inject({ kind: 'html-page', status: 200 });
      const html = await test(proxy.url, second.token);
      expect(html).toMatchObject({ ok: false, code: 'NOT_PINNING_SERVICE' });
      if (!html.ok) expect(html.message).toMatch(/text\/html/);
    });

    it('says unreachable when nothing listens, and TLS when TLS fails', async () => {
      const closed = await startPinningService();
      await closed.stop();
      expect(await test(closed.endpoint)).toMatchObject({ ok: false, code: 'PIN_SERVICE_UNREACHABLE' });
      // https to a plain-http port: the TLS handshake fails.
      expect(await test(first.endpoint.replace('http:', 'https:'))).toMatchObject({
        ok: false,
        code: 'PIN_SERVICE_TLS',
      });
    });

    it('says rate limited, with the wait asked for', async () => {
      proxy.inject({ kind: 'rate-limit', retryAfter: '30' });
      const check = await test(proxy.url, second.token);
      expect(check).toMatchObject({ ok: false, code: 'PIN_SERVICE_RATE_LIMITED' });
      if (!check.ok) expect(check.message).toMatch(/wait 30 s/);
    });

    it('refuses plain http off loopback, and an unknown service id', async () => {
      await expect(test('http://pins.example.com/psa')).rejects.toMatchObject({ error: { code: 'VALIDATION' } });
      await expect(
        api.call('pins.requestRemote', {
          cids: (await someCids(1)).slice(0, 1),
          serviceIds: ['no-such-service'],
          name: '',
        }),
      ).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } });
    });
  });

  describe('pin requests', () => {
    it('pins one CID to two services at once, with name and meta, and no origins offline', async () => {
      const [cid = ''] = await someCids(1, 'two');
      const made = await api.call('pins.requestRemote', {
        cids: [cid],
        serviceIds: [firstId, secondId],
        name: 'pinned-report.pdf',
        meta: { app: 'cairn' },
      });
      // The seam returns at once with both requests persisted as queued, before any service answered.
      expect(made.map((request) => [request.serviceId, request.status, request.requestId])).toEqual([
        [firstId, 'queued', null],
        [secondId, 'queued', null],
      ]);
      await Promise.all(made.map((request) => settled(request.id, 'pinned')));
      for (const service of [first, second]) {
        const pin = service.pins().find((candidate) => candidate.pin.cid === cid);
        expect(pin?.pin).toMatchObject({ cid, name: 'pinned-report.pdf', meta: { app: 'cairn' } });
        expect(pin?.pin).not.toHaveProperty('origins');
      }
      const status = await api.call('keep.status', { cid });
      expect(status.remote.map(({ serviceName, status: state }) => [serviceName, state])).toEqual([
        ['First', 'pinned'],
        ['Second', 'pinned'],
      ]);
    });

    it('follows queued -> pinning -> pinned as the service reports it', async () => {
      const [cid = ''] = await someCids(1, 'steps');
      const [made] = await api.call('pins.requestRemote', { cids: [cid], serviceIds: [firstId], name: 'slow-one' });
      const id = made?.id ?? '';
      await until('submitted', () => requestOf(id).requestId !== null);
      expect(requestOf(id).status).toBe('queued');
      const setStatus = (status: PinRequest['status'], info?: Record<string, string>) =>
        first.edit((pins) =>
          pins.map((pin) => (pin.pin.cid === cid ? { ...pin, status, ...(info ? { info } : {}) } : pin)),
        );
      setStatus('pinning');
      await settled(id, 'pinning');
      setStatus('pinned');
      await settled(id, 'pinned');
      // Asked again about an hour later (scaled here), in case it is removed there.
      expect(requestOf(id).nextCheckAt).toBe(requestOf(id).updatedAt + 60 * 60_000 * POLL_SCALE);
    });

    it('records a failure with the service reason, retries it anew, and removes it here and there', async () => {
      const [cid = ''] = await someCids(1, 'fails');
      const [made] = await api.call('pins.requestRemote', { cids: [cid], serviceIds: [firstId], name: 'will-fail' });
      const id = made?.id ?? '';
      await until('submitted', () => requestOf(id).requestId !== null);
      first.edit((pins) =>
        pins.map((pin) =>
          pin.pin.cid === cid ? { ...pin, status: 'failed', info: { status_details: 'no provider found' } } : pin,
        ),
      );
      await settled(id, 'failed');
      expect(requestOf(id).reason).toBe('no provider found');

      const retried = await api.call('pins.retryRequest', { id });
      // Asked anew from the start; by the time the answer comes back, the tracker may have submitted it
      // again already (and the service may give the same request id for the same CID), so its id is not
      // checked here: the service seeing it queued again is.
      expect(retried).toMatchObject({ status: 'queued', reason: null });
      await until('asked anew', () => first.pins().find((pin) => pin.pin.cid === cid)?.status === 'queued');
      await until('resubmitted', () => requestOf(id).requestId !== null);

      await api.call('pins.removeRequest', { id, alsoOnService: true });
      expect(hostRequests().some((request) => request.id === id)).toBe(false);
      expect(first.pins().some((pin) => pin.pin.cid === cid)).toBe(false);
    });

    it('adopts the pin a service already holds for the content under its other CID form, not pinning it twice', async () => {
      // A service that keeps (and filters by) CIDv1 for a CIDv0 asked: this request's pin, its answer lost.
      const v0 = (await node.client.add('held under CIDv1\n', { cidVersion: 0 })).cid.toString();
      const v1 = CID.parse(v0).toV1().toString();
      second.edit((pins) => [
        ...pins,
        {
          requestid: 'held-v1',
          status: 'pinned',
          created: new Date().toISOString(),
          pin: { cid: v1, name: 'held' },
          delegates: [],
        },
      ]);
      const [made] = await api.call('pins.requestRemote', { cids: [v0], serviceIds: [secondId], name: 'held' });
      await until('the request submitted', () => requestOf(made?.id ?? '').requestId !== null);
      expect(requestOf(made?.id ?? '')).toMatchObject({ requestId: 'held-v1', status: 'pinned' });
      expect(
        second
          .pins()
          .filter((pin) => pin.pin.name === 'held')
          .map((pin) => pin.requestid),
      ).toEqual(['held-v1']);
    });

    it('marks a name the service fails at once as failed', async () => {
      const [cid = ''] = await someCids(1, 'failed-at-once');
      const [made] = await api.call('pins.requestRemote', { cids: [cid], serviceIds: [firstId], name: 'failed-now' });
      await settled(made?.id ?? '', 'failed');
    });
  });

  describe('what the service does wrong', () => {
    const pinThroughProxy = async (seed: string) => {
      const [cid = ''] = await someCids(1, seed);
      const [made] = await api.call('pins.requestRemote', {
        cids: [cid],
        serviceIds: [proxiedId],
        name: `pinned-${seed}`,
      });
      return made?.id ?? '';
    };

    it('429 with Retry-After: waits at least that long, says so meanwhile, then goes on', async () => {
      const before = proxy.seen.length;
      proxy.inject({ kind: 'rate-limit', retryAfter: '2' }, 1);
      const id = await pinThroughProxy('rate');
      await settled(id, 'pinned');
      const seen = proxy.seen.slice(before);
      const limited = seen.findIndex((entry) => entry.fault === 'rate-limit');
      expect(limited).toBeGreaterThanOrEqual(0);
      const next = seen[limited + 1];
      expect(next && next.at - (seen[limited]?.at ?? 0)).toBeGreaterThanOrEqual(1900);
    });

    it('429 with a long Retry-After: the request shows rate limited and is not asked again before then', async () => {
      const before = proxy.seen.length;
      proxy.inject({ kind: 'rate-limit', retryAfter: '3' }, 1);
      proxy.inject({ kind: 'rate-limit', retryAfter: '30' }, 1);
      const id = await pinThroughProxy('rate-long');
      await until('rate limited shown', () => requestOf(id).problem?.code === 'PIN_SERVICE_RATE_LIMITED');
      expect(requestOf(id).status).toBe('queued');
      expect(requestOf(id).nextCheckAt ?? 0).toBeGreaterThan(Date.now() + 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(proxy.seen.length - before).toBe(2);
      // The user may ask now rather than wait.
      await api.call('pins.retryRequest', { id });
      await settled(id, 'pinned');
    });

    it('500: retried, and the pin lands', async () => {
      const before = proxy.seen.length;
      proxy.inject({ kind: 'server-error', status: 500 }, 2);
      const id = await pinThroughProxy('five-hundred');
      await settled(id, 'pinned');
      const seen = proxy.seen.slice(before).map((entry) => entry.fault);
      expect(seen.slice(0, 3)).toEqual(['server-error', 'server-error', 'passed']);
    });

    it('a slow answer is waited for', async () => {
      proxy.inject({ kind: 'slow', ms: 1500 }, 2);
      const id = await pinThroughProxy('slow');
      await settled(id, 'pinned');
    });

    it('an HTML error page (502) is a service in trouble, not a pin failure', async () => {
      proxy.inject({ kind: 'html-page', status: 502 }, 6);
      const id = await pinThroughProxy('html');
      await until('trouble shown', () => /HTML error page/.test(requestOf(id).problem?.message ?? ''));
      expect(requestOf(id).status).toBe('queued');
      await settled(id, 'pinned');
      expect(requestOf(id).problem).toBeNull();
    });

    it('a refusal on submit fails the request with its code and the service’s host, main’s words kept', async () => {
      proxy.inject({ kind: 'server-error', status: 501 }, 1);
      const id = await pinThroughProxy('refused');
      await settled(id, 'failed');
      expect(requestOf(id)).toMatchObject({
        reason: null,
        problem: null,
        failure: { code: 'PIN_SERVICE_DOWN', details: { service: new URL(proxy.url).host, status: 501 } },
      });
      expect(requestOf(id).failure?.message).toMatch(/HTTP 501/);
      // Asked again, it lands, and the failure is gone.
      await api.call('pins.retryRequest', { id });
      await settled(id, 'pinned');
      expect(requestOf(id).failure).toBeNull();
    });

    it('requests refused for a wrong token are sent again once the right token is saved', async () => {
      const wrong = await addService('Wrong token', first.endpoint, 'not the token');
      const cids = await someCids(2, 'wrong token');
      const made = await api.call('pins.requestRemote', { cids, serviceIds: [wrong], name: 'pinned-after-token' });
      const ids = made.map((request) => request.id);
      await Promise.all(ids.map((id) => settled(id, 'failed')));
      expect(ids.map((id) => requestOf(id).failure?.code)).toEqual(['PIN_SERVICE_AUTH', 'PIN_SERVICE_AUTH']);

      await api.call('pins.saveService', {
        service: { id: wrong, name: 'Wrong token', preset: 'custom', endpoint: first.endpoint, token: first.token },
      });
      // The refusal was about Cairn's settings, now changed, not about the pins: no Retry needed on each.
      await Promise.all(ids.map((id) => settled(id, 'pinned')));
      expect(ids.map((id) => requestOf(id).failure)).toEqual([null, null]);
      await api.call('pins.removeService', { id: wrong });
    });

    it('a service that answers shorter pages than asked: a request not on the page is asked by its id, not called gone', async () => {
      const cids = await someCids(3, 'short-pages');
      const made = await api.call('pins.requestRemote', { cids, serviceIds: [proxiedId], name: 'queued-short' });
      const ids = made.map((request) => request.id);
      await until('all submitted', () => ids.every((id) => requestOf(id).requestId !== null));
      const before = proxy.seen.length;
      proxy.inject({ kind: 'short-page', limit: 1 }, 10_000);
      await until(
        'several checks on short pages',
        () =>
          proxy.seen.slice(before).filter((seen) => seen.fault === 'short-page' && seen.path.startsWith('/pins?'))
            .length >= 3,
      );
      proxy.clear();
      expect(ids.map((id) => requestOf(id).status)).toEqual(['queued', 'queued', 'queued']);
      second.edit((pins) => pins.map((pin) => (cids.includes(pin.pin.cid) ? { ...pin, status: 'pinned' } : pin)));
      await Promise.all(ids.map((id) => settled(id, 'pinned')));
    });

    it('a service that is down: the request waits with a clear state, then lands when it is back', async () => {
      proxy.inject({ kind: 'hang-up' }, 6);
      const id = await pinThroughProxy('down');
      await until('down shown', () => requestOf(id).problem?.code === 'PIN_SERVICE_UNREACHABLE');
      expect(requestOf(id)).toMatchObject({ status: 'queued', requestId: null });
      expect(requestOf(id).errors).toBeGreaterThan(0);
      await settled(id, 'pinned');
    });
  });

  describe('remote pins list', () => {
    it('pages with the before cursor, filters by status, name and CID', async () => {
      const cids = await someCids(25, 'page');
      const base = Date.parse('2026-01-01T00:00:00Z');
      // The peer lists in insertion order; the API lists newest first, so the peer's list is reordered that way.
      second.edit((pins) =>
        [
          ...pins,
          ...cids.map((cid, i) => ({
            requestid: `page-${i}`,
            status: i % 5 === 0 ? ('failed' as const) : ('pinned' as const),
            created: new Date(base + i * 1000).toISOString(),
            pin: { cid, name: `page ${i}` },
            delegates: [],
          })),
        ].sort((a, b) => Date.parse(b.created) - Date.parse(a.created)),
      );
      const seen: string[] = [];
      let before: string | undefined;
      const pages: number[] = [];
      for (;;) {
        const page = await api.call('pins.listRemote', {
          serviceId: secondId,
          limit: 10,
          ...(before ? { before } : {}),
        });
        if (page.pins.length === 0) break;
        pages.push(page.pins.length);
        seen.push(...page.pins.map((pin) => pin.requestId));
        before = page.pins.at(-1)?.created;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => id.startsWith('page-'))).toHaveLength(25);
      expect(pages.length).toBeGreaterThan(2);

      const failed = await api.call('pins.listRemote', { serviceId: secondId, status: ['failed'], limit: 100 });
      expect(failed.pins.filter((pin) => pin.requestId.startsWith('page-'))).toHaveLength(5);
      const named = await api.call('pins.listRemote', { serviceId: secondId, name: 'page 7', match: 'exact' });
      expect(named.pins.map((pin) => pin.requestId)).toEqual(['page-7']);
      const byCid = await api.call('pins.listRemote', { serviceId: secondId, cids: [cids[3] ?? '', cids[4] ?? ''] });
      expect(byCid.pins.map((pin) => pin.requestId).sort()).toEqual(['page-3', 'page-4']);
    });

    it('pages through pins created at one instant across a page boundary, each pin once', async () => {
      const cids = await someCids(23, 'tie');
      // A bulk import: many requests created in the same millisecond, listed newest first as the API does.
      const instants = ['2025-06-01T00:00:03.000Z', '2025-06-01T00:00:02.000Z', '2025-06-01T00:00:01.000Z'];
      const created = (i: number) => instants[i < 3 ? 0 : i < 20 ? 1 : 2] ?? '';
      second.edit((pins) =>
        [
          ...pins.filter((pin) => !pin.requestid.startsWith('tie-')),
          ...cids.map((cid, i) => ({
            requestid: `tie-${String(i).padStart(2, '0')}`,
            status: 'pinned' as const,
            created: created(i),
            pin: { cid, name: `tie ${i}` },
            delegates: [],
          })),
        ].sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || a.requestid.localeCompare(b.requestid)),
      );
      const listed: string[] = [];
      let cursor: { before: string; seen: string[] } | null = { before: '2025-06-02T00:00:00.000Z', seen: [] };
      for (let pages = 0; cursor && pages < 20; pages++) {
        const page: RemotePinPage = await api.call('pins.listRemote', { serviceId: secondId, limit: 5, ...cursor });
        listed.push(...page.pins.map((pin) => pin.requestId));
        cursor = page.next;
      }
      expect(cursor).toBeNull();
      expect(listed.filter((id) => id.startsWith('tie-')).sort()).toEqual(
        cids.map((_, i) => `tie-${String(i).padStart(2, '0')}`),
      );
      expect(new Set(listed).size).toBe(listed.length);
    });

    it('replaces a pin (POST /pins/{requestid}) and removes one', async () => {
      const [oldCid = '', newCid = ''] = await someCids(2, 'replace');
      second.edit((pins) => [
        ...pins,
        {
          requestid: 'to-replace',
          status: 'pinned',
          created: new Date().toISOString(),
          pin: { cid: oldCid },
          delegates: [],
        },
      ]);
      const replaced = await api.call('pins.replaceRemote', {
        serviceId: secondId,
        requestId: 'to-replace',
        cid: newCid,
        name: 'pinned-v2',
      });
      expect(replaced).toMatchObject({ cid: newCid, name: 'pinned-v2', status: 'pinned' });
      expect(second.pins().some((pin) => pin.pin.cid === oldCid)).toBe(false);

      await api.call('pins.removeRemote', { serviceId: secondId, requestId: replaced.requestId });
      expect(second.pins().some((pin) => pin.pin.cid === newCid)).toBe(false);
    });

    it('a tracked pin removed or replaced from the service list reads failed at once in every view, with a retry', async () => {
      const [removedCid = '', replacedCid = '', newCid = ''] = await someCids(3, 'removed from the list');
      const made = await api.call('pins.requestRemote', {
        cids: [removedCid, replacedCid],
        serviceIds: [secondId],
        name: 'pinned-tracked',
      });
      const [removed = '', replaced = ''] = made.map((request) => request.id);
      await Promise.all(made.map((request) => settled(request.id, 'pinned')));
      const serviceIdOf = (id: string) => requestOf(id).requestId ?? '';

      await api.call('pins.removeRemote', { serviceId: secondId, requestId: serviceIdOf(removed) });
      await api.call('pins.replaceRemote', { serviceId: secondId, requestId: serviceIdOf(replaced), cid: newCid });
      // Not an hour later, when the pinned request is next asked about: the service answered the removal.
      for (const [id, cid] of [
        [removed, removedCid],
        [replaced, replacedCid],
      ] as const) {
        expect(requestOf(id)).toMatchObject({ status: 'failed', failure: { code: 'PIN_REQUEST_GONE' } });
        expect((await api.call('keep.status', { cid })).remote).toMatchObject([
          { serviceName: 'Second', status: 'failed' },
        ]);
      }
      await api.call('pins.retryRequest', { id: removed });
      await settled(removed, 'pinned');

      // Replaced by a pin of the same content (a new name): the request follows the new request id.
      const renamed = await api.call('pins.replaceRemote', {
        serviceId: secondId,
        requestId: serviceIdOf(removed),
        cid: removedCid,
        name: 'pinned-renamed',
      });
      expect(requestOf(removed)).toMatchObject({ status: 'pinned', requestId: renamed.requestId });
    });

    it('replaces a pin under its own name, whatever it holds, and refuses such a name typed for it', async () => {
      const [oldCid = '', newCid = ''] = await someCids(2, 'replace keeping');
      const own = 'pinned-invoice\u202Efdp.exe';
      second.edit((pins) => [
        ...pins,
        {
          requestid: 'keeps-name',
          status: 'pinned',
          created: new Date().toISOString(),
          pin: { cid: oldCid, name: own },
          delegates: [],
        },
      ]);
      const typed = { serviceId: secondId, requestId: 'keeps-name', cid: newCid, name: own };
      await expect(api.call('pins.replaceRemote', typed)).rejects.toMatchObject({
        error: { code: 'VALIDATION', details: { field: 'name' } },
      });
      const replaced = await api.call('pins.replaceRemote', {
        serviceId: secondId,
        requestId: 'keeps-name',
        cid: newCid,
      });
      expect(replaced).toMatchObject({ cid: newCid, name: own });
      expect(second.pins().find((pin) => pin.pin.cid === newCid)?.pin.name).toBe(own);
    });

    it('replaces a pin keeping its metadata and origins, and the metadata a replace gives instead', async () => {
      const [oldCid = '', newCid = '', thirdCid = ''] = await someCids(3, 'replace keeping meta');
      const origins = ['/dns4/origin.example/tcp/4001/p2p/12D3KooWQe4gUjFUHzDwV5fyQRvmUSwD8u6BwAd4fXUQdcLRGgqL'];
      second.edit((pins) => [
        ...pins,
        {
          requestid: 'keeps-meta',
          status: 'pinned',
          created: new Date().toISOString(),
          pin: { cid: oldCid, name: 'pinned-report', meta: { project: 'cairn', week: '49' }, origins },
          delegates: [],
        },
      ]);
      const replaced = await api.call('pins.replaceRemote', {
        serviceId: secondId,
        requestId: 'keeps-meta',
        cid: newCid,
      });
      expect(replaced).toMatchObject({ cid: newCid, name: 'pinned-report', meta: { project: 'cairn', week: '49' } });
      expect(second.pins().find((pin) => pin.pin.cid === newCid)?.pin).toEqual({
        cid: newCid,
        name: 'pinned-report',
        meta: { project: 'cairn', week: '49' },
        origins,
      });

      const changed = await api.call('pins.replaceRemote', {
        serviceId: secondId,
        requestId: replaced.requestId,
        cid: thirdCid,
        meta: {},
      });
      expect(changed).toMatchObject({ cid: thirdCid, name: 'pinned-report', meta: {} });
      expect(second.pins().find((pin) => pin.pin.cid === thirdCid)?.pin).toEqual({
        cid: thirdCid,
        name: 'pinned-report',
        origins,
      });
    });
  });
});

describe('pin requests survive a restart of the services', () => {
  it('a request made while the service was down is submitted after the restart and lands', async () => {
    const rig = await startPinServiceRig('Later', POLL_SCALE);
    try {
      rig.proxy.inject({ kind: 'hang-up' }, 1000);
      const [cid = ''] = await someCids(1, 'restart');
      const [made] = await rig.api.call('pins.requestRemote', {
        cids: [cid],
        serviceIds: [rig.serviceId],
        name: 'pinned-later',
      });
      await until('down noted', () => rig.host.services.pins.requests()[0]?.problem !== null);
      await rig.host.dispose();

      const stored = JSON.parse(await readFile(join(rig.host.dataDir, 'pin-requests.json'), 'utf8')) as {
        requests: PinRequest[];
      };
      expect(stored.requests).toMatchObject([{ id: made?.id, cid, status: 'queued', requestId: null }]);

      await rig.proxy.stop();
      // A fresh proxy, up this time, on a new port: the user edits the service to point at it, and
      // enters its token again (a saved one is only sent to the address it was saved with).
      const up = await startFaultProxy(rig.service.endpoint);
      await rig.reopen();
      expect((await rig.api.call('pins.requests', {})).map((request) => request.id)).toEqual([made?.id]);
      await rig.api.call('pins.saveService', {
        service: { id: rig.serviceId, name: 'Later', preset: 'custom', endpoint: up.url, token: rig.service.token },
      });
      await until('pinned after restart', () => rig.host.services.pins.requests()[0]?.status === 'pinned');
      expect(rig.service.pins().map((pin) => pin.pin.name)).toEqual(['pinned-later']);
      await up.stop();
    } finally {
      await rig.stop();
    }
  });
});

describe('a pin that landed is asked about again, and a restart makes no old answer a fact', () => {
  // A pinned request is asked about again every hour in the app: every 3.6 s here.
  const SCALE = 0.001;
  let rig: PinServiceRig;

  const requestOf = (id: string) => rig.host.services.pins.requests().find((request) => request.id === id);
  const remoteOf = async (cid: string) => (await rig.api.call('keep.status', { cid })).remote;
  async function pinned(seed: string): Promise<{ cid: string; id: string }> {
    const [cid = ''] = await someCids(1, seed);
    const [made] = await rig.api.call('pins.requestRemote', { cids: [cid], serviceIds: [rig.serviceId], name: seed });
    const id = made?.id ?? '';
    await until(`${seed} submitted`, () => requestOf(id)?.requestId != null);
    rig.service.edit((pins) => pins.map((pin) => (pin.pin.cid === cid ? { ...pin, status: 'pinned' } : pin)));
    await until(`${seed} pinned`, () => requestOf(id)?.status === 'pinned');
    return { cid, id };
  }

  beforeAll(async () => {
    rig = await startPinServiceRig('Elsewhere', SCALE);
  });
  afterAll(() => rig.stop());

  it('a pin removed on the service by someone else is shown failed in every view, and can be asked again', async () => {
    const { cid, id } = await pinned('removed-there');
    expect(await remoteOf(cid)).toMatchObject([{ status: 'pinned', stale: false }]);

    rig.service.edit((pins) => pins.filter((pin) => pin.pin.cid !== cid));
    await until('the removal to be found', () => requestOf(id)?.status === 'failed');
    expect(requestOf(id)?.failure?.code).toBe('PIN_REQUEST_GONE');
    expect(await remoteOf(cid)).toMatchObject([{ status: 'failed', failure: { code: 'PIN_REQUEST_GONE' } }]);

    await rig.api.call('pins.retryRequest', { id });
    await until('asked again', () => rig.service.pins().some((pin) => pin.pin.cid === cid));
  });

  it('after a restart a pinned status is marked not confirmed until the service says it again', async () => {
    const { cid, id } = await pinned('before-restart');
    await rig.host.dispose();
    // The token was revoked meanwhile: the service refuses every question.
    rig.proxy.inject({ kind: 'server-error', status: 401 }, 10_000);
    await rig.reopen();

    expect(requestOf(id)).toMatchObject({ status: 'pinned', stale: true });
    await until('the refusal to be shown', () => requestOf(id)?.problem?.code === 'PIN_SERVICE_AUTH');
    expect(requestOf(id)).toMatchObject({ status: 'pinned', stale: true });
    expect(await remoteOf(cid)).toMatchObject([
      { status: 'pinned', stale: true, problem: { code: 'PIN_SERVICE_AUTH' } },
    ]);

    rig.proxy.clear();
    await rig.api.call('pins.retryRequest', { id });
    await until('confirmed again', () => requestOf(id)?.stale === false);
    expect(requestOf(id)).toMatchObject({ status: 'pinned', problem: null });
    expect(await remoteOf(cid)).toMatchObject([{ status: 'pinned', stale: false, problem: null }]);
  });
});
