import type { NodeStatus } from '../../../shared/ipc/contract';
import type { SliceCreator } from '../../app/store';

export interface NodeSlice {
  /** Null until main has answered once. */
  node: NodeStatus | null;
  setNode: (node: NodeStatus) => void;
}

export const createNodeSlice: SliceCreator<NodeSlice> = (set) => ({
  node: null,
  setNode: (node) => set({ node }),
});
