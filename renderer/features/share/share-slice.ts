import type { SliceCreator } from '../../app/store';

export interface ShareSlice {
  /** What the Share view shows links for, as typed or as another view handed it over. */
  shareInput: string;
  setShareInput: (input: string) => void;
}

export const createShareSlice: SliceCreator<ShareSlice> = (set) => ({
  shareInput: '',
  setShareInput: (shareInput) => set({ shareInput }),
});
