import { z } from 'zod';
import { defaultSettings, settingsSchema, type Settings } from '../../../../shared/settings';
import { SETTINGS_VERSION } from '../../../../shared/settings-options';
import type { FileSpec } from '../file-spec';

const plainObject = z.record(z.string(), z.unknown());

/** The user's settings; the window's geometry lives in window-state.json. */
export const settingsFile: FileSpec<Settings> = {
  name: 'settings.json',
  version: SETTINGS_VERSION,
  migrations: {
    // v2: remote nodes became named profiles (with auth); the one remote URL of v1 becomes a profile.
    1: (old) => {
      const { mode, remoteApiUrl, ...node } = (old.node ?? {}) as Record<string, unknown>;
      const remote = mode === 'remote' && typeof remoteApiUrl === 'string' && remoteApiUrl !== '';
      const profile = {
        id: 'remote-from-v1',
        name: 'Remote node',
        url: remoteApiUrl,
        auth: 'none',
        username: '',
        headerNames: [],
      };
      return {
        ...old,
        version: 2,
        node: { ...node, active: remote ? profile.id : 'embedded', profiles: remote ? [profile] : [] },
      };
    },
    // v3: the window's geometry moved to a file of its own (saved on every move, it is not a setting).
    2: ({ window: _window, ...old }) => ({ ...old, version: 3 }),
  },
  read(document) {
    const merged = withDefaults(document, defaultSettings());
    const whole = settingsSchema.safeParse(merged);
    if (whole.success) return { value: whole.data, dropped: 0 };
    // Keep every section that still reads; a damaged one falls back to its defaults.
    const defaults = defaultSettings();
    const kept: Record<string, unknown> = {};
    let dropped = 0;
    for (const [key, schema] of Object.entries(settingsSchema.shape)) {
      const section = schema.safeParse(merged[key]);
      if (section.success) kept[key] = section.data;
      else {
        kept[key] = defaults[key as keyof Settings];
        dropped += 1;
      }
    }
    return { value: settingsSchema.parse(kept), dropped };
  },
  write: (settings) => settings,
  empty: defaultSettings,
  count: (settings) => Object.keys(settings).length,
};

/**
 * Settings added since a file was written take their defaults, whether a whole section is missing
 * (`share`) or only a field of one (`share.gateways`): sections merge one level deep.
 */
function withDefaults(stored: Record<string, unknown>, defaults: Settings): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...defaults, ...stored };
  for (const [key, fallback] of Object.entries(defaults)) {
    const section = plainObject.safeParse(stored[key]);
    const base = plainObject.safeParse(fallback);
    if (section.success && base.success) merged[key] = { ...base.data, ...section.data };
  }
  return merged;
}
