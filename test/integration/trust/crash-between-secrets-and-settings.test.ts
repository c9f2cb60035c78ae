import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../../electron/bridge/node-platform';
import { rpcUrl, secretKey as secretKeyOf } from '../../../electron/services/node/remote';
import { tokenKey } from '../../../electron/services/pins/pin-services';
import { caller } from '../../harness/call';
import { startTestHost, type TestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';

// Nothing listens on port 9 of loopback: saving an entry never dials it.
const ENDPOINT = 'http://127.0.0.1:9';
const MOVED = 'http://127.0.0.1:10';

/**
 * An entry's secrets are written in secrets.json, then the entry in settings.json: a kill between
 * the two leaves the first written and not the second. What the disk holds at that instant is
 * copied aside and a second app started on it: every secret the settings on disk still name must
 * be there, for the address they name.
 */
describe('a kill between the secrets write and the settings write', () => {
  const keychainKey = randomBytes(32);
  let node: TestKubo;
  let host: TestHost;
  let api: ReturnType<typeof caller>;
  let serviceId = '';
  let profileId = '';
  const service = { name: 'Pins', preset: 'custom' as const, endpoint: `${ENDPOINT}/psa`, token: 'token-1' };
  const headers = [{ name: 'X-One', value: 'one-value' }];
  const profile = { name: 'Remote', url: ENDPOINT, auth: 'bearer' as const, username: '', secret: 'remote-1', headers };
  const platform = (dataDir: string) =>
    createNodePlatform({ dialogDir: join(dataDir, 'exports'), secretKey: keychainKey });

  beforeAll(async () => {
    node = await startKubo();
    const dataDir = await mkdtemp(join(tmpdir(), 'cairn-kill-between-'));
    host = await startTestHost(node, { dataDir, platform: platform(dataDir) });
    api = caller(host.dispatcher);
    serviceId = (await api.call('pins.saveService', { service })).pins.services[0]?.id ?? '';
    profileId = (await api.call('node.saveProfile', { profile })).node.profiles[0]?.id ?? '';
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  /** Runs `change`, copying the data folder's two files as they are when the settings write begins; starts an app on that copy. */
  async function killedBeforeSettings(change: () => Promise<unknown>): Promise<TestHost> {
    const crashed = await mkdtemp(join(tmpdir(), 'cairn-killed-'));
    const { settings } = host.services;
    const original = settings.change.bind(settings);
    settings.change = async (edit) => {
      for (const name of ['secrets.json', 'settings.json'])
        await copyFile(join(host.dataDir, name), join(crashed, name));
      return original(edit);
    };
    try {
      await change();
    } finally {
      settings.change = original;
    }
    return startTestHost(node, { dataDir: crashed, platform: platform(crashed) });
  }

  /** The token and profile secrets the settings on disk name, read as main reads them. */
  async function held(after: TestHost) {
    const { secrets, settings } = after.services;
    const saved = settings.get();
    const pins = saved.pins.services.find((one) => one.id === serviceId);
    const remote = saved.node.profiles.find((one) => one.id === profileId);
    const url = rpcUrl(remote?.url ?? ENDPOINT);
    return {
      token: pins ? await secrets.get(tokenKey(serviceId), pins.endpoint) : 'no service',
      credential: remote ? await secrets.get(secretKeyOf.credential(profileId), url) : 'no profile',
      header: remote ? await secrets.get(secretKeyOf.header(profileId, 'X-One'), url) : 'no profile',
    };
  }
  const before = { token: 'token-1', credential: 'remote-1', header: 'one-value' };

  const cases: [string, () => Promise<unknown>][] = [
    [
      'a service moved to another address',
      () =>
        api.call('pins.saveService', {
          service: { ...service, id: serviceId, endpoint: `${MOVED}/psa`, token: 'token-2' },
        }),
    ],
    ['a service removed', () => api.call('pins.removeService', { id: serviceId })],
    [
      'a profile moved to another address',
      () =>
        api.call('node.saveProfile', {
          profile: {
            ...profile,
            id: profileId,
            url: MOVED,
            secret: 'remote-2',
            headers: [{ name: 'X-One', value: 'v2' }],
          },
        }),
    ],
    [
      'a profile dropping its header and its auth',
      () =>
        api.call('node.saveProfile', { profile: { ...profile, id: profileId, auth: 'none', secret: '', headers: [] } }),
    ],
    ['a profile removed', () => api.call('node.removeProfile', { id: profileId })],
  ];
  for (const [what, change] of cases) {
    it(`${what}: the secrets the settings on disk name are all there`, async () => {
      const after = await killedBeforeSettings(change);
      try {
        expect(await held(after)).toEqual(before);
      } finally {
        await after.stop();
        // The next case starts from the entries as first saved (saved anew where removed).
        const saved = host.services.settings.get();
        const pinsId = saved.pins.services.some((one) => one.id === serviceId) ? { id: serviceId } : {};
        const remoteId = saved.node.profiles.some((one) => one.id === profileId) ? { id: profileId } : {};
        serviceId =
          (await api.call('pins.saveService', { service: { ...service, ...pinsId } })).pins.services[0]?.id ?? '';
        profileId =
          (await api.call('node.saveProfile', { profile: { ...profile, ...remoteId } })).node.profiles[0]?.id ?? '';
      }
    });
  }
});
