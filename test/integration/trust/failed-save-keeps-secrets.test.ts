import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenKey } from '../../../electron/services/pins/pin-services';
import { rpcUrl, secretKey } from '../../../electron/services/node/remote';
import { caller, CallFailed } from '../../harness/call';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startTestHost, type TestHost } from '../../harness/host';

// Nothing listens on port 9 of loopback: saving an entry never dials it.
const ENDPOINT = 'http://127.0.0.1:9';

/**
 * A secret is written before the settings entry that owns it; when the settings cannot be written
 * (here settings.json was replaced by a folder, so its atomic rename fails), the change is refused
 * whole: every secret the entry held is still there, for the address the settings still name.
 */
describe('a settings write that fails keeps every secret as it was', () => {
  let node: TestKubo;
  let host: TestHost;
  let api: ReturnType<typeof caller>;
  let serviceId = '';
  let profileId = '';
  const settingsPath = () => join(host.dataDir, 'settings.json');
  const service = { name: 'Pins', preset: 'custom' as const, endpoint: `${ENDPOINT}/psa`, token: 'token-1' };
  const headers = [
    { name: 'X-One', value: 'one-value' },
    { name: 'X-Two', value: 'two-value' },
  ];
  const profile = { name: 'Remote', url: ENDPOINT, auth: 'bearer' as const, username: '', secret: 'remote-1', headers };

  /** Every secret the saved service and profile hold, read as main reads them, for the addresses the settings name. */
  async function heldSecrets(): Promise<Record<string, string | null>> {
    const { secrets, settings } = host.services;
    const saved = settings.get();
    const pins = saved.pins.services.find((one) => one.id === serviceId);
    const remote = saved.node.profiles.find((one) => one.id === profileId);
    const url = rpcUrl(remote?.url ?? ENDPOINT);
    return {
      token: pins ? await secrets.get(tokenKey(serviceId), pins.endpoint) : null,
      credential: remote ? await secrets.get(secretKey.credential(profileId), url) : null,
      ...Object.fromEntries(
        await Promise.all(
          (remote?.headerNames ?? []).map(async (name): Promise<[string, string | null]> => [
            name,
            await secrets.get(secretKey.header(profileId, name), url),
          ]),
        ),
      ),
    };
  }

  /** Runs `change` with settings.json unwritable, expects it refused, and puts the file back. */
  async function refusedWhileSettingsUnwritable(change: () => Promise<unknown>): Promise<void> {
    const settings = await readFile(settingsPath(), 'utf8');
    await rm(settingsPath());
    await mkdir(settingsPath());
    try {
      await expect(change()).rejects.toBeInstanceOf(CallFailed);
    } finally {
      await rm(settingsPath(), { recursive: true });
      await writeFile(settingsPath(), settings);
    }
  }

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    api = caller(host.dispatcher);
    const withService = await api.call('pins.saveService', { service });
    serviceId = withService.pins.services[0]?.id ?? '';
    const withProfile = await api.call('node.saveProfile', { profile });
    profileId = withProfile.node.profiles[0]?.id ?? '';
    // The service cannot be reached: the request waits, tracked.
    await api.call('pins.requestRemote', {
      cids: [(await node.client.add('kept request')).cid.toString()],
      serviceIds: [serviceId],
      name: 'kept',
    });
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  // Each case starts from the same saved secrets, whatever the one before left.
  beforeEach(async () => {
    await api.call('pins.saveService', { service: { ...service, id: serviceId } });
    await api.call('node.saveProfile', { profile: { ...profile, id: profileId } });
  });

  const held = { token: 'token-1', credential: 'remote-1', 'X-One': 'one-value', 'X-Two': 'two-value' };

  it('holds what was saved', async () => {
    expect(await heldSecrets()).toEqual(held);
  });

  it('keeps a service token when a new token for a new address cannot be saved', async () => {
    await refusedWhileSettingsUnwritable(() =>
      api.call('pins.saveService', {
        service: { ...service, id: serviceId, endpoint: 'http://127.0.0.1:9/elsewhere', token: 'token-2' },
      }),
    );
    expect(await heldSecrets()).toEqual(held);
  });

  it('keeps a service token when a new token for the same address cannot be saved', async () => {
    await refusedWhileSettingsUnwritable(() =>
      api.call('pins.saveService', { service: { ...service, id: serviceId, token: 'token-2' } }),
    );
    expect(await heldSecrets()).toEqual(held);
  });

  it('keeps a service, its token and its pin requests when removing it cannot be saved', async () => {
    await refusedWhileSettingsUnwritable(() => api.call('pins.removeService', { id: serviceId }));
    expect(host.services.settings.get().pins.services.map((one) => one.id)).toEqual([serviceId]);
    expect((await api.call('pins.requests', {})).map((request) => request.name)).toEqual(['kept']);
    expect(await heldSecrets()).toEqual(held);
  });

  it('keeps a profile secret and header values when a new secret, dropping a header, cannot be saved', async () => {
    await refusedWhileSettingsUnwritable(() =>
      api.call('node.saveProfile', {
        profile: { ...profile, id: profileId, secret: 'remote-2', headers: [{ name: 'X-One', value: 'one-new' }] },
      }),
    );
    expect(await heldSecrets()).toEqual(held);
  });

  it('keeps a profile secret and header values when removing the profile cannot be saved', async () => {
    await refusedWhileSettingsUnwritable(() => api.call('node.removeProfile', { id: profileId }));
    expect(await heldSecrets()).toEqual(held);
  });

  it('leaves no secret behind for a new service or profile that cannot be saved', async () => {
    const before = await readFile(join(host.dataDir, 'secrets.json'), 'utf8');
    await refusedWhileSettingsUnwritable(() => api.call('pins.saveService', { service: { ...service, token: 't' } }));
    await refusedWhileSettingsUnwritable(() => api.call('node.saveProfile', { profile }));
    const keys = (text: string) => Object.keys((JSON.parse(text) as { secrets: object }).secrets).sort();
    expect(keys(await readFile(join(host.dataDir, 'secrets.json'), 'utf8'))).toEqual(keys(before));
  });
});
