import { AppError } from '../../../shared/errors';
import type { FolderListed, MfsEntry } from '../../../shared/ipc/contract';
import { inBatches } from '../batches';
import type { KuboClient } from '../kubo/kubo-client';
import { folderLinks } from './folder-links';
import { statPath } from './mfs';

/**
 * After the first rows, large batches: the renderer sorts the whole list again for each batch
 * (20 batches of 5,000 made 100,000 entries take 15 s).
 */
const ENTRY_BATCHES = { size: 25_000, intervalMs: 400 };
const STREAM_TIMEOUT_MS = 30 * 60_000;

/**
 * Lists an MFS folder, its entries pushed to `onBatch` as the node gives them; resolves with the
 * folder's CID and the number of entries once the last batch went. `ls --stream` on the folder's
 * CID gives entries as it walks a sharded (HAMT) folder, where `files/ls` answers only once it has
 * all of them: a 100,000-entry folder shows its first rows long before the last arrive.
 */
export async function listFolder(
  kubo: KuboClient,
  folder: string,
  signal: AbortSignal,
  onBatch: (cid: string, entries: MfsEntry[]) => void,
): Promise<FolderListed> {
  const stat = await statPath(kubo, folder);
  if (stat.type !== 'folder')
    throw new AppError('VALIDATION', `${folder} is a file, not a folder.`, { path: folder, problem: 'not-a-folder' });
  const entries = folderLinks(kubo, stat.cid, { timeoutMs: STREAM_TIMEOUT_MS, signal });
  try {
    return { cid: stat.cid, count: await inBatches(entries, (batch) => onBatch(stat.cid, batch), ENTRY_BATCHES) };
  } catch (error) {
    if (error instanceof AppError || signal.aborted) throw error;
    throw new AppError('NODE_ERROR', `The node stopped listing the folder: ${String(error)}`, {
      action: 'list',
      target: folder,
    });
  }
}
