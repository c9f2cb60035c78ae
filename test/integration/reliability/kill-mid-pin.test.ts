import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAtExit } from '../../harness/at-exit';
import { startFaultProxy, type FaultProxy } from '../../harness/fault-proxy';
import { openHost, registerService, servicesProcess } from '../../harness/kill-rounds';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startPinningService, type TestPinningService } from '../../harness/pinning-service';
import { until } from '../../harness/until';

/**
 * The app killed with SIGKILL at the worst moment of a remote pin request: the service has stored
 * the pin, and its answer never reached the app. After the restart the request is still there, and
 * lands as the one pin the service already holds.
 */
describe('the services killed while a pinning service answers a pin request', () => {
  let node: TestKubo;
  let service: TestPinningService;
  let proxy: FaultProxy;
  let folder: string;

  beforeAll(async () => {
    node = await startKubo();
    service = await startPinningService();
    proxy = await startFaultProxy(service.endpoint);
    folder = await mkdtemp(join(tmpdir(), 'cairn-kill-mid-pin-'));
    removeAtExit(folder);
  });
  afterAll(async () => {
    await proxy.stop();
    await service.stop();
    await node.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('after the service stored the pin: the request survives the restart and is pinned once', async () => {
    const dataDir = join(folder, 'data');
    const secretKey = randomBytes(32);
    const serviceId = await registerService(node, dataDir, secretKey, proxy.url, service.token);
    const source = join(folder, 'pinned-killed.bin');
    await writeFile(source, randomBytes(64 * 1024));

    const stored = proxy.hold('POST /pins');
    const services = servicesProcess({
      dataDir,
      kuboApi: node.apiUrl,
      secretKey: secretKey.toString('hex'),
      uploads: [source],
      pinServices: [serviceId],
    });
    await stored;
    await services.kill();
    expect(service.pins().map((pin) => pin.pin.name)).toEqual(['pinned-killed.bin']);

    const host = await openHost(node, dataDir, secretKey);
    try {
      const requests = () => host.services.pins.requests();
      expect(requests()).toMatchObject([{ name: 'pinned-killed.bin', serviceId }]);
      await until('pinned after the restart', () => requests()[0]?.status === 'pinned');
      expect(requests()).toHaveLength(1);
      expect(requests()[0]?.requestId).toBe(service.pins()[0]?.requestid);
      const posts = proxy.seen.filter((seen) => seen.method === 'POST' && seen.path === '/pins');
      expect(posts).toHaveLength(1);
      expect(service.pins()).toHaveLength(1);
    } finally {
      await host.dispose();
    }
  }, 60_000);
});
