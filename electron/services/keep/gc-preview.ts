import type { GcPreview } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import type { KeptBlocks } from './block-keep';
import { blockKey, contentKey } from './content-key';

const WALK_TIMEOUT_MS = 10 * 60_000;
const STAT_TIMEOUT_MS = 30_000;
/** Block sizes asked at once. */
const STAT_CONCURRENCY = 8;

/**
 * What garbage collection would remove: every block on the node that no pin (at any depth) and
 * nothing in Files keeps, as Kubo's own collector decides; sizes read block by block. Nothing at all
 * while a pin links to a block the node lacks: the collector then stops before it deletes.
 */
export async function previewGc(kubo: KuboClient, kept: KeptBlocks, signal: AbortSignal): Promise<GcPreview> {
  const removable: string[] = [];
  let keptByPins = 0;
  let keptByFiles = 0;
  const missingUnderPins = kept.missingUnderPins.length;
  for await (const { Ref } of kubo.lines<{ Ref: string }>('refs/local', {}, { timeoutMs: WALK_TIMEOUT_MS, signal })) {
    // Kubo lists its blocks as raw CIDs: each is kept whichever codec reached its hash.
    const key = contentKey(Ref);
    if (!key) continue;
    const block = blockKey(key);
    const pinned = kept.inPins.has(block) || kept.direct.has(block);
    const inFiles = kept.files.has(block);
    if (pinned) keptByPins += 1;
    if (inFiles) keptByFiles += 1;
    if (!pinned && !inFiles && missingUnderPins === 0) removable.push(Ref);
  }
  let removeBytes = 0;
  let next = 0;
  const statNext = async (): Promise<void> => {
    while (next < removable.length) {
      signal.throwIfAborted();
      const cid = removable[next++] ?? '';
      // A block removed meanwhile counts nothing.
      const stat = await kubo
        .call<{ Size: number }>('block/stat', { arg: cid, offline: 'true' }, { timeoutMs: STAT_TIMEOUT_MS })
        .catch(() => ({ Size: 0 }));
      removeBytes += stat.Size;
    }
  };
  await Promise.all(Array.from({ length: STAT_CONCURRENCY }, statNext));
  return { removeBlocks: removable.length, removeBytes, keptByPins, keptByFiles, missingUnderPins };
}
