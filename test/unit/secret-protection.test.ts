import { describe, expect, it } from 'vitest';
import { assertMayStoreSecret, protectionOf } from '../../electron/services/settings/secret-protection';
import type { ObfuscatedSecrets, SecretProtection } from '../../shared/settings';

describe('how secrets are protected', () => {
  it.each([
    [true, null, 'keychain'],
    [true, 'gnome_libsecret', 'keychain'],
    [true, 'kwallet6', 'keychain'],
    [true, 'basic_text', 'obfuscated'],
    [false, 'basic_text', 'none'],
    [false, null, 'none'],
  ] as const)('available %s, Linux backend %s: %s', (available, backend, expected) => {
    expect(protectionOf(available, backend)).toBe(expected);
  });

  const outcome = (protection: SecretProtection, choice: ObfuscatedSecrets) => {
    try {
      assertMayStoreSecret(protection, choice);
      return 'stored';
    } catch (error) {
      return (error as { code: string }).code;
    }
  };

  it.each([
    ['keychain', 'ask', 'stored'],
    ['keychain', 'refuse', 'stored'],
    ['obfuscated', 'ask', 'SECRETS_OBFUSCATED'],
    ['obfuscated', 'store', 'stored'],
    ['obfuscated', 'refuse', 'SECRETS_OBFUSCATED'],
    ['none', 'store', 'KEYCHAIN_UNAVAILABLE'],
  ] as const)('%s, the user chose %s: %s', (protection, choice, expected) => {
    expect(outcome(protection, choice)).toBe(expected);
  });
});
