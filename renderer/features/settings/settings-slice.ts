import type { Settings } from '../../../shared/settings';
import type { SliceCreator } from '../../app/store';

export interface SettingsSlice {
  settings: Settings | null;
  setSettings: (settings: Settings) => void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
});
