import { CID } from 'multiformats/cid';
import type { KuboClient } from '../kubo/kubo-client';

const FRESH_MS = 5_000;
const PIN_LS_TIMEOUT_MS = 120_000;

export interface LocalPins {
  /** For each CID, whether the node pins it recursively; one streamed `pin/ls` serves many rows. */
  pinned(kubo: KuboClient, cids: string[]): Promise<Record<string, boolean>>;
  /** Forget the cached set, after Cairn pinned or unpinned something. */
  invalidate(): void;
}

/**
 * The node's recursive pins as a set, read at most every few seconds, so that the rows of a large
 * folder learn their pin state without one `pin/ls` per row (a CID that is not pinned is an error there).
 */
export function createLocalPins(): LocalPins {
  let cached: { at: number; kubo: KuboClient; set: Promise<Set<string>> } | null = null;
  return {
    async pinned(kubo, cids) {
      if (!cached || cached.kubo !== kubo || Date.now() - cached.at > FRESH_MS) {
        cached = { at: Date.now(), kubo, set: readRecursivePins(kubo) };
        cached.set.catch(() => (cached = null));
      }
      const set = await cached.set;
      return Object.fromEntries(cids.map((cid) => [cid, set.has(canonical(cid))]));
    },
    invalidate() {
      cached = null;
    },
  };
}

async function readRecursivePins(kubo: KuboClient): Promise<Set<string>> {
  const set = new Set<string>();
  const params = { type: 'recursive', stream: 'true' };
  for await (const { Cid } of kubo.lines<{ Cid: string }>('pin/ls', params, { timeoutMs: PIN_LS_TIMEOUT_MS })) {
    set.add(canonical(Cid));
  }
  return set;
}

/** CIDv0 and CIDv1 of the same dag-pb block are the same pin. */
function canonical(cid: string): string {
  try {
    return CID.parse(cid).toV1().toString();
  } catch {
    return cid;
  }
}
