import type { UploadItem } from '../../../shared/ipc/contract';
import type { SliceCreator } from '../../app/store';

export interface UploadsSlice {
  /** Newest first, as main reports them. */
  uploads: UploadItem[];
  setUploads: (items: UploadItem[]) => void;
  applyUploadChange: (change: { items: UploadItem[]; removed: string[] }) => void;
}

const newestFirst = (a: UploadItem, b: UploadItem) => b.createdAt - a.createdAt;

export const createUploadsSlice: SliceCreator<UploadsSlice> = (set) => ({
  uploads: [],
  setUploads: (items) => set({ uploads: [...items].sort(newestFirst) }),
  applyUploadChange: ({ items, removed }) =>
    set((state) => {
      const byId = new Map(state.uploads.map((item) => [item.id, item]));
      for (const id of removed) byId.delete(id);
      for (const item of items) byId.set(item.id, item);
      return { uploads: [...byId.values()].sort(newestFirst) };
    }),
});
