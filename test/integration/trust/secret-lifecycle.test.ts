import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretEndpoints } from '../../../electron/services/settings/secret-owners';
import { caller } from '../../harness/call';
import { startKubo, type TestKubo } from '../../harness/kubo';
import { startTestHost, type TestHost } from '../../harness/host';

// Nothing listens on port 9 of loopback: saving an entry never dials it, and nothing else may.
const ENDPOINT = 'http://127.0.0.1:9';

/** Limits are checked before any side effect, and the secret store holds exactly the secrets of existing entries. */
describe('secrets follow their entries', () => {
  let node: TestKubo;
  let host: TestHost;
  let api: ReturnType<typeof caller>;
  const dispatch = (channel: string, payload: unknown) =>
    host.dispatcher.dispatch(channel, payload, { send: () => undefined });
  const onDisk = (name: string) => readFile(join(host.dataDir, name), 'utf8').catch(() => '');
  const storedKeys = async () =>
    Object.keys((JSON.parse(await onDisk('secrets.json')) as { secrets: Record<string, unknown> }).secrets)
      .map((key) => key.slice(0, key.indexOf('@')))
      .sort();
  const ownedKeys = () => [...secretEndpoints(host.services.settings.get()).keys()].sort();
  const service = (index: number) => ({
    name: `Service ${index}`,
    preset: 'custom' as const,
    endpoint: `${ENDPOINT}/psa-${index}`,
    token: `token-${index}`,
  });

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
    api = caller(host.dispatcher);
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  it('refuses a pinning service past the limit before its token is written', async () => {
    for (let index = 0; index < 20; index++) await api.call('pins.saveService', { service: service(index) });
    const [secrets, settings] = await Promise.all([onDisk('secrets.json'), onDisk('settings.json')]);
    const refused = await dispatch('pins.saveService', { service: service(20) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!refused.ok && refused.error.message).toMatch(/at most 20 pinning services/);
    expect(await onDisk('secrets.json')).toBe(secrets);
    expect(await onDisk('settings.json')).toBe(settings);
    expect(await storedKeys()).toEqual(ownedKeys());
  });

  it('deletes the secrets of removed services and profiles, and of headers a profile no longer sends', async () => {
    const headers = [
      { name: 'X-Api', value: 'api-value' },
      { name: 'X-Api-Key', value: 'key-value' },
    ];
    const profile = {
      name: 'Remote',
      url: ENDPOINT,
      auth: 'bearer' as const,
      username: '',
      secret: 'remote-token',
      headers,
    };
    const saved = await api.call('node.saveProfile', { profile });
    const id = saved.node.profiles[0]?.id ?? '';
    // Dropping X-Api keeps X-Api-Key's value, whose key starts the same.
    await api.call('node.saveProfile', { profile: { ...profile, id, secret: '', headers: headers.slice(1) } });
    expect(await storedKeys()).toEqual(ownedKeys());
    expect(ownedKeys()).toContain(`profile:${id}:header:x-api-key`);

    // Renamed by case only, a header is the same header: its stored value stays, and a save keeping it
    // (an empty value) is taken.
    const renamed = [{ name: 'X-API-KEY', value: '' }];
    await api.call('node.saveProfile', { profile: { ...profile, id, secret: '', headers: renamed } });
    await api.call('node.saveProfile', { profile: { ...profile, id, secret: '', headers: renamed } });
    expect(await storedKeys()).toEqual(ownedKeys());
    expect(ownedKeys()).toContain(`profile:${id}:header:x-api-key`);

    // Two headers that differ only by case are refused, before anything is written.
    const twice = await dispatch('node.saveProfile', {
      profile: { ...profile, id, secret: '', headers: [...renamed, { name: 'x-api-key', value: 'other' }] },
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!twice.ok && twice.error.message).toMatch(/x-api-key is named twice/);

    // A profile refused for its missing token writes nothing.
    const before = await onDisk('secrets.json');
    const missing = await dispatch('node.saveProfile', { profile: { ...profile, secret: '', headers: [] } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await onDisk('secrets.json')).toBe(before);

    await api.call('node.removeProfile', { id });
    for (const stored of host.services.settings.get().pins.services.slice(0, 5)) {
      await api.call('pins.removeService', { id: stored.id });
    }
    expect(await storedKeys()).toEqual(ownedKeys());
    expect(ownedKeys()).toHaveLength(15);
  });
});
