import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { SecretProtection } from '../../shared/settings';
import type { FileFilter, Platform } from '../services/platform';
import { createLogger } from '../services/log';

const log = createLogger('bridge-platform');

/**
 * The desktop capabilities as the bridge offers them under plain Node. Secrets are sealed with a
 * key that lives only in this process (so nothing readable lands on disk); links are logged, never
 * opened, since a test machine must not reach out; copying happens in the browser, not here.
 * Dialogs answer deterministically from one folder, `dialogDir` (CAIRN_DIALOG_DIR overrides it; none:
 * dismissed): a save lands there under its suggested name, a folder choice is that folder, and an
 * open picks the files there that the filters accept, in name order.
 */
export function createNodePlatform(
  options: { dialogDir?: string; secretKey?: Buffer; protection?: SecretProtection } = {},
): Platform {
  const dialogDir = process.env.CAIRN_DIALOG_DIR ?? options.dialogDir;
  // The sealing here is real either way; what it reports stands in for Electron's backends.
  const protection = options.protection ?? protectionFromEnv(process.env.CAIRN_SECRET_PROTECTION);
  // A test that restarts the services in a new process gives the same key to each run.
  const key = options.secretKey ?? randomBytes(32);
  return {
    keychain: {
      protection: () => Promise.resolve(protection),
      encrypt(plain) {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
      },
      decrypt(sealed) {
        const data = Buffer.from(sealed);
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
        decipher.setAuthTag(data.subarray(12, 28));
        return Promise.resolve(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8'));
      },
    },
    clipboard: { writeText: () => Promise.resolve() },
    dialogs: {
      async choosePaths({ kind, multiple, filters }) {
        if (!dialogDir) return [];
        await mkdir(dialogDir, { recursive: true });
        if (kind === 'folder') return [dialogDir];
        const entries = await readdir(dialogDir, { withFileTypes: true });
        const chosen = entries
          .filter((entry) => entry.isFile() && accepts(filters, entry.name))
          .map((entry) => join(dialogDir, entry.name))
          .sort();
        return multiple ? chosen : chosen.slice(0, 1);
      },
      async chooseSavePath({ defaultName }) {
        if (!dialogDir) return null;
        await mkdir(dialogDir, { recursive: true });
        return join(dialogDir, defaultName);
      },
    },
    shell: {
      openExternal: (url) => {
        log.info(`not opening ${url}: the bridge never launches a browser`);
        return Promise.resolve();
      },
      openFolder: (path) => {
        log.info(`not opening ${path}: the bridge never launches a file manager`);
        return Promise.resolve();
      },
    },
  };
}

function accepts(filters: FileFilter[] | undefined, name: string): boolean {
  if (!filters) return true;
  const extension = extname(name).slice(1);
  return filters.some((filter) => filter.extensions.includes(extension));
}

/** CAIRN_SECRET_PROTECTION=obfuscated or none lets a browser session show what those systems show. */
function protectionFromEnv(value: string | undefined): SecretProtection {
  return value === 'obfuscated' || value === 'none' ? value : 'keychain';
}
