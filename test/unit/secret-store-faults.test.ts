import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/services/log';
import type { Keychain } from '../../electron/services/platform';
import { openSecretStore, secretsThenSettings } from '../../electron/services/settings/secret-store';
import { openDataStore } from '../../electron/services/store/data-store';
import { defaultSettings, type Settings } from '../../shared/settings';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
// Sealing is not what is tested here: a keychain that only marks what it sealed.
const keychain: Keychain = {
  protection: () => Promise.resolve('keychain'),
  encrypt: (plain) => Promise.resolve(Buffer.from(`sealed:${plain}`)),
  decrypt: (sealed) =>
    Promise.resolve(
      Buffer.from(sealed)
        .toString()
        .replace(/^sealed:/, ''),
    ),
};
const endpoint = 'https://pins.example/psa';
const key = 'pinsvc:one:token';
const withService = (): Settings => ({
  ...defaultSettings(),
  pins: { services: [{ id: 'one', name: 'One', preset: 'custom', endpoint, kuboName: null }] },
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-secret-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('two saves of one entry at once, the second failing to write its settings', () => {
  it('leave the secret of the first, whose settings are on disk, where it was', async () => {
    const store = await openDataStore(dir, quiet);
    const secrets = await openSecretStore(store, keychain, new Map(), () => 'ask');
    let firstSaved: () => void = () => undefined;
    const settingsOfFirst = new Promise<void>((resolve) => (firstSaved = resolve));

    const first = secretsThenSettings(
      secrets,
      key,
      () => secrets.set(key, 'first token', endpoint),
      () => {
        firstSaved();
        return Promise.resolve(withService());
      },
    );
    const second = secretsThenSettings(
      secrets,
      key,
      () => secrets.set(key, 'second token', endpoint),
      // Its settings write fails (a full disk) once the first's is on disk.
      async () => {
        await settingsOfFirst;
        throw new Error('ENOSPC');
      },
    );

    await expect(first).resolves.toMatchObject({ pins: { services: [{ id: 'one' }] } });
    await expect(second).rejects.toThrow('ENOSPC');
    // The settings on disk are the first's, naming the service: its token must still be there.
    expect(await secrets.get(key, endpoint)).toBe('first token');
  });
});

describe('a secret saved before secrets were bound, at a start where nothing can be written', () => {
  it('does not stop the start: it keeps waiting, unbound, and the failed write is said', async (context) => {
    const sealed = Buffer.from(await keychain.encrypt('old token')).toString('base64');
    await writeFile(join(dir, 'secrets.json'), JSON.stringify({ version: 2, secrets: { [key]: { sealed } } }));
    const store = await openDataStore(dir, quiet);
    try {
      // An immutable folder: no file can be made in it (a full disk, a read-only mount).
      execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    } catch {
      console.log('skipped: chattr +i is not available here, so no write can be made to fail');
      context.skip();
    }
    try {
      const opening = openSecretStore(store, keychain, new Map([[key, endpoint]]), () => 'ask');
      const secrets = await opening;
      expect(secrets.has(key, endpoint)).toBe(false);
      expect(store.problems()).toMatchObject([{ kind: 'write-failed', file: 'secrets.json' }]);
    } finally {
      execFileSync('chattr', ['-i', dir]);
    }
    // Bound at the next start that can write.
    const again = await openSecretStore(
      await openDataStore(dir, quiet),
      keychain,
      new Map([[key, endpoint]]),
      () => 'ask',
    );
    expect(await again.get(key, endpoint)).toBe('old token');
  });
});
