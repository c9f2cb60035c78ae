import type { GcPreview } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { contentKey } from './content-key';
import type { FilesBlocks, PinSets } from './node-sets';

const WALK_TIMEOUT_MS = 10 * 60_000;
const STAT_TIMEOUT_MS = 30_000;
/** Block sizes asked at once. */
const STAT_CONCURRENCY = 8;

/**
 * What garbage collection would remove: every block on the node that no pin (at any depth) and
 * nothing in Files keeps, as Kubo's own collector decides; sizes read block by block.
 */
export async function previewGc(
  kubo: KuboClient,
  kept: { pins: PinSets; indirect: Set<string>; files: FilesBlocks },
  signal: AbortSignal,
): Promise<GcPreview> {
  const { pins, indirect, files } = kept;
  const byPins = (key: string) => pins.recursive.has(key) || pins.direct.has(key) || indirect.has(key);
  const removable: string[] = [];
  let keptByPins = 0;
  let keptByFiles = 0;
  for await (const { Ref } of kubo.lines<{ Ref: string }>('refs/local', {}, { timeoutMs: WALK_TIMEOUT_MS, signal })) {
    const key = contentKey(Ref);
    if (!key) continue;
    const pinned = byPins(key);
    const inFiles = files.keys.has(key);
    if (pinned) keptByPins += 1;
    if (inFiles) keptByFiles += 1;
    if (!pinned && !inFiles) removable.push(Ref);
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
  return { removeBlocks: removable.length, removeBytes, keptByPins, keptByFiles };
}
