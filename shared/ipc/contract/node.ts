import { z } from 'zod';
import type { ErrorCode, ErrorDetails } from '../../errors';
import type { Settings } from '../../settings';
import { maxCustomHeaders, rpcAddressSchema } from '../../settings';
import { authKinds } from '../../settings-options';
import { headerValueProblem } from '../../header-value';
import { emptyRequest, opIdSchema, sentInHeader } from './common';

const profileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a profile id');

/** A remote profile as the user edits it. Secrets travel one way only: from the form to main's keychain. */
export const profileInputSchema = z
  .object({
    /** Absent for a new profile. */
    id: profileIdSchema.optional(),
    /** Held to what a person may type by main when typed now (new, or changed): a stored one stays. */
    name: z.string().trim().min(1, 'a name is required').max(80),
    url: rpcAddressSchema,
    auth: z.enum(authKinds),
    /** Basic auth only: held by main to what Basic auth carries, when typed now (new, or changed). */
    username: z.string().max(256),
    /**
     * The token (bearer) or password (basic); empty keeps the stored one. A token's spaces around it
     * came with a paste (trimmed below); a password's may be its own.
     */
    secret: z.string().max(4096),
    /**
     * Header values are secrets too (API keys); an empty value keeps the stored one. Spaces around
     * one came with a paste: a header's value has none (HTTP drops them, or the key no longer matches).
     */
    headers: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name is letters, digits and dashes'),
            value: z.string().trim().max(4096).superRefine(sentInHeader('a header value')),
          })
          .strict(),
      )
      .max(maxCustomHeaders),
  })
  .strict()
  .refine((profile) => profile.auth !== 'basic' || profile.username !== '', {
    message: 'basic auth needs a user name',
    path: ['username'],
  })
  .superRefine((profile, context) => {
    // A token goes in the Authorization header as it is. A password is encoded first (base64 of its
    // UTF-8 bytes): any character goes, a line break included, and is compared as the node keeps it.
    const problem = profile.auth === 'bearer' ? headerValueProblem(profile.secret.trim(), 'a token') : null;
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['secret'] });
  })
  .superRefine((profile, context) => {
    // A header's name is read whatever its case: two that differ only by it would be one header.
    const seen = new Set<string>();
    for (const [index, { name }] of profile.headers.entries()) {
      const folded = name.toLowerCase();
      if (seen.has(folded)) {
        context.addIssue({
          code: 'custom',
          message: `the header ${name} is named twice`,
          path: ['headers', index, 'name'],
        });
      }
      seen.add(folded);
    }
  })
  .transform((profile) => (profile.auth === 'bearer' ? { ...profile, secret: profile.secret.trim() } : profile));

export type ProfileInput = z.infer<typeof profileInputSchema>;

export const nodeRequests = {
  'node.status': emptyRequest,
  'node.restart': emptyRequest,
  'node.stats': emptyRequest,
  'node.use': z.object({ target: z.union([z.literal('embedded'), profileIdSchema]) }).strict(),
  'node.gc': z.object({ opId: opIdSchema }).strict(),
  'node.testConnection': z.object({ profile: profileInputSchema }).strict(),
  'node.saveProfile': z.object({ profile: profileInputSchema }).strict(),
  'node.removeProfile': z.object({ id: profileIdSchema }).strict(),
  /** Main's dialog chooses the embedded node's binary or repo folder; `reset` goes back to the automatic one. */
  'node.choosePath': z.object({ what: z.enum(['binary', 'repo']), reset: z.boolean() }).strict(),
};

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
  /** The code and its parameters for the renderer's sentence; the message is main's precise line, for Details and logs. */
  error?: { code: ErrorCode; message: string; details?: ErrorDetails };
  /** What Cairn did to get the node going (a stale api file removed, a repo migrated...), for the renderer to word. */
  notes: NodeNote[];
  /** Addresses the embedded node moved off ports another program held, at its last start. */
  movedPorts: MovedPort[];
  /** Set while Cairn waits to restart a daemon that died. */
  restart?: { attempt: number; inSeconds: number };
}

/** One thing Cairn did, or found, on the way to a running node, with what the renderer needs to say it. */
export type NodeNote =
  /** Cairn's own daemon outlived a Cairn that quit unexpectedly: stopped and started again. */
  | { kind: 'restarted-leftover'; pid: number }
  /** A daemon Cairn did not start already ran on the repo: used, and left running on exit. */
  | { kind: 'reused-daemon'; apiUrl: string }
  /** An api file pointed at a daemon that was gone. */
  | { kind: 'removed-stale-api'; apiUrl: string }
  /** Kubo migrated the repo on start; its output, line by line. */
  | { kind: 'migrated'; output: string[] }
  /** A remote node older than a feature needs. */
  | { kind: 'kubo-lacks'; version: string; needs: string; feature: 'import-profiles' };

/** One address moved off a port another program held (multiaddrs, such as /ip4/127.0.0.1/tcp/8080). */
export interface MovedPort {
  setting: 'Addresses.API' | 'Addresses.Gateway' | 'Addresses.Swarm';
  from: string;
  to: string;
}

export interface NodeStats {
  /** Null where the node cannot tell (offline: Kubo keeps no swarm or bandwidth statistics). */
  peers: number | null;
  /** Bytes per second, and totals since the daemon started. */
  bandwidth: { rateIn: number; rateOut: number; totalIn: number; totalOut: number } | null;
}

export type ConnectionCheck =
  { ok: true; version: string; peerId: string; warnings: NodeNote[] } | { ok: false; code: ErrorCode; message: string };

export interface GcResult {
  removedBlocks: number;
  freedBytes: number;
  /** Blocks that pinned content links to and the node cannot read: Kubo then deletes nothing. */
  unreadableBlocks: number;
  /** Blocks Kubo meant to delete and could not. */
  undeletedBlocks: number;
  /** Every problem Kubo reported, counted; the first few in its own words, for Details. */
  problemCount: number;
  problems: string[];
}

export interface NodeResponses {
  'node.status': NodeStatus;
  'node.restart': NodeStatus;
  'node.stats': NodeStats;
  'node.use': NodeStatus;
  'node.gc': GcResult;
  'node.testConnection': ConnectionCheck;
  'node.saveProfile': Settings;
  'node.removeProfile': Settings;
  'node.choosePath': Settings;
}

export interface NodeEvents {
  'node.changed': NodeStatus;
}
