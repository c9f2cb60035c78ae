import { realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';

/**
 * The regular file at `named`, a path under `root`, with its size; null when it is missing, a
 * folder, or outside `root` once links are followed (a link in the folder to a file elsewhere).
 */
export async function fileInFolder(root: string, named: string): Promise<{ path: string; size: number } | null> {
  if (!named.startsWith(root + sep)) return null;
  const [realRoot, path] = await Promise.all([realpath(root), realpath(named)].map((p) => p.catch(() => null)));
  if (!realRoot || !path?.startsWith(realRoot + sep)) return null;
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? { path, size: info.size } : null;
}
