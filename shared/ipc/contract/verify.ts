import { z } from 'zod';
import { contentTextSchema, grantSchema, opIdSchema } from './common';
import { mfsNameSchema } from './files';
import { MAX_INLINE_BYTES } from '../limits';
import { RECOMPUTED_HASHES } from '../../verify/hashes';

/** Import settings Cairn can reproduce; the user may give these instead of trying the known profiles. */
export const importSettingsSchema = z
  .object({
    cidVersion: z.union([z.literal(0), z.literal(1)]),
    rawLeaves: z.boolean(),
    chunker: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('size'),
          size: z
            .number()
            .int()
            .min(1)
            .max(4 * 1024 * 1024),
        })
        .strict(),
      z
        .object({
          kind: z.literal('rabin'),
          min: z.number().int().min(16),
          avg: z.number().int().min(16),
          max: z
            .number()
            .int()
            .max(4 * 1024 * 1024),
        })
        .strict(),
    ]),
    /** As `ipfs add --hash` names it; sha2-256 unless told otherwise, as Kubo. */
    hash: z.enum(RECOMPUTED_HASHES),
    layout: z.enum(['balanced', 'trickle']),
    /** Most links per file node (Kubo's Import.UnixFSFileMaxLinks). */
    maxLinks: z.number().int().min(2).max(8192),
    /** How Kubo decides to shard a folder: by link bytes (v0-2015) or by the real block size (v1-2025). */
    hamtEstimation: z.enum(['links', 'block']),
    hamtThresholdBytes: z
      .number()
      .int()
      .min(1)
      .max(16 * 1024 * 1024),
    hamtFanout: z.number().int().min(8).max(1024),
    wrap: z.boolean(),
    /** Dot files and folders: `ipfs add -r` leaves them out unless `--hidden`. */
    hidden: z.boolean(),
  })
  .strict();

export type ImportSettings = z.infer<typeof importSettingsSchema>;

/** A file or folder to verify: a grant in Electron (main streams what it stands for), bytes in the browser harness. */
export const verifySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grant'), grant: grantSchema }).strict(),
  z
    .object({
      kind: z.literal('bytes'),
      /** The dropped item's name: a file, or a folder when the entries have relative paths under it. */
      name: mfsNameSchema,
      folder: z.boolean(),
      entries: z
        .array(
          z
            .object({
              /** Relative to the dropped folder ('' for a single file), '/'-separated. */
              path: z.string().max(4096),
              data: z.instanceof(Uint8Array),
            })
            .strict(),
        )
        .max(10_000)
        .refine(
          (entries) => entries.reduce((sum, entry) => sum + entry.data.byteLength, 0) <= MAX_INLINE_BYTES,
          'at most 64 MiB inline',
        ),
    })
    .strict(),
]);

export type VerifySource = z.infer<typeof verifySourceSchema>;

export const remoteSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('node') }).strict(),
  z.object({ kind: z.literal('local-gateway') }).strict(),
  z.object({ kind: z.literal('gateway'), id: z.string().min(1).max(64) }).strict(),
]);

export type RemoteSource = z.infer<typeof remoteSourceSchema>;

export const verifyRequests = {
  'verify.inspectOnNode': z.object({ cid: z.string().min(1).max(512) }).strict(),
  'verify.local': z
    .object({
      opId: opIdSchema,
      source: verifySourceSchema,
      cid: contentTextSchema,
      /** Given: only these are tried. Absent: the known profiles and the node's own settings. */
      settings: importSettingsSchema.optional(),
    })
    .strict(),
  'verify.sources': z.object({ opId: opIdSchema, cid: contentTextSchema }).strict(),
  'verify.fetch': z.object({ opId: opIdSchema, cid: contentTextSchema, source: remoteSourceSchema }).strict(),
};

export interface NodeCidInfo {
  /** Whether the node has the root block; the rest is only known when it does. */
  has: boolean;
  type?: 'file' | 'directory' | 'raw' | 'other';
  size?: number;
  /** Blocks of the whole DAG; null when some of them are not on the node. */
  blocks?: number | null;
  childCount?: number;
  /** A child folder's size is its cumulative size; null when the node lacks some of its blocks. */
  children?: { name: string; cid: string; size: number | null; folder: boolean }[];
}

export interface TriedSettings {
  /** 'unixfs-v1-2025', 'unixfs-v0-2015', 'kubo --cid-version=1', 'node settings' or 'your settings'. */
  name: string;
  settings: ImportSettings;
  cid: string;
}

export interface EntryDifference {
  path: string;
  /** 'differs': both have it with other CIDs; 'missing': expected but not on disk; 'extra': on disk only. */
  kind: 'differs' | 'missing' | 'extra';
  expected?: string;
  actual?: string;
}

