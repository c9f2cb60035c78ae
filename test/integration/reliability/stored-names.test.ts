import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_VERSION } from '../../../shared/settings-options';
import { caller } from '../../harness/call';
import { startTestHost, type TestHost } from '../../harness/host';
import { startKubo, type TestKubo } from '../../harness/kubo';

const OLD = 'Old\u202Efdp.exe';
const TYPED = 'New\u200Bname';
const refusedAt = (field: string) => ({ error: { code: 'VALIDATION', details: { field } } });

// Names saved before the typed-name rule (settings.json written by hand): each stays, and saving its
// entry, or the list it is in, goes on working; only a name typed now is refused.
describe('settings entries named before the typed-name rule', () => {
  let node: TestKubo;
  let host: TestHost;
  let dataDir: string;
  beforeAll(async () => {
    node = await startKubo();
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-stored-names-'));
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        version: SETTINGS_VERSION,
        node: {
          profiles: [
            { id: 'profile-old', name: OLD, url: 'http://127.0.0.1:9', auth: 'none', username: '', headerNames: [] },
          ],
        },
        share: {
          defaultKind: 'path',
          defaultGateway: 'local',
          gateways: [{ id: 'gateway-old', name: OLD, url: 'https://gw.example', style: 'path', enabled: true }],
        },
        pins: {
          services: [
            { id: 'service-old', name: OLD, preset: 'custom', endpoint: 'http://127.0.0.1:9/psa', kuboName: null },
          ],
        },
      }),
    );
    host = await startTestHost(node, { dataDir });
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves the gateways with an old name among them, and refuses a name typed for one', async () => {
    const api = caller(host.dispatcher);
    const [old] = host.services.settings.get().share.gateways;
    if (!old) throw new Error('the stored gateway was not read');
    const off = await api.call('settings.update', { share: { gateways: [{ ...old, enabled: false }] } });
    expect(off.share.gateways).toEqual([{ ...old, enabled: false }]);
    const added = {
      id: 'gateway-new',
      name: TYPED,
      url: 'https://other.example',
      style: 'path' as const,
      enabled: true,
    };
    await expect(api.call('settings.update', { share: { gateways: [old, added] } })).rejects.toMatchObject(
      refusedAt('share.gateways.1.name'),
    );
    await expect(api.call('settings.update', { share: { gateways: [{ ...old, name: TYPED }] } })).rejects.toMatchObject(
      refusedAt('share.gateways.0.name'),
    );
    expect(host.services.settings.get().share.gateways.map((gateway) => gateway.name)).toEqual([OLD]);
    await expect(api.call('settings.update', { share: { gateways: [old, added] } })).rejects.toMatchObject({
      error: {
        details: {
          fieldWords:
            'a gateway name cannot hold ⟨U+200B⟩, a zero-width space: it is not seen, so the text reads as other text',
        },
      },
    });
  });

  it('saves a pinning service under its old name, and refuses a name typed for it', async () => {
    const api = caller(host.dispatcher);
    const service = { id: 'service-old', name: OLD, preset: 'custom' as const, endpoint: 'http://127.0.0.1:9/psa' };
    const { id: _service, ...unsaved } = service;
    const saved = await api.call('pins.saveService', { service: { ...service, token: 'token-1' } });
    expect(saved.pins.services).toMatchObject([{ id: 'service-old', name: OLD }]);
    await expect(
      api.call('pins.saveService', { service: { ...service, name: TYPED, token: '' } }),
    ).rejects.toMatchObject(refusedAt('service.name'));
    await expect(
      api.call('pins.saveService', { service: { ...unsaved, name: TYPED, token: 'token-2' } }),
    ).rejects.toMatchObject(refusedAt('service.name'));
  });

  it('saves a remote node profile under its old name, and refuses a name typed for it', async () => {
    const api = caller(host.dispatcher);
    const profile = {
      id: 'profile-old',
      name: OLD,
      url: 'http://127.0.0.1:9',
      auth: 'none' as const,
      username: '',
      secret: '',
      headers: [],
    };
    const { id: _profile, ...unsavedProfile } = profile;
    const saved = await api.call('node.saveProfile', { profile: { ...profile, url: 'http://127.0.0.1:10' } });
    expect(saved.node.profiles).toMatchObject([{ id: 'profile-old', name: OLD, url: 'http://127.0.0.1:10' }]);
    await expect(api.call('node.saveProfile', { profile: { ...profile, name: TYPED } })).rejects.toMatchObject(
      refusedAt('profile.name'),
    );
    await expect(api.call('node.saveProfile', { profile: { ...unsavedProfile, name: TYPED } })).rejects.toMatchObject(
      refusedAt('profile.name'),
    );
  });
});
