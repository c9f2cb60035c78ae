import { windowStateSchema, type WindowState } from '../../../../shared/settings';
import type { FileSpec } from '../file-spec';

/** The main window's last geometry (null until it was first saved); the display clamp is the shell's. */
export const windowStateFile: FileSpec<WindowState | null> = {
  name: 'window-state.json',
  version: 1,
  read: (document) => ({ value: windowStateSchema.nullable().parse(document.window ?? null), dropped: 0 }),
  write: (window) => ({ window }),
  empty: () => null,
  count: (value) => (value ? 1 : 0),
  // Up to settings version 2, the geometry was a setting (settings' migration to 3 drops it there).
  formerly: { name: 'settings.json', take: ({ window }) => (window ? { version: 1, window } : null) },
};
