import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPin, LocalPinBatch } from '../../shared/ipc/contract';
import { caller } from '../harness/call';
import { someCids } from '../harness/cids';
import { startTestHost, type TestHost } from '../harness/host';
import { startKubo, type TestKubo } from '../harness/kubo';
import { pinMany } from '../harness/many-pins';
import { startPinningService, type TestPinningService } from '../harness/pinning-service';
import { until } from '../harness/until';

describe('local pins on a real Kubo', () => {
  let node: TestKubo;
  let host: TestHost;
  let api: ReturnType<typeof caller>;
  let opCount = 0;

  const addText = async (text: string, pin = false) =>
    (await node.client.add(text, { pin, cidVersion: 1 })).cid.toString();

  async function listLocal(
    indirect = false,
    on: ReturnType<typeof caller> = api,
  ): Promise<{ pins: LocalPin[]; batches: number; count: number }> {
    const opId = `list-pins-${++opCount}`;
    const from = on.events.length;
    const { count } = await on.call('pins.listLocal', { opId, indirect });
    const batches = on.events
      .slice(from)
      .filter(({ event, payload }) => event === 'pins.localBatch' && (payload as LocalPinBatch).opId === opId)
      .map(({ payload }) => (payload as LocalPinBatch).pins);
    return { pins: batches.flat(), batches: batches.length, count };
  }

  beforeAll(async () => {
    node = await startKubo({ inMemory: true });
    host = await startTestHost(node);
    api = caller(host.dispatcher);
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  it('pins by CID, remembers when, lists it, and unpins it', async () => {
    const cid = await addText('pin me by cid\n');
    const before = Date.now();
    const pinned = await api.call('pins.addLocal', { ref: cid });
    expect(pinned).toMatchObject({ cid, type: 'recursive' });
    expect(pinned.pinnedAt).toBeGreaterThanOrEqual(before);
    expect(await node.ipfs('pin', 'ls', '--type=recursive', '-q')).toContain(cid);
    expect((await listLocal()).pins.find((pin) => pin.cid === cid)?.pinnedAt).toBe(pinned.pinnedAt);

    // Nothing else keeps it: the renderer warns on that answer.
    expect(await api.call('keep.status', { cid })).toMatchObject({ inFiles: false, mfsPath: null, remote: [] });
    await api.call('pins.removeLocal', { cid });
    expect(await node.ipfs('pin', 'ls', '--type=recursive', '-q')).not.toContain(cid);
    expect((await api.call('keep.status', { cid })).local).toBe('unprotected');
  });

  it('remembers when it pinned something across a restart of the app', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-pin-times-'));
    const cid = await addText('pinned before a restart\n');
    const first = await startTestHost(node, { dataDir });
    const pinned = await caller(first.dispatcher).call('pins.addLocal', { ref: cid });
    await first.dispose();
    const second = await startTestHost(node, { dataDir });
    try {
      const listed = await listLocal(false, caller(second.dispatcher));
      expect(listed.pins.find((pin) => pin.cid === cid)?.pinnedAt).toBe(pinned.pinnedAt);
    } finally {
      await second.stop();
    }
  });

  it('pins by /ipfs/ path inside a folder and by Files path, and names pins by pin name or Files path', async () => {
    const folder = (
      await node.client.add(
        { path: 'docs/readme.txt', content: 'inside\n' },
        { pin: false, cidVersion: 1, wrapWithDirectory: false },
      )
    ).cid.toString();
    const inside = await api.call('pins.addLocal', { ref: `/ipfs/${folder}/readme.txt` });
    expect(inside.cid).toBe(
      (await node.ipfs('resolve', '-r', `/ipfs/${folder}/readme.txt`)).trim().replace('/ipfs/', ''),
    );

    const inFiles = await addText('kept in files\n');
    await node.ipfs('files', 'mkdir', '-p', '/photos');
    await node.ipfs('files', 'cp', `/ipfs/${inFiles}`, '/photos/cat.txt');
    const byPath = await api.call('pins.addLocal', { ref: '/photos/cat.txt' });
    expect(byPath).toMatchObject({ cid: inFiles, name: '/photos/cat.txt' });

    const named = await addText('named pin\n');
    await node.ipfs('pin', 'add', '--name=my report', named);
    await api.call('keep.recheck', {});
    const { pins } = await listLocal();
    const from = api.events.length;
    expect(await api.call('pins.localNames', { opId: 'pin-names-1' })).toEqual({ count: 1 });
    expect(api.events.slice(from).map(({ payload }) => payload)).toEqual([
      { opId: 'pin-names-1', names: [{ cid: named, name: 'my report' }] },
    ]);
    expect(pins.find((pin) => pin.cid === inFiles)?.name).toBe('/photos/cat.txt');
    expect(await api.call('keep.status', { cid: inFiles })).toMatchObject({
      inFiles: true,
      mfsPath: '/photos/cat.txt',
      remote: [],
    });

    await expect(api.call('pins.addLocal', { ref: '/no/such/file' })).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    await expect(api.call('pins.addLocal', { ref: 'not a cid' })).rejects.toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });

  it('says how each CID is kept: pinned, inside a pin, by Files, by nothing (GC removes it), or absent', async () => {
    const dir = await node.client.add({ path: 'd/child.txt', content: 'child\n' }, { pin: true, cidVersion: 1 });
    const child = (await node.ipfs('resolve', '-r', `/ipfs/${dir.cid.toString()}/child.txt`))
      .trim()
      .replace('/ipfs/', '');
    const direct = await addText('direct\n');
    await node.ipfs('pin', 'add', '--recursive=false', direct);
    const filesOnly = await addText('only in files\n');
    await node.ipfs('files', 'cp', `/ipfs/${filesOnly}`, '/only.txt');
    const loose = await addText('loose\n');
    const [absent = ''] = await someCids(1, 'absent');

    await api.call('keep.recheck', {});
    const states = await Promise.all(
      [dir.cid.toString(), child, direct, filesOnly, loose, absent].map(
        async (cid) => (await api.call('keep.status', { cid })).local,
      ),
    );
    expect(states).toEqual(['recursive', 'indirect', 'direct', 'files', 'unprotected', 'absent']);
    const stat = JSON.parse(await node.ipfs('files', 'stat', '--enc=json', `/ipfs/${dir.cid.toString()}`)) as {
      CumulativeSize: number;
    };
    expect(await api.call('pins.localSize', { cid: dir.cid.toString() })).toEqual({ size: stat.CumulativeSize });
    expect(await api.call('pins.localSize', { cid: absent })).toEqual({ size: null });

    const { pins: withIndirect } = await listLocal(true);
    expect(withIndirect.find((pin) => pin.cid === child)?.type).toBe('indirect');
    expect((await listLocal()).pins.some((pin) => pin.cid === child)).toBe(false);
  });

  it('lists 10,000 pins, streamed in several batches, the same set as `ipfs pin ls`', async () => {
    const cids = await pinMany(node, 10_000);
    const { pins, batches, count } = await listLocal();
    const cli = (await node.ipfs('pin', 'ls', '-q', '--type=recursive'))
      .concat(await node.ipfs('pin', 'ls', '-q', '--type=direct'))
      .split('\n')
      .filter(Boolean);
    expect(count).toBe(pins.length);
    expect(new Set(pins.map((pin) => pin.cid))).toEqual(new Set(cli));
    expect(cids.every((cid) => pins.some((pin) => pin.cid === cid))).toBe(true);
    expect(batches).toBeGreaterThan(1);
  }, 60_000);
});

describe("Kubo's own pin remote, with the services registered there", () => {
  let node: TestKubo;
  let host: TestHost;
  let service: TestPinningService;
  let api: ReturnType<typeof caller>;

  beforeAll(async () => {
    node = await startKubo();
    service = await startPinningService();
    host = await startTestHost(node, { pinPollScale: 0.01 });
    api = caller(host.dispatcher);
  });
  afterAll(async () => {
    await host.stop();
    await service.stop();
    await node.stop();
  });

  /** The services registered in Kubo's own config, as its CLI lists them. */
  async function servicesInKubo(): Promise<{ Service: string; ApiEndpoint: string }[]> {
    const listed = JSON.parse(await node.ipfs('pin', 'remote', 'service', 'ls', '--enc=json')) as {
      RemoteServices: { Service: string; ApiEndpoint: string }[];
    };
    return listed.RemoteServices;
  }

  it('registers a service with Kubo, pins through `pin remote add`, tracks it, removes it, unregisters', async () => {
    const saved = await api.call('pins.saveService', {
      service: { name: 'Mock', preset: 'custom', endpoint: service.endpoint, token: service.token },
    });
    const id = saved.pins.services[0]?.id ?? '';
    await expect(
      api.call('pins.requestRemote', {
        cids: (await someCids(1)).slice(0, 1),
        serviceIds: [id],
        name: 'x',
        via: 'kubo',
      }),
    ).rejects.toMatchObject({ error: { code: 'VALIDATION' } });

    const registered = await api.call('pins.registerWithKubo', { id, registered: true });
    const kuboName = registered.pins.services[0]?.kuboName ?? '';
    expect(kuboName).toMatch(/^cairn-Mock-/);
    expect(await servicesInKubo()).toEqual([{ Service: kuboName, ApiEndpoint: service.endpoint }]);

    const cid = (await node.client.add('through kubo\n', { cidVersion: 1 })).cid.toString();
    const [made] = await api.call('pins.requestRemote', {
      cids: [cid],
      serviceIds: [id],
      name: 'pinned-via-kubo',
      via: 'kubo',
    });
    expect(made?.via).toBe('kubo');
    await until('pinned through kubo', () => host.services.pins.requests()[0]?.status === 'pinned');
    expect(service.pins().map((pin) => [pin.pin.cid, pin.pin.name])).toEqual([[cid, 'pinned-via-kubo']]);

    await api.call('pins.removeRequest', { id: made?.id ?? '', alsoOnService: true });
    expect(service.pins()).toEqual([]);

    await api.call('pins.registerWithKubo', { id, registered: false });
    expect(await servicesInKubo()).toEqual([]);
  });

  it('a pin requested through Kubo and removed or replaced from the service list reads failed at once', async () => {
    const saved = await api.call('pins.saveService', {
      service: { name: 'Listed', preset: 'custom', endpoint: service.endpoint, token: service.token },
    });
    const id = saved.pins.services.find((stored) => stored.name === 'Listed')?.id ?? '';
    await api.call('pins.registerWithKubo', { id, registered: true });
    const [removedCid = '', replacedCid = '', newCid = ''] = await someCids(3, 'through kubo, then listed');
    const made = await api.call('pins.requestRemote', {
      cids: [removedCid, replacedCid],
      serviceIds: [id],
      name: 'pinned-listed',
      via: 'kubo',
    });
    const requestOf = (cid: string) => host.services.pins.requests().find((request) => request.cid === cid);
    await until('both pinned through kubo', () => made.every((request) => requestOf(request.cid)?.status === 'pinned'));
    // The service's own request ids, as Pins > On a service lists them: Kubo never gives them.
    const listed = await api.call('pins.listRemote', { serviceId: id, cids: [removedCid, replacedCid] });
    const onService = (cid: string) => listed.pins.find((pin) => pin.cid === cid)?.requestId ?? '';

    await api.call('pins.removeRemote', { serviceId: id, requestId: onService(removedCid) });
    await api.call('pins.replaceRemote', { serviceId: id, requestId: onService(replacedCid), cid: newCid });
    for (const cid of [removedCid, replacedCid]) {
      expect(requestOf(cid)).toMatchObject({ status: 'failed', failure: { code: 'PIN_REQUEST_GONE' } });
    }
    await api.call('pins.registerWithKubo', { id, registered: false });
  });

  it("gives Kubo a registered service's new address and token, and refuses the change while the node is stopped", async () => {
    const moved = await startPinningService();
    try {
      const saved = await api.call('pins.saveService', {
        service: { name: 'Moving', preset: 'custom', endpoint: service.endpoint, token: service.token },
      });
      const id = saved.pins.services.find((stored) => stored.name === 'Moving')?.id ?? '';
      const kuboName = (await api.call('pins.registerWithKubo', { id, registered: true })).pins.services.find(
        (stored) => stored.id === id,
      )?.kuboName;

      await api.call('pins.saveService', {
        service: { id, name: 'Moving', preset: 'custom', endpoint: moved.endpoint, token: moved.token },
      });
      expect(await servicesInKubo()).toEqual([{ Service: kuboName, ApiEndpoint: moved.endpoint }]);
      // Only the new token opens the new service: a pin through Kubo landing there proves Kubo has it.
      const cid = (await node.client.add('after the move\n', { cidVersion: 1 })).cid.toString();
      const [made] = await api.call('pins.requestRemote', {
        cids: [cid],
        serviceIds: [id],
        name: 'moved',
        via: 'kubo',
      });
      await until('sent to the new address', () => moved.pins().length > 0);
      expect(made?.via).toBe('kubo');
      expect(moved.pins().map((pin) => pin.pin.cid)).toEqual([cid]);

      await host.services.node.stop();
      await expect(
        api.call('pins.saveService', {
          service: { id, name: 'Moving', preset: 'custom', endpoint: service.endpoint, token: service.token },
        }),
      ).rejects.toMatchObject({ error: { code: 'NODE_UNAVAILABLE', message: /registered with Kubo/ } });
      const kept = host.services.settings.get().pins.services.find((stored) => stored.id === id);
      expect(kept?.endpoint).toBe(moved.endpoint);
    } finally {
      await moved.stop();
    }
  });
});
