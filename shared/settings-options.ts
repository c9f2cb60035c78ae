// The choices settings offer, without their schemas, so the renderer can list them without zod.
export const SETTINGS_VERSION = 3;

export const importProfiles = ['unixfs-v1-2025', 'unixfs-v0-2015'] as const;
export type ImportProfile = (typeof importProfiles)[number];

/** An upload uses the node's own import settings, or one of the named profiles. */
export const uploadProfiles = ['node', ...importProfiles] as const;
export type UploadProfile = (typeof uploadProfiles)[number];

/** What an upload does with a symlink: store it as a link (as `ipfs add -r` does), add its target, or leave it out. */
export const symlinkPolicies = ['preserve', 'follow', 'skip'] as const;
export type SymlinkPolicy = (typeof symlinkPolicies)[number];

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export const authKinds = ['none', 'bearer', 'basic'] as const;
export type AuthKind = (typeof authKinds)[number];

/** The node Cairn talks to: the one it starts, or the id of a remote profile. */
export const EMBEDDED = 'embedded';
