import type { UploadItem } from '../../../shared/ipc/contract';
import type { SliceCreator } from '../../app/store';

export interface UploadsSlice {
  /** Newest first, as main reports them. */
  uploads: UploadItem[];
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

const newestFirst = (a: UploadItem, b: UploadItem) => b.createdAt - a.createdAt;

export const createUploadsSlice: SliceCreator<UploadsSlice> = (set) => ({
  uploads: [],
  queuing: null,
  setQueuing: (queuing) => set({ queuing }),
  addUploads: (items) =>
    set((state) => {
      const known = new Set(state.uploads.map((item) => item.id));
      return { uploads: [...state.uploads, ...items.filter((item) => !known.has(item.id))].sort(newestFirst) };
    }),
  applyUploadChange: ({ items, removed }) =>
    set((state) => {
      const byId = new Map(state.uploads.map((item) => [item.id, item]));
      for (const id of removed) byId.delete(id);
      for (const item of items) byId.set(item.id, item);
      return { uploads: [...byId.values()].sort(newestFirst) };
    }),
});
