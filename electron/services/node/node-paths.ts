import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { Dialogs } from '../platform';
import type { SettingsService } from '../settings/settings-service';
import { checkKuboBinary } from './kubo-binary';

export type NodePath = 'binary' | 'repo';

/**
 * The embedded node's binary and repo folder are main's decision: chosen in main's own dialog (or
 * by env), never from a string the renderer sends. A binary is checked to be Kubo before it is
 * kept; a repo folder must be a Kubo repo already or empty, so `ipfs init` never lands in a folder
 * of documents. `reset` goes back to what is found automatically.
 */
export async function chooseNodePath(
  what: NodePath,
  reset: boolean,
  dialogs: Dialogs,
  settings: SettingsService,
): Promise<Settings> {
  const key = what === 'binary' ? 'kuboBinary' : 'repoPath';
  let chosen = '';
  if (!reset) {
    const [path] = await dialogs.choosePaths({ kind: what === 'binary' ? 'files' : 'folder', multiple: false });
    if (!path) return settings.get();
    if (what === 'binary') await checkKuboBinary(path);
    else await checkRepoFolder(path);
    chosen = path;
  }
  return settings.change((current) => ({ ...current, node: { ...current.node, [key]: chosen } }));
}

async function checkRepoFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory())
    throw new AppError('VALIDATION', `${path} is not a folder.`, { path, problem: 'not-a-folder' });
  const isRepo = await stat(join(path, 'config')).then(
    (config) => config.isFile(),
    () => false,
  );
  if (isRepo || (await readdir(path)).length === 0) return;
  throw new AppError(
    'VALIDATION',
    `${path} is neither a Kubo repo (it has no config file) nor an empty folder: choose an existing repo, or an empty folder for a new one.`,
    { path, problem: 'not-a-repo' },
  );
}
