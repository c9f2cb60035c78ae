import { AppError } from '../../../shared/errors';
import type { AfterUnpin } from '../../../shared/ipc/contract';
import type { KuboClient } from '../kubo/kubo-client';
import { refusedAs } from '../kubo/kubo-errors';
import { blockKey, contentKey } from './content-key';
import { listedPin, type PinSets } from './node-sets';

/** The user waits on this walk: past it, Cairn says it cannot tell rather than guess. */
const WALK_TIMEOUT_MS = 30_000;

/**
 * What of the node's pins keeps content once its pin of this very CID is removed, as Kubo's collector
 * decides: another pin of the same content (its other CID: Kubo pins by CID, stores blocks by
 * multihash), or a recursive pin whose DAG holds it. Kubo's own `pin ls --type=indirect <cid>` cannot
 * say it: it answers "not pinned" for a CID pinned recursively, and matches links by the exact CID, so
 * content linked as CIDv0 is not found asked as CIDv1. This walks the other recursive pins with
 * `refs -r` instead, stopping at the first sight of the content: asked only just before an unpin.
 */
export async function keptAfterUnpin(kubo: KuboClient, pins: PinSets, pinned: string): Promise<AfterUnpin> {
  const recursive = pins.listed.has(listedPin('recursive', pinned));
  // A recursive pin's content is kept whole only by a DAG that reaches it with its codec; a direct
  // pin's single block by anything that reaches its multihash.
  const keyOf = recursive ? contentKey : (cid: string) => blockOf(cid);
  const key = keyOf(pinned);
  if (key === null) return null;
  const roots: string[] = [];
  for (const entry of pins.listed) {
    const [type, cid = ''] = entry.split(' ');
    if (cid === pinned) continue;
    if (keyOf(cid) === key && (type === 'recursive' || !recursive)) return 'otherPin';
    if (type === 'recursive') roots.push(cid);
  }
  return roots.length === 0 ? null : walkFor(kubo, roots, key, keyOf);
}

function blockOf(cid: string): string | null {
  const key = contentKey(cid);
  return key === null ? null : blockKey(key);
}

/** Whether `refs -r` of the roots reaches the key; 'unknown' where it stopped (a missing block, the time up). */
async function walkFor(
  kubo: KuboClient,
  roots: string[],
  key: string,
  keyOf: (cid: string) => string | null,
): Promise<AfterUnpin> {
  const params = { recursive: 'true', unique: 'true', offline: 'true' };
  const body = new FormData();
  body.append('file', new Blob([roots.join('\n')]), 'roots');
  try {
    for await (const line of kubo.lines<{ Ref: string; Err?: string }>('refs', params, {
      body,
      timeoutMs: WALK_TIMEOUT_MS,
    })) {
      if (line.Err) return 'unknown';
      if (keyOf(line.Ref) === key) return 'insidePin';
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'TIMEOUT') return 'unknown';
    // Kubo stopped the walk (a block it lacks): its collector would stop there too.
    return refusedAs<AfterUnpin>('unknown')(error);
  }
  return null;
}