export type LocalVerification =
  | {
      outcome: 'match';
      cid: string;
      /** The settings that gave the CID; null when none tried did and the node's copy holds the same content. */
      matched: TriedSettings | null;
      /**
       * What decided: the settings `matched`; the node's copy, every block of it checked against the
       * disk; or the CID alone, which is the bytes' own hash or holds them (no node needed).
       */
      decidedBy: 'settings' | 'node-copy' | 'cid';
      tried: TriedSettings[];
      bytes: number;
    }
  | {
      /**
       * 'no-match': the content is not this CID's (the node's copy of it holds other content).
       * 'unknown': no settings tried give the CID and the node has no whole copy to compare with, so the
       * content may differ or have been imported with settings Cairn does not try.
       */
      outcome: 'no-match' | 'unknown';
      cid: string;
      tried: TriedSettings[];
      /** Candidates left out because their CID version or codec cannot give this CID. */
      skipped: { name: string; reason: string }[];
      bytes: number;
      /** Folder entries that differ, against the expected folder's listing on the node; null when not comparable. */
      differences: EntryDifference[] | null;
      differencesNote: string;
      /**
       * For 'unknown', why the node's copy could not decide: no node answers, the node lacks some of
       * the copy's blocks, or the copy keeps a file mode or time (which is not compared) over the same
       * content. Null for 'no-match'.
       */
      undecided: Undecided | null;
    };

export type Undecided = 'no-node' | 'no-copy' | 'metadata';

export type RemoteOutcome =
  | 'verified'
  | 'tampered'
  | 'truncated'
  | 'malformed'
  | 'unordered'
  | 'wrong-type'
  | 'timeout'
  | 'too-large'
  | 'rate-limited'
  | 'unreachable'
  | 'refused'
  | 'redirected'
  | 'not-found'
  | 'unsupported'
  | 'skipped'
  | 'cancelled';

export interface RemoteVerification {
  source: string;
  /** How to name this source again, to save a verified copy from it. */
  ref: RemoteSource;
  outcome: RemoteOutcome;
  /** Main's own line, for Details; the renderer words the outcome from it and the parameters here. */
  message: string;
  /** What the outcome's sentence needs: an HTTP status, a wait, a content type, a limit, a code. */
  details?: RemoteDetails;
  blocks: number;
  bytes: number;
  /** For 'rate-limited': the gateway's Retry-After, as it sent it (seconds or an HTTP date). */
  retryAfter?: string;
  /** For 'tampered': which block, and what its bytes hash to. */
  block?: { cid: string; expected: string; received: string };
  /** Where the verified copy was saved (only when verified and asked to save). */
  savedAs?: string;
}

export interface RemoteDetails {
  /** The gateway's HTTP status, when it answered one Cairn could not use. */
  status?: number;
  /** For 'wrong-type': what it sent instead of the type asked for. */
  sentType?: string;
  expectedType?: string;
  /** For 'wrong-type': the content coding (gzip, br...) it compressed its answer with, unasked. */
  contentEncoding?: string;
  /** For 'truncated': the gateway answered 206 Partial Content to a request for the whole. */
  partialContent?: boolean;
  /** From a CAR whose header names roots other than the CID asked for (the verdict is still the CID's). */
  carRoots?: string[];
  /**
   * From a CAR that sent more after the content: its bytes (past MAX when `extraCut`), of which
   * `extraBlocks` whole blocks that are not part of it and `looseBytes` that are not a whole block.
   */
  extraBytes?: number;
  extraBlocks?: number;
  looseBytes?: number;
  extraCut?: boolean;
  /** For 'redirected': where the gateway pointed (with `status`), which Cairn does not follow. */
  redirectedTo?: string;
  /** For 'timeout': how long nothing came. */
  idleSeconds?: number;
  /** For 'too-large': the most any block can be. */
  capMiB?: number;
  /** For 'too-large': the most block visits a walk makes (content linking to the same blocks over and over). */
  maxVisits?: number;
  /** For 'too-large': the most distinct blocks a check remembers (content of very many blocks). */
  maxBlocks?: number;
  /** For 'too-large': the most links a check holds still to visit (blocks built to link thousands of times each). */
  maxPending?: number;
  /** For 'unordered': the block order and duplicates a CAR was labelled with (IPIP-412). */
  carOrder?: string;
  carDups?: string;
  /** For 'unsupported': the hash function or codec Cairn cannot check. */
  hashFunction?: string;
  codec?: string;
  /**
   * For 'unsupported': the CID's digest is longer than its hash function gives (nothing can match it)
   * or shorter than a check can rely on, with its length in bytes.
   */
  digestProblem?: 'too-long' | 'too-short';
  digestBytes?: number;
  /** For 'unsupported': a block matches its CID but is not valid dag-pb or UnixFS. */
  notUnixfs?: boolean;
  /** For 'unsupported': a block links to a CID holding this many bytes itself (identity), more than Kubo allows. */
  identityBytes?: number;
  /**
   * For 'skipped': why the source was not asked (offline mode, no link to this CID on that gateway, or
   * content held in the CID itself, which any source would "have").
   */
  skippedFor?: 'offline' | 'no-link' | 'inline';
  /** For 'not-found' from the node: it looked only in its own store. */
  localOnly?: boolean;
  /** For 'verified' when a copy was asked for: a folder, so nothing was saved. */
  folderNotSaved?: boolean;
  /** For 'verified': the root is a symbolic link to this path (never followed, never saved). */
  symlinkTarget?: string;
}

export interface VerifyEvents {
  /** One source's verdict for a `verify.sources` check, as soon as it is reached. */
  'verify.sourceVerdict': { opId: string; verdict: RemoteVerification };
}

export interface VerifyResponses {
  'verify.inspectOnNode': NodeCidInfo;
  'verify.local': LocalVerification;
  'verify.sources': RemoteVerification[];
  'verify.fetch': RemoteVerification;
}
