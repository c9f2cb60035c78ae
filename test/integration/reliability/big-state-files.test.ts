import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../../harness/call';
import { startTestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { until } from '../../harness/until';
import { storedPinRequest } from '../../harness/stored-pin-request';

// State files that are large but whole: every entry reads, so nothing is set aside, and the app
// must still start and work through them.
describe('a pin-requests.json of 150,000 requests waiting (some 60 MB)', () => {
  let node: TestKubo;
  beforeAll(async () => {
    node = await startKubo();
  });
  afterAll(async () => {
    await node.stop();
  });

  it('starts, and settles every request of a service that is gone', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-big-state-'));
    const requests = Array.from({ length: 150_000 }, (_, index) =>
      storedPinRequest(`req-${index}`, 'service-gone', {
        name: `pin ${index} ${'x'.repeat(100)}`,
        requestId: `r${index}`,
      }),
    );

    const file = join(dataDir, 'pin-requests.json');
    await writeFile(file, JSON.stringify({ version: 2, requests }));
    expect((await stat(file)).size).toBeGreaterThan(50 * 2 ** 20);

    const host = await startTestHost(node, { dataDir });
    try {
      const { call } = caller(host.dispatcher);
      expect(host.services.store.problems()).toEqual([]);
      await until('every request settled', async () => {
        const listed = await call('pins.requests', {});
        return listed.length === requests.length && listed.every((request) => request.status === 'failed');
      });
    } finally {
      await host.stop();
    }
  });
});
