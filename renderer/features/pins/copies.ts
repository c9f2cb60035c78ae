import type { AfterUnpin, KeepStatus, PinRequest } from '../../../shared/ipc/contract';
import { parseCid } from '../../../shared/links/content-ref';
import { confirmed, type RemoteState } from './pin-labels';

/** The content a set of remote pin requests names, and where it was asked for. */
export interface RequestedContent {
  /** The forms its CID was asked under, first seen first: one content may be asked as v0 here and v1 there. */
  cids: string[];
  /** The name it was last asked under, so a row says what the content is, not only its CID. */
  name: string;
  /**
   * Each service's state: a pin in any form counts, a confirmed one first; else the latest request's.
   */
  states: Map<string, RemoteState>;
}

/**
 * One key for every form of a CID (v0 or v1, any multibase): the DAG it names is its codec and
 * multihash, so `Qm…` and the `bafy…` of the same dag-pb root are one content. A raw-codec CID of
 * the same hash names a single block, not that DAG, and stays apart.
 */
export function contentKey(cid: string): string {
  try {
    return parseCid(cid).toV1().toString();
  } catch {
    return cid;
  }
}

/** Remote pin requests grouped by the content they name. */
export function requestedContent(requests: readonly PinRequest[]): Map<string, RequestedContent> {
  const byContent = new Map<string, RequestedContent>();
  for (const request of requests) {
    const key = contentKey(request.cid);
    const content = byContent.get(key) ?? { cids: [], name: '', states: new Map<string, RemoteState>() };
    if (!content.cids.includes(request.cid)) content.cids.push(request.cid);
    const known = content.states.get(request.serviceId);
    if (!known || pinRank(known) <= pinRank(request))
      content.states.set(request.serviceId, { status: request.status, stale: request.stale, problem: request.problem });
    if (request.name) content.name = request.name;
    byContent.set(key, content);
  }
  return byContent;
}

/** A confirmed pin outranks one in doubt, which outranks any other state. */
function pinRank(state: RemoteState): number {
  if (state.status !== 'pinned') return 0;
  return confirmed(state) ? 2 : 1;
}

/**
 * Whether something besides this node's own pin surely keeps the content: Files, or a pin that a
 * service has confirmed. A pin in doubt (not confirmed since a restart, or the service could not be
 * asked) is no reason to unpin without a warning.
 */
export function keptBesidesThePin(keep: Pick<KeepStatus, 'inFiles' | 'remote'>): boolean {
  return keep.inFiles || keep.remote.some((remote) => remote.status === 'pinned' && confirmed(remote));
}

/** What the warning before Unpin says: that garbage collection removes the content, or that Cairn cannot tell. */
export type UnpinWarning = 'removes' | 'cannotTell';

/**
 * The warning before Unpin, none when something else keeps the content: Files, a confirmed remote pin,
 * or another of the node's pins (asked last, as it may walk them all). A failed ask cannot tell.
 */
export async function unpinWarning(
  keep: Pick<KeepStatus, 'inFiles' | 'remote'>,
  keptAfterUnpin: () => Promise<AfterUnpin>,
): Promise<UnpinWarning | null> {
  if (keptBesidesThePin(keep)) return null;
  const keptBy = await keptAfterUnpin().catch(() => 'unknown' as const);
  if (keptBy === null) return 'removes';
  return keptBy === 'unknown' ? 'cannotTell' : null;
}
