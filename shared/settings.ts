import { z } from 'zod';

import { multiaddrToHttpUrl } from './multiaddr-url';
import { linkKinds } from './links/build-link';
import { subdomainRoot } from './links/content-ref';
import { servicePresets } from './pins/presets';
import {
  authKinds,
  EMBEDDED,
  importProfiles,
  SETTINGS_VERSION,
  symlinkPolicies,
  themes,
  uploadProfiles,
} from './settings-options';

/**
 * A URL, or null for text that is not one. Zod runs a refinement even after its own URL check
 * failed, so a refinement that parses must not throw.
 */
function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** A Kubo RPC address: an http(s) URL, or a multiaddr such as /ip4/127.0.0.1/tcp/5001. */
export const rpcAddressSchema = z
  .string()
  .trim()
  .min(1, 'enter the RPC address: an http(s) URL or a multiaddr')
  .max(2048)
  .refine((value) => {
    try {
      if (value.startsWith('/')) return Boolean(multiaddrToHttpUrl(value));
      const url = new URL(value);
      // Credentials in the URL would travel to the interface and to logs; they belong in the keychain.
      return ['http:', 'https:'].includes(url.protocol) && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'this is not an RPC address: enter an http(s) URL like http://127.0.0.1:5001 (credentials go under Authentication) or a multiaddr like /ip4/127.0.0.1/tcp/5001');

/** How many custom headers a remote node takes: more is a mistake, not a need. */
export const maxCustomHeaders = 16;

const headerNameSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name is letters, digits and dashes');

/** A remote node as stored: its secrets (token, password, header values) live in the keychain. */
export const remoteProfileSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: z.string().trim().min(1).max(80),
  url: rpcAddressSchema,
  auth: z.enum(authKinds),
  /** Basic auth only. */
  username: z.string().max(256),
  headerNames: z.array(headerNameSchema).max(maxCustomHeaders),
});

const nodeSettingsSchema = z.object({
  /** 'embedded', or the id of the remote profile in use. */
  active: z.string().min(1),
  /** Offline and loopback-only: the daemon runs with --offline and a new repo gets the test profile. */
  offline: z.boolean(),
  /** Absolute path of an `ipfs` binary chosen in main's dialog (never sent by the renderer); empty means resolve it. */
  kuboBinary: z.string().max(4096),
  /** An existing repo (IPFS_PATH, ~/.ipfs) chosen in main's dialog, instead of the app's own; empty means the app's own. */
  repoPath: z.string().max(4096),
  importProfile: z.enum(importProfiles),
  profiles: z.array(remoteProfileSchema).max(50, 'Cairn keeps at most 50 remote nodes: remove one first'),
});

export const gatewayStyles = ['path', 'subdomain'] as const;

/** A gateway the user can share links through; the local node's own gateway is always there besides these. */
export const gatewaySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{2,64}$/),
  name: z.string().trim().min(1).max(80),
  url: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .refine((value) => {
      const url = parsedUrl(value);
      return (
        url !== null && (url.pathname === '/' || url.pathname === '') && !url.search && !url.username && !url.password
      );
    }, 'a gateway is an origin such as https://dweb.link, without a path or credentials')
    .superRefine((value, ctx) => {
      // A link opened on a subdomain gateway is an origin too, but links made under it would open nothing.
      const url = parsedUrl(value);
      const root = url && subdomainRoot(url.hostname);
      if (!url || !root) return;
      const gatewayHost = url.host.slice(`${root.root}.${root.namespace}.`.length);
      ctx.addIssue({
        code: 'custom',
        message: `this is a link to content, not a gateway: its gateway is ${url.protocol}//${gatewayHost}`,
      });
    }),
  style: z.enum(gatewayStyles),
  enabled: z.boolean(),
  note: z.string().max(300).optional(),
});

export type Gateway = z.infer<typeof gatewaySchema>;
export type GatewayStyle = (typeof gatewayStyles)[number];

/** Where share links point by default: the local node's gateway, or one of the list by id. */
export const LOCAL_GATEWAY = 'local';

const shareSettingsSchema = z.object({
  defaultKind: z.enum(linkKinds),
  defaultGateway: z.string().min(1).max(64),
  gateways: z.array(gatewaySchema).max(30, 'Cairn keeps at most 30 gateways: remove one first'),
});

/** A Pinning Service API endpoint: https, or http on loopback only (a local cluster, the tests' peer). */
const endpointWords =
  'this is not a pinning service address: enter an https URL such as https://api.pinata.cloud/psa (plain http only on 127.0.0.1), without credentials or query';
export const serviceEndpointSchema = z
  .url({ protocol: /^https?$/, error: endpointWords })
  .max(500)
  .refine((value) => {
    const url = parsedUrl(value);
    if (url === null) return false;
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
    return !url.username && !url.password && !url.search && (url.protocol === 'https:' || loopback);
  }, endpointWords);

/** A remote pinning service as stored: its access token lives in the keychain. */
export const pinningServiceSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: z.string().trim().min(1).max(80),
  preset: z.enum(servicePresets),
  endpoint: serviceEndpointSchema,
  /** Also registered with Kubo (`pin remote service add`), under `kuboName`. */
  kuboName: z.string().max(64).nullable(),
});

const pinsSettingsSchema = z.object({
  services: z.array(pinningServiceSchema).max(20, 'Cairn keeps at most 20 pinning services: remove one first'),
});

