import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Platform } from '../services/platform';
import { createLogger } from '../services/log';

const log = createLogger('bridge-platform');

/**
 * The desktop capabilities as the bridge offers them under plain Node. Secrets are sealed with a
 * key that lives only in this process (so nothing readable lands on disk); links are logged, never
 * opened, since a test machine must not reach out; copying happens in the browser, not here.
 * Exports, with no dialog to ask, go to one fixed folder: `exportDir` (the data folder's `exports`
 * by default, or CAIRN_EXPORT_DIR), always under the suggested name.
 */
export function createNodePlatform(options: { exportDir?: string } = {}): Platform {
  const exportDir = process.env.CAIRN_EXPORT_DIR ?? options.exportDir;
  const key = randomBytes(32);
  return {
    keychain: {
      isAvailable: () => Promise.resolve(true),
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
      choosePaths: () => Promise.resolve([]),
      async chooseExportTarget({ kind, suggestedName }) {
        if (!exportDir) return null;
        await mkdir(exportDir, { recursive: true });
        return kind === 'folder' ? exportDir : join(exportDir, suggestedName);
      },
    },
    shell: {
      openExternal: (url) => {
        log.info(`not opening ${url}: the bridge never launches a browser`);
        return Promise.resolve();
      },
    },
  };
}
