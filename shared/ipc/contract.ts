import { z } from 'zod';
import type { ErrorCode } from '../errors';
import type { Settings } from '../settings';
import { gatewaySchema, rpcAddressSchema, settingsPatchSchema } from '../settings';
import { authKinds } from '../settings-options';
import type { Channel, EventName } from './channels';
import { MAX_INLINE_BYTES } from './limits';

/** Long operations carry an id chosen by the renderer, used for progress events and cancel. */
export const opIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an opId is 8 to 64 URL-safe characters');

const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !name.includes('/') && name !== '.' && name !== '..', 'a file name, not a path');

export const uploadSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('bytes'),
      name: fileNameSchema,
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_INLINE_BYTES, 'at most 64 MiB inline'),
    })
    .strict(),
]);

export type UploadSource = z.infer<typeof uploadSourceSchema>;

const empty = z.object({}).strict();

const profileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a profile id');

/** A remote profile as the user edits it. Secrets travel one way only: from the form to main's keychain. */
export const profileInputSchema = z
  .object({
    /** Absent for a new profile. */
    id: profileIdSchema.optional(),
    name: z.string().trim().min(1, 'a name is required').max(80),
    url: rpcAddressSchema,
    auth: z.enum(authKinds),
    username: z.string().max(256),
    /** The token (bearer) or password (basic); empty keeps the stored one. */
    secret: z.string().max(4096),
    /** Header values are secrets too (API keys); an empty value keeps the stored one. */
    headers: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name is letters, digits and dashes'),
            value: z.string().max(4096),
          })
          .strict(),
      )
      .max(16),
  })
  .strict()
  .refine((profile) => profile.auth !== 'basic' || profile.username !== '', {
    message: 'basic auth needs a user name',
    path: ['username'],
  });

export type ProfileInput = z.infer<typeof profileInputSchema>;

/** One zod schema per channel: main validates every request with it before any handler runs. */
export const requestSchemas = {
  'node.status': empty,
  'node.restart': empty,
  'node.stats': empty,
  'node.use': z.object({ target: z.union([z.literal('embedded'), profileIdSchema]) }).strict(),
  'node.gc': z.object({ opId: opIdSchema }).strict(),
  'node.testConnection': z.object({ profile: profileInputSchema }).strict(),
  'node.saveProfile': z.object({ profile: profileInputSchema }).strict(),
  'node.removeProfile': z.object({ id: profileIdSchema }).strict(),
  'verify.inspectOnNode': z.object({ cid: z.string().min(1).max(512) }).strict(),
  'share.checkGateway': z
    .object({
      gateway: gatewaySchema.pick({ url: true, style: true }).strict(),
      /** Content the user has; without it, main stores a small probe block on the node and asks for that. */
      cid: z.string().max(512).optional(),
    })
    .strict(),
  'files.add': z.object({ opId: opIdSchema, source: uploadSourceSchema }).strict(),
  'settings.get': empty,
  'settings.update': settingsPatchSchema,
  'clipboard.writeText': z.object({ text: z.string().max(1024 * 1024) }).strict(),
  'shell.openExternal': z.object({ url: z.string().max(8192) }).strict(),
} satisfies Record<Channel, z.ZodType>;

export type NodeState = 'starting' | 'running' | 'stopping' | 'stopped' | 'error';

export type NodeTarget = { kind: 'embedded' } | { kind: 'remote'; name: string; url: string; profileId: string | null };

export interface NodeStatus {
  state: NodeState;
  target: NodeTarget;
  offline: boolean;
  /** Set while the node answers. */
  info?: {
    peerId: string;
    kuboVersion: string;
    agentVersion: string;
    addresses: string[];
    repoSizeBytes: number;
    storageMaxBytes: number;
    apiUrl: string;
    /** The node's own HTTP gateway, where Cairn can reach it (the embedded node); null for a remote node. */
    gatewayUrl: string | null;
    /** The embedded node only. */
    repoPath?: string;
    /** The embedded node only: the binary, and the process (null when Cairn reuses a daemon it did not start). */
    binary?: { path: string; source: string; version: string; pid: number | null };
  };
  error?: { code: ErrorCode; message: string };
  /** What Cairn did to get the node going (a stale api file removed, ports moved...), for the user to read. */
  notes: string[];
  /** Set while Cairn waits to restart a daemon that died. */
  restart?: { attempt: number; inSeconds: number };
}

export interface NodeStats {
  /** Null where the node cannot tell (offline: Kubo keeps no swarm or bandwidth statistics). */
  peers: number | null;
  /** Bytes per second, and totals since the daemon started. */
  bandwidth: { rateIn: number; rateOut: number; totalIn: number; totalOut: number } | null;
}

export type ConnectionCheck =
  { ok: true; version: string; peerId: string; warnings: string[] } | { ok: false; code: ErrorCode; message: string };

export interface GatewayHealth {
  status: 'trustworthy' | 'untrustworthy' | 'timeout' | 'unreachable' | 'rate-limited' | 'error' | 'skipped';
  message: string;
  latencyMs?: number;
}

export interface NodeCidInfo {
  /** Whether the node has the root block; the rest is only known when it does. */
  has: boolean;
  type?: 'file' | 'directory' | 'raw' | 'other';
  size?: number;
  /** Blocks of the whole DAG; null when some of them are not on the node. */
  blocks?: number | null;
  childCount?: number;
  children?: { name: string; cid: string; size: number; folder: boolean }[];
}

export interface GcResult {
  removedBlocks: number;
  freedBytes: number;
  errors: string[];
}

export interface AddedFile {
  cid: string;
  name: string;
  size: number;
}

export interface Responses {
  'node.status': NodeStatus;
  'node.restart': NodeStatus;
  'node.stats': NodeStats;
  'node.use': NodeStatus;
  'node.gc': GcResult;
  'node.testConnection': ConnectionCheck;
  'node.saveProfile': Settings;
  'node.removeProfile': Settings;
  'share.checkGateway': GatewayHealth;
  'verify.inspectOnNode': NodeCidInfo;
  'files.add': AddedFile;
  'settings.get': Settings;
  'settings.update': Settings;
  'clipboard.writeText': null;
  'shell.openExternal': null;
}

export interface Events {
  'op.progress': { opId: string; bytes: number; totalBytes: number | null };
  'node.changed': NodeStatus;
  'settings.changed': Settings;
  /** An ipfs:// or ipns:// link the OS opened with Cairn. */
  'app.openLink': { url: string };
}

export type RequestIn<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type RequestOut<C extends Channel> = z.output<(typeof requestSchemas)[C]>;

// Both maps must name exactly the channels and events of channels.ts.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const contractIsComplete: [Exactly<keyof Responses, Channel>, Exactly<keyof Events, EventName>] = [true, true];
