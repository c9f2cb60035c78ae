import { z } from 'zod';

import { importProfiles, SETTINGS_VERSION, themes } from './settings-options';

const nodeSettingsSchema = z.object({
  /** 'embedded' starts Kubo from the app; 'remote' talks to `remoteApiUrl`. */
  mode: z.enum(['embedded', 'remote']),
  /** Offline and loopback-only: the daemon runs with --offline and a new repo gets the test profile. */
  offline: z.boolean(),
  /** Absolute path of an `ipfs` binary chosen by the user; empty means resolve it. */
  kuboBinary: z.string().max(4096),
  remoteApiUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2048)]),
  importProfile: z.enum(importProfiles),
});

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  theme: z.enum(themes),
  node: nodeSettingsSchema,
  window: windowStateSchema.optional(),
});

export type Settings = z.infer<typeof settingsSchema>;
export type NodeSettings = z.infer<typeof nodeSettingsSchema>;
export type WindowState = z.infer<typeof windowStateSchema>;

/** What the renderer may change: everything but the version and the window geometry. */
export const settingsPatchSchema = z
  .object({
    theme: z.enum(themes).optional(),
    node: nodeSettingsSchema.partial().strict().optional(),
  })
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    theme: 'system',
    node: {
      mode: 'embedded',
      offline: false,
      kuboBinary: '',
      remoteApiUrl: '',
      importProfile: 'unixfs-v1-2025',
    },
  };
}

export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    ...(patch.theme ? { theme: patch.theme } : {}),
    node: { ...settings.node, ...patch.node },
  };
}
