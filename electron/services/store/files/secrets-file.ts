import { z } from 'zod';
import { recordFile } from '../file-spec';

const secretSchema = z.object({
  /** The value sealed by the OS keychain, in base64. */
  sealed: z.string().min(1),
});

export type StoredSecret = z.infer<typeof secretSchema>;

/**
 * Tokens and passwords by key, each sealed by the keychain. One damaged entry is dropped alone:
 * the others are kept.
 */
export const secretsFile = recordFile({
  name: 'secrets.json',
  version: 1,
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
  },
});
