import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../../electron/bridge/node-platform';
import type { Host } from '../../../electron/ipc/host';
import { caller } from '../../harness/call';
import { someCids } from '../../harness/cids';
import { startTestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startPinningService, type TestPinningService } from '../../harness/pinning-service';
import { until } from '../../harness/until';

/**
 * A pinning service's token that cannot be read at the next start: secrets.json damaged (set
 * aside), or sealed by a keychain key this system no longer has. That is Cairn's side, not the
 * service's word on the pins: the requests keep their status, say why they wait, and go on once
 * the token is entered again, without a second pin at the service. The sealed token is never
 * overwritten by the failed read.
 */
describe('a pinning service token that cannot be read after a restart', () => {
  const POLL_SCALE = 0.001;
  let node: TestKubo;
  let service: TestPinningService;
  let dataDir: string;

  const start = (secretKey: Buffer) =>
    startTestHost(node, {
      dataDir,
      pinPollScale: POLL_SCALE,
      platform: createNodePlatform({ dialogDir: join(dataDir, 'exports'), secretKey }),
    });

  const requestOf = (host: Host, id: string) => host.services.pins.requests().find((one) => one.id === id);

  /** A service saved and a CID pinned there and followed, with the keychain key `secretKey`; the app then quits. */
  async function pinnedBefore(
    secretKey: Buffer,
  ): Promise<{ serviceId: string; requestId: string; remoteId: string | null; cid: string }> {
    const host = await start(secretKey);
    try {
      const { call } = caller(host.dispatcher);
      const settings = await call('pins.saveService', {
        service: { name: 'peer', preset: 'custom', endpoint: service.endpoint, token: service.token },
      });
      const serviceId = settings.pins.services[0]?.id ?? '';
      const [cid = ''] = await someCids(1, `unreadable-${randomBytes(4).toString('hex')}`);
      const [made] = await call('pins.requestRemote', { cids: [cid], serviceIds: [serviceId], name: 'kept-pin' });
      const requestId = made?.id ?? '';
      await until('submitted', () => requestOf(host, requestId)?.requestId != null);
      // The mock service never advances a status by itself.
      service.edit((pins) => pins.map((pin) => (pin.pin.cid === cid ? { ...pin, status: 'pinned' } : pin)));
      await until('pinned at the service', () =>
        host.services.pins.requests().some((one) => one.id === requestId && one.status === 'pinned'),
      );
      return { serviceId, requestId, remoteId: requestOf(host, requestId)?.requestId ?? null, cid };
    } finally {
      await host.dispose();
    }
  }

  /**
   * The token entered again, as the service's form sends it: the request is confirmed at the service
   * as the pin it already held (`remoteId`), not asked again as a second one.
   */
  async function confirmedOnceTokenBack(
    host: Host,
    before: { serviceId: string; requestId: string; remoteId: string | null },
  ): Promise<void> {
    await caller(host.dispatcher).call('pins.saveService', {
      service: {
        id: before.serviceId,
        name: 'peer',
        preset: 'custom',
        endpoint: service.endpoint,
        token: service.token,
      },
    });
    await until('confirmed with the token entered again', () => requestOf(host, before.requestId)?.stale === false);
    expect(requestOf(host, before.requestId)).toMatchObject({
      status: 'pinned',
      problem: null,
      requestId: before.remoteId,
    });
  }

  beforeAll(async () => {
    node = await startKubo();
    service = await startPinningService();
  });
  afterAll(async () => {
    await service.stop();
    await node.stop();
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-unreadable-secrets-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sealed by a keychain key that is gone: says so, keeps the sealed token and the pinned status, and pins once', async () => {
    const before = await pinnedBefore(randomBytes(32));
    const { requestId } = before;
    const sealed = await readFile(join(dataDir, 'secrets.json'), 'utf8');

    const host = await start(randomBytes(32));
    try {
      expect((await caller(host.dispatcher).call('node.status', {})).state).toBe('running');
      await until(
        'the unreadable token to be said',
        () => requestOf(host, requestId)?.problem != null || requestOf(host, requestId)?.failure != null,
      );
      expect(requestOf(host, requestId)).toMatchObject({
        status: 'pinned',
        failure: null,
        problem: { code: 'SECRET_UNREADABLE', details: { path: join(dataDir, 'secrets.json') } },
      });
      expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).toBe(sealed);

      await confirmedOnceTokenBack(host, before);
    } finally {
      await host.dispose();
    }
  }, 60_000);

  it('in a damaged secrets.json, set aside: the pinned request waits for the token, then pins once', async () => {
    const secretKey = randomBytes(32);
    const before = await pinnedBefore(secretKey);
    const { requestId } = before;
    await writeFile(join(dataDir, 'secrets.json'), '{"version":2,"secrets":{"pinsvc');

    const host = await start(secretKey);
    try {
      expect(host.services.store.problems()).toMatchObject([{ kind: 'unreadable', file: 'secrets.json' }]);
      await until(
        'the missing token to be said',
        () => requestOf(host, requestId)?.problem != null || requestOf(host, requestId)?.failure != null,
      );
      expect(requestOf(host, requestId)).toMatchObject({
        status: 'pinned',
        failure: null,
        problem: { code: 'PIN_SERVICE_AUTH' },
      });

      await confirmedOnceTokenBack(host, before);
    } finally {
      await host.dispose();
    }
  }, 60_000);
});
