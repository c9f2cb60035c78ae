import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Keychain } from '../platform';
import { readJson, writeJsonAtomic } from './atomic-json';

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  has(key: string): boolean;
  /** Removes every secret whose key starts with the prefix. */
  deleteAll(prefix: string): Promise<void>;
}

export const SECRETS_FILE = 'secrets.json';

/**
 * Tokens and passwords, sealed by the OS keychain (Electron safeStorage) and kept in their own file
 * in the data folder. Nothing here is logged, and nothing leaves main: the renderer only learns
 * whether a secret is stored.
 */
export async function openSecretStore(dataDir: string, keychain: Keychain): Promise<SecretStore> {
  const file = join(dataDir, SECRETS_FILE);
  const stored = ((await readJson(file).catch(() => undefined)) ?? {}) as Record<string, string>;
  const sealed = new Map(Object.entries(stored).filter(([, value]) => typeof value === 'string'));
  let writing: Promise<void> = Promise.resolve();
  const persist = () => {
    writing = writing.catch(() => undefined).then(() => writeJsonAtomic(file, Object.fromEntries(sealed)));
    return writing;
  };

  return {
    async get(key) {
      const value = sealed.get(key);
      if (value === undefined) return null;
      return keychain.decrypt(Buffer.from(value, 'base64'));
    },
    async set(key, value) {
      if (!(await keychain.isAvailable())) {
        throw new AppError(
          'KEYCHAIN_UNAVAILABLE',
          'This system offers no secure storage for secrets, and Cairn does not store tokens or passwords in plain text.',
        );
      }
      sealed.set(key, Buffer.from(await keychain.encrypt(value)).toString('base64'));
      await persist();
    },
    has: (key) => sealed.has(key),
    async deleteAll(prefix) {
      const before = sealed.size;
      for (const key of [...sealed.keys()]) if (key.startsWith(prefix)) sealed.delete(key);
      if (sealed.size !== before) await persist();
    },
  };
}
