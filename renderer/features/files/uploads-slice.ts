import type { SliceCreator } from '../../app/store';

export type UploadState = 'adding' | 'added' | 'failed' | 'cancelled';

export interface Upload {
  /** Also the opId of the request, which progress events and cancel refer to. */
  id: string;
  name: string;
  size: number;
  bytesDone: number;
  state: UploadState;
  cid?: string;
  error?: string;
}

export interface UploadsSlice {
  uploads: Upload[];
  putUpload: (upload: Upload) => void;
  patchUpload: (id: string, patch: Partial<Omit<Upload, 'id'>>) => void;
}

export const createUploadsSlice: SliceCreator<UploadsSlice> = (set) => ({
  uploads: [],
  putUpload: (upload) =>
    set((state) => ({ uploads: [upload, ...state.uploads.filter((existing) => existing.id !== upload.id)] })),
  patchUpload: (id, patch) =>
    set((state) => ({ uploads: state.uploads.map((upload) => (upload.id === id ? { ...upload, ...patch } : upload)) })),
});
