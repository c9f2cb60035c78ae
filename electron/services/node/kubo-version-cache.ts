import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from '../settings/atomic-json';
import { kuboVersion } from './kubo-binary';

const cacheSchema = z.record(z.string(), z.string());

/**
 * `ipfs version` costs a start of the Go binary (40-55 ms here, half of what the daemon itself takes
 * to be ready) on every node start. The answer is kept in `file` per binary, keyed by its path, size,
 * modification time and inode, so that only a new or replaced binary is asked again.
 */
export function cachedKuboVersion(file: string): (path: string) => Promise<string | null> {
  return async (path) => {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const key = `${path}|${info.size}|${info.mtimeMs}|${info.ino}`;
    const stored = cacheSchema.safeParse(await readJson(file).catch(() => undefined));
    const known = stored.success ? stored.data : {};
    if (known[key]) return known[key];
    const version = await kuboVersion(path);
    // Only the binaries seen this time are kept: the file never grows with old ones.
    if (version) await writeJsonAtomic(file, { [key]: version });
    return version;
  };
}
