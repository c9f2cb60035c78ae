import type { UploadItem } from '../../../shared/ipc/contract';
import type { SliceCreator } from '../../app/store';
import { changedUploads, emptyUploadList, type UploadList } from './upload-list';

export interface UploadsSlice extends UploadList {
  /**
   * Items from a request's answer (the list at start, an enqueue). An event may already have brought
   * a newer state of the same item, so known items are kept as they are.
   */
  addUploads: (items: UploadItem[]) => void;
  applyUploadChange: (change: { items: UploadItem[]; removed: string[] }) => void;
  /** A drop or pick being read and sent to the queue: how many of its items are read so far. */
  queuing: { read: number; total: number } | null;
  setQueuing: (queuing: { read: number; total: number } | null) => void;
}

export const createUploadsSlice: SliceCreator<UploadsSlice> = (set) => ({
  ...emptyUploadList,
  queuing: null,
  setQueuing: (queuing) => set({ queuing }),
  addUploads: (items) => set((state) => changedUploads(state, { items, removed: [] }, true)),
  applyUploadChange: (change) => set((state) => changedUploads(state, change)),
});
