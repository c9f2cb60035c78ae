import { CID } from 'multiformats/cid';
import { kuboLines } from '../node/kubo-call';
import type { RpcTarget } from '../node/remote';

const FRESH_MS = 5_000;
const PIN_LS_TIMEOUT_MS = 120_000;

export interface LocalPins {
  /** For each CID, whether the node pins it recursively; one streamed `pin/ls` serves many rows. */
  pinned(target: RpcTarget, cids: string[]): Promise<Record<string, boolean>>;
  /** Forget the cached set, after Cairn pinned or unpinned something. */
  invalidate(): void;
}

/**
 * The node's recursive pins as a set, read at most every few seconds, so that the rows of a large
 * folder learn their pin state without one `pin/ls` per row (a CID that is not pinned is an error there).
 */
export function createLocalPins(): LocalPins {
  let cached: { at: number; target: RpcTarget; set: Promise<Set<string>> } | null = null;
  return {
    async pinned(target, cids) {
      if (!cached || cached.target !== target || Date.now() - cached.at > FRESH_MS) {
        cached = { at: Date.now(), target, set: readRecursivePins(target) };
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

async function readRecursivePins(target: RpcTarget): Promise<Set<string>> {
  const set = new Set<string>();
  const params = { type: 'recursive', stream: 'true' };
  for await (const { Cid } of kuboLines<{ Cid: string }>(target, 'pin/ls', params, { timeoutMs: PIN_LS_TIMEOUT_MS })) {
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