/** The main window's geometry, kept in its own file (window-state.json). */
export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});

/** How new uploads are made, chosen once in the Files view and kept. */
export const uploadSettingsSchema = z.object({
  profile: z.enum(uploadProfiles),
  /**
   * Also pin on the node as it is added. Off by default: Files keeps what it holds, and a pin of an
   * upload outlives its edits and deletion in Files (old versions kept that nobody asked to keep).
   */
  pin: z.boolean(),
  /** Include files and folders whose names start with a dot (`ipfs add -r` leaves them out). */
  hidden: z.boolean(),
  symlinks: z.enum(symlinkPolicies),
  /** Pinning services (their ids) asked to pin every new upload too. */
  pinServices: z.array(z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)).max(20),
});

export type UploadSettings = z.infer<typeof uploadSettingsSchema>;

/** What sealing a secret amounts to here: the OS keychain, mere obfuscation (Linux without a keyring), or nothing. */
export type SecretProtection = 'keychain' | 'obfuscated' | 'none';

/** Where secrets could only be obfuscated: store them or not, asked until the user says. */
const secretSettingsSchema = z.object({ obfuscated: z.enum(['ask', 'store', 'refuse']) });
export type ObfuscatedSecrets = z.infer<typeof secretSettingsSchema>['obfuscated'];

/** How Cairn behaves as a desktop app: each off-by-default choice is the user's to turn on. */
const desktopSettingsSchema = z.object({
  startAtLogin: z.boolean(),
  /** Ask the release channel for updates (electron-updater); never without the user's say-so. */
  checkForUpdates: z.boolean(),
  /** An OS notification when a long upload finishes or fails while the window is in the background. */
  notifyUploads: z.boolean(),
  /** An OS notification when a remote pinning service fails a pin. */
  notifyRemotePins: z.boolean(),
});

export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  theme: z.enum(themes),
  node: nodeSettingsSchema,
  share: shareSettingsSchema,
  uploads: uploadSettingsSchema,
  pins: pinsSettingsSchema,
  desktop: desktopSettingsSchema,
  secrets: secretSettingsSchema,
});

export type Settings = z.infer<typeof settingsSchema>;
export type NodeSettings = z.infer<typeof nodeSettingsSchema>;
export type RemoteProfile = z.infer<typeof remoteProfileSchema>;
export type PinningService = z.infer<typeof pinningServiceSchema>;
export type WindowState = z.infer<typeof windowStateSchema>;

/**
 * What the renderer may change: not the version, nor the paths main runs and writes (node.choosePath).
 * A gateway's name typed now is held to what a person may type by main, which knows the stored ones.
 */
export const settingsPatchSchema = z
  .object({
    theme: z.enum(themes).optional(),
    node: nodeSettingsSchema.pick({ offline: true, importProfile: true }).partial().strict().optional(),
    share: shareSettingsSchema.partial().strict().optional(),
    uploads: uploadSettingsSchema.partial().strict().optional(),
    desktop: desktopSettingsSchema.partial().strict().optional(),
    secrets: secretSettingsSchema.partial().strict().optional(),
  })
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    theme: 'system',
    node: {
      active: EMBEDDED,
      offline: false,
      kuboBinary: '',
      repoPath: '',
      importProfile: 'unixfs-v1-2025',
      profiles: [],
    },
    share: {
      defaultKind: 'subdomain',
      defaultGateway: LOCAL_GATEWAY,
      gateways: publicGateways(),
    },
    uploads: { profile: 'node', pin: false, hidden: false, symlinks: 'preserve', pinServices: [] },
    pins: { services: [] },
    desktop: { startAtLogin: false, checkForUpdates: false, notifyUploads: true, notifyRemotePins: true },
    secrets: { obfuscated: 'ask' },
  };
}

// Offered, off by default: public gateways are best effort, rate limited, and see what you share.
function publicGateways(): Gateway[] {
  const bestEffort = 'Public and best effort: rate limited, and it may not find content nobody provides.';
  return [
    {
      id: 'dweb-link',
      name: 'dweb.link',
      url: 'https://dweb.link',
      style: 'subdomain',
      enabled: false,
      note: bestEffort,
    },
    { id: 'ipfs-io', name: 'ipfs.io', url: 'https://ipfs.io', style: 'path', enabled: false, note: bestEffort },
    {
      id: 'inbrowser-link',
      name: 'inbrowser.link',
      url: 'https://inbrowser.link',
      style: 'subdomain',
      enabled: false,
      note: `${bestEffort} Verifies in the browser with a service worker.`,
    },
    {
      id: 'trustless-gateway-link',
      name: 'trustless-gateway.link',
      url: 'https://trustless-gateway.link',
      style: 'path',
      enabled: false,
      note: `${bestEffort} Serves raw blocks and CARs only: for checks, not for opening in a browser.`,
    },
  ];
}

export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    ...(patch.theme ? { theme: patch.theme } : {}),
    node: { ...settings.node, ...given(patch.node) },
    share: { ...settings.share, ...given(patch.share) },
    uploads: { ...settings.uploads, ...given(patch.uploads) },
    desktop: { ...settings.desktop, ...given(patch.desktop) },
    secrets: { ...settings.secrets, ...given(patch.secrets) },
  };
}

/**
 * The fields a patch's section gives. One given as undefined (IPC's structured clone keeps the key,
 * the partial schema lets it through) is left out: spread, it wiped the stored value.
 */
function given<T extends object>(section: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(section ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}
