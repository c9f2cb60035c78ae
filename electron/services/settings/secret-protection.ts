import { AppError } from '../../../shared/errors';
import type { ObfuscatedSecrets, SecretProtection } from '../../../shared/settings';

/**
 * What sealing a secret amounts to here, from Electron's safeStorage: on Linux without a keyring its
 * `basic_text` backend only obfuscates them, with a key every Chromium build shares.
 */
export function protectionOf(available: boolean, linuxBackend: string | null): SecretProtection {
  if (!available) return 'none';
  return linuxBackend === 'basic_text' ? 'obfuscated' : 'keychain';
}

/** Throws unless a secret may be stored: never in plain text, obfuscated only once the user chose so. */
export function assertMayStoreSecret(protection: SecretProtection, choice: ObfuscatedSecrets): void {
  if (protection === 'keychain' || (protection === 'obfuscated' && choice === 'store')) return;
  if (protection === 'none') {
    throw new AppError(
      'KEYCHAIN_UNAVAILABLE',
      'This system offers no secure storage for secrets, and Cairn does not store tokens or passwords in plain text.',
    );
  }
  throw new AppError(
    'SECRETS_OBFUSCATED',
    choice === 'refuse'
      ? 'You chose not to store tokens and passwords on this system, where they could only be obfuscated (Settings > Secrets).'
      : 'On this system tokens and passwords can only be obfuscated, not encrypted: choose in Settings > Secrets whether to store them anyway.',
  );
}
