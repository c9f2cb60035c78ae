import { AppError } from '../../../shared/errors';
import type { Keychain } from '../platform';
import type { DataStore } from '../store/data-store';
import { secretsFile } from '../store/files/secrets-file';

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  has(key: string): boolean;
  /** Removes every secret whose key starts with the prefix. */
  deleteAll(prefix: string): Promise<void>;
}

/**
 * Tokens and passwords, sealed by the OS keychain (Electron safeStorage) and kept in their own file
 * in the data folder. Nothing here is logged, and nothing leaves main: the renderer only learns
 * whether a secret is stored.
 */
export async function openSecretStore(store: DataStore, keychain: Keychain): Promise<SecretStore> {
  const file = await store.open(secretsFile);

  return {
    async get(key) {
      const stored = file.get()[key];
      if (stored === undefined) return null;
      return keychain.decrypt(Buffer.from(stored.sealed, 'base64'));
    },
    async set(key, value) {
      if (!(await keychain.isAvailable())) {
        throw new AppError(
          'KEYCHAIN_UNAVAILABLE',
          'This system offers no secure storage for secrets, and Cairn does not store tokens or passwords in plain text.',
        );
      }
      const sealed = Buffer.from(await keychain.encrypt(value)).toString('base64');
      await file.update((secrets) => ({ ...secrets, [key]: { sealed } }));
    },
    has: (key) => file.get()[key] !== undefined,
    async deleteAll(prefix) {
      const keys = Object.keys(file.get()).filter((key) => key.startsWith(prefix));
      if (keys.length === 0) return;
      await file.update((secrets) =>
        Object.fromEntries(Object.entries(secrets).filter(([key]) => !key.startsWith(prefix))),
      );
    },
  };
}
