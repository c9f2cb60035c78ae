import type { CairnError } from '../../../shared/errors';
import { quoted, revealName } from '../../../shared/hidden-characters';
import type { LocalKeep, NodeKeep, RemotePin } from '../../../shared/ipc/contract';
import type { PinStatus } from '../../../shared/pins/presets';

export const localStateLabels: Record<LocalKeep, string> = {
  recursive: 'pinned',
  direct: 'pinned (this block only)',
  indirect: 'kept inside a pin',
  files: 'kept by Files',
  filesBlock: 'top block kept by Files; what it links to will be removed',
  inline: 'inside its CID: never removed',
  unprotected: 'will be removed by garbage collection',
  absent: 'not on this node',
};

/** What keeps content on this node, in the Redundancy table's words ('—' when nothing does). */
export const nodeKeepLabels: Record<NonNullable<NodeKeep>, string> = {
  recursive: 'pinned',
  direct: 'pinned (this block only)',
  indirect: 'in a pinned folder',
  files: 'in Files',
  filesBlock: 'top block in Files',
  inline: 'inside its CID',
};

/**
 * A keep state with what the node lacks of the content, when it lacks some: what keeps it keeps it
 * in part ("pinned, but 2 blocks are missing on this node").
 */
export const withMissing = (label: string, missing: number): string =>
  missing === 0
    ? label
    : `${label}, but ${missing === 1 ? '1 block is' : `${missing.toLocaleString()} blocks are`} missing on this node`;

export const statusLabels: Record<PinStatus, string> = {
  queued: 'queued',
  pinning: 'pinning',
  pinned: 'pinned',
  failed: 'failed',
};

/** What a service last said of a request, and whether Cairn still stands by it. */
export interface RemoteState {
  status: PinStatus;
  /** Said before Cairn last started, not said again since. */
  stale: boolean;
  /** The service could not be asked when last tried. */
  problem: CairnError | null;
}

/** The service said it, and nothing since puts it in doubt. A failure is final: nothing to confirm. */
export const confirmed = (state: RemoteState): boolean =>
  state.status === 'failed' || (!state.stale && state.problem === null);

/** A service's state in a few words, never surer than Cairn is: "pinned" only when confirmed. */
export const remoteStateLabel = (state: RemoteState): string =>
  confirmed(state) ? statusLabels[state.status] : `${statusLabels[state.status]}, not confirmed`;

/** The class that colours a state: green for a pin only when it is confirmed. */
export const remoteStateClass = (state: RemoteState): string =>
  `pin-${confirmed(state) ? state.status : 'unconfirmed'}`;

/** Why a state is not confirmed when the service gave no words for it. */
export const STALE_WHY = 'The service said so before Cairn restarted and has not been asked again yet.';

/**
 * What a remote pin replaced keeps of the one it replaces (main sends them again), as a sentence's
 * end: "its name “report” and its metadata project: cairn", or null when it had neither. Names and
 * metadata come from the service: their hidden characters are shown as markers.
 */
export function keptByReplace(pin: Pick<RemotePin, 'name' | 'meta'>): string | null {
  const meta = Object.entries(pin.meta).map(([key, value]) => `${revealName(key)}: ${revealName(value)}`);
  const kept = [
    ...(pin.name ? [`its name ${quoted(pin.name)}`] : []),
    ...(meta.length > 0 ? [`its metadata ${meta.join(', ')}`] : []),
  ];
  return kept.length > 0 ? kept.join(' and ') : null;
}
