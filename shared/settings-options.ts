// The choices settings offer, without their schemas, so the renderer can list them without zod.
export const SETTINGS_VERSION = 2;

export const importProfiles = ['unixfs-v1-2025', 'unixfs-v0-2015'] as const;
export type ImportProfile = (typeof importProfiles)[number];

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export const authKinds = ['none', 'bearer', 'basic'] as const;
export type AuthKind = (typeof authKinds)[number];

/** The node Cairn talks to: the one it starts, or the id of a remote profile. */
export const EMBEDDED = 'embedded';
