import type { LocalKeep, NodeKeep } from '../../../shared/ipc/contract';
import type { PinStatus } from '../../../shared/pins/presets';

export const localStateLabels: Record<LocalKeep, string> = {
  recursive: 'pinned',
  direct: 'pinned (this block only)',
  indirect: 'kept inside a pin',
  files: 'kept by Files',
  unprotected: 'will be removed by garbage collection',
  absent: 'not on this node',
};

/** What keeps content on this node, in the Redundancy table's words ('—' when nothing does). */
export const nodeKeepLabels: Record<NonNullable<NodeKeep>, string> = {
  recursive: 'pinned',
  direct: 'pinned',
  indirect: 'in a pinned folder',
  files: 'in Files',
};

export const statusLabels: Record<PinStatus, string> = {
  queued: 'queued',
  pinning: 'pinning',
  pinned: 'pinned',
  failed: 'failed',
};
