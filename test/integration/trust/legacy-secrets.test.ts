import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../../electron/bridge/node-platform';
import { caller } from '../../harness/call';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startTestHost, type TestHost } from '../../harness/host';
import { startPinningService, type TestPinningService } from '../../harness/pinning-service';

// Secrets saved before they were bound to an endpoint are bound to their entry's endpoint on disk, not dropped.
describe('legacy secrets', () => {
  let node: TestKubo;
  let service: TestPinningService;
  let host: TestHost;
  const profile = { id: 'legacy-profile-1', token: 'legacy-profile-token', header: 'legacy-header-value' };
  const serviceId = 'legacy-service-1';

  beforeAll(async () => {
    [node, service] = await Promise.all([startKubo(), startPinningService()]);
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-legacy-'));
    await mkdir(dataDir, { recursive: true });
    const platform = createNodePlatform({ dialogDir: join(dataDir, 'exports'), secretKey: randomBytes(32) });
    const sealed = async (value: string) => Buffer.from(await platform.keychain.encrypt(value)).toString('base64');
    const apiPort = new URL(node.apiUrl).port;
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        version: 3,
        node: {
          profiles: [
            // A multiaddr, as the user may have typed it: its secrets bind to the URL Cairn dials.
            {
              id: profile.id,
              name: 'Old node',
              url: `/ip4/127.0.0.1/tcp/${apiPort}`,
              auth: 'bearer',
              username: '',
              headerNames: ['X-Legacy'],
            },
          ],
        },
        pins: {
          services: [
            { id: serviceId, name: 'Old service', preset: 'custom', endpoint: service.endpoint, kuboName: null },
          ],
        },
      }),
    );
    // Version 1, as Cairn wrote it before binding: `key` → the value sealed alone.
    await writeFile(
      join(dataDir, 'secrets.json'),
      JSON.stringify({
        version: 1,
        secrets: {
          [`profile:${profile.id}:credential`]: { sealed: await sealed(profile.token) },
          [`profile:${profile.id}:header:x-legacy`]: { sealed: await sealed(profile.header) },
          [`pinsvc:${serviceId}:token`]: { sealed: await sealed(service.token) },
          // Entries removed since: their secrets go (the version-1 file is kept aside).
          'pinsvc:removed-service-1:token': { sealed: await sealed('orphan-token') },
          'profile:removed-profile-1:credential': { sealed: await sealed('orphan-credential') },
        },
      }),
    );
    host = await startTestHost(node, { dataDir, platform });
  });
  afterAll(async () => {
    await host.stop();
    await Promise.all([service.stop(), node.stop()]);
  });

  it('binds each to the endpoint its entry has on disk, and drops those of entries that are gone', async () => {
    const onDisk = JSON.parse(await readFile(join(host.dataDir, 'secrets.json'), 'utf8')) as {
      version: number;
      secrets: Record<string, unknown>;
    };
    expect(onDisk.version).toBe(2);
    const apiOrigin = new URL(node.apiUrl).origin;
    expect(Object.keys(onDisk.secrets).sort()).toEqual(
      [
        `pinsvc:${serviceId}:token@${new URL(service.endpoint).origin}`,
        `profile:${profile.id}:credential@${apiOrigin}`,
        `profile:${profile.id}:header:x-legacy@${apiOrigin}`,
      ].sort(),
    );
    // What the upgrade left out is named, and the version-1 file kept aside.
    expect(host.services.store.problems()).toEqual([
      expect.objectContaining({ file: 'secrets.json', kept: 3, dropped: 2, aside: expect.any(String) as string }),
    ]);
    const { secrets } = host.services;
    expect(await secrets.get(`profile:${profile.id}:credential`, node.apiUrl)).toBe(profile.token);
    expect(await secrets.get(`profile:${profile.id}:header:x-legacy`, node.apiUrl)).toBe(profile.header);
    expect(await secrets.get(`profile:${profile.id}:credential`, 'http://127.0.0.1:9')).toBeNull();
  });

  it('keeps a saved service working: its token is sent to its own endpoint', async () => {
    const { call } = caller(host.dispatcher);
    const check = await call('pins.testService', {
      service: { id: serviceId, name: 'Old service', preset: 'custom', endpoint: service.endpoint, token: '' },
    });
    expect(check).toEqual({ ok: true, pinCount: 0 });
  });
});
