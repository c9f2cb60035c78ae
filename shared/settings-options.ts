// The choices settings offer, without their schemas, so the renderer can list them without zod.
export const SETTINGS_VERSION = 1;

export const importProfiles = ['unixfs-v1-2025', 'unixfs-v0-2015'] as const;
export type ImportProfile = (typeof importProfiles)[number];

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];
