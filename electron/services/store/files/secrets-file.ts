import { z } from 'zod';
import { recordFile } from '../file-spec';

const secretSchema = z.object({
  /** The value sealed by the OS keychain, in base64. */
  sealed: z.string().min(1),
});

export type StoredSecret = z.infer<typeof secretSchema>;

/**
 * Tokens and passwords by key, each sealed by the keychain. One damaged entry is dropped alone:
 * the others are kept. `bindLegacy` binds the secrets saved before they were bound to an endpoint
 * (the secret store knows how; see openSecretStore).
 */
export function secretsFile(
  bindLegacy: (secrets: Record<string, unknown>, leaveOut: (why: string) => void) => Promise<Record<string, unknown>>,
) {
  return recordFile({
    name: 'secrets.json',
    version: 2,
    key: 'secrets',
    entry: secretSchema,
    migrations: {
      // v1: each secret became an object (room for what it is bound to) under a version; v0 was key → sealed.
      0: (old) => ({
        version: 1,
        secrets: Object.fromEntries(
          Object.entries(old).map(([key, sealed]) => [key, typeof sealed === 'string' ? { sealed } : sealed]),
        ),
      }),
      // v2: every secret is bound to an endpoint (`key@origin`, the endpoint sealed with the value).
      1: async (old, leaveOut) => {
        const { secrets } = old;
        if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return { ...old, version: 2 };
        return { ...old, version: 2, secrets: await bindLegacy(secrets as Record<string, unknown>, leaveOut) };
      },
    },
  });
}
