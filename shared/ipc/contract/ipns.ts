import { z } from 'zod';
import { contentTextSchema, emptyRequest, nameTextSchema, shownAsTyped } from './common';
import { mfsPathSchema, typedMfsNameSchema } from './files';

/** Kubo's own key is the node's identity: shown, never renamed or removed. */
export const SELF_KEY = 'self';

/** A name for a new key: what Kubo accepts, minus the surprises (no slash, no leading dot, not `self`). */
export const keyNameSchema = z
  .string()
  .trim()
  .min(1, 'a key needs a name')
  .max(64)
  // Before the rule of letters: it says which character is hidden, and what it does.
  .superRefine(shownAsTyped('a key name'))
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'a key name is letters, digits, dot, dash and underscore')
  .refine((name) => name !== SELF_KEY, '“self” is the node’s own key; choose another name');

/**
 * An existing key, `self` included, by its exact name: Kubo's keys made elsewhere may have spaces
 * (` blog` and `blog` are two keys, so no trimming) and up to about 156 bytes (its keystore's file names).
 */
const existingKeySchema = z.string().min(1).max(255);

/** How long a signed record stays valid, and how long resolvers may cache it: Kubo's defaults. */
export const DEFAULT_LIFETIME_SECONDS = 48 * 3600;
export const DEFAULT_TTL_SECONDS = 5 * 60;
export const DEFAULT_MIN_REPUBLISH_SECONDS = 60;
/** The longest a bound folder may wait between publishes: a week. A saved binding holds no more either. */
export const MAX_MIN_REPUBLISH_SECONDS = 7 * 24 * 3600;

const lifetimeSchema = z
  .number()
  .int()
  .min(60)
  .max(365 * 24 * 3600);
const ttlSchema = z
  .number()
  .int()
  .min(1)
  .max(365 * 24 * 3600);

export const ipnsRequests = {
  'ipns.keys': emptyRequest,
  'ipns.createKey': z.object({ name: keyNameSchema }).strict(),
  'ipns.renameKey': z.object({ from: existingKeySchema, to: keyNameSchema }).strict(),
  'ipns.removeKey': z.object({ name: existingKeySchema }).strict(),
  /** Main asks the OS where to write the file; the renderer never names a path to write. */
  'ipns.exportKey': z.object({ name: existingKeySchema }).strict(),
  /** Main asks the OS which file to read. */
  'ipns.importKey': z.object({ name: keyNameSchema }).strict(),
  'ipns.publish': z
    .object({
      key: existingKeySchema,
      /** A CID, /ipfs/ path or link, or a Files path (its current CID is published). */
      value: contentTextSchema,
      lifetimeSeconds: lifetimeSchema.default(DEFAULT_LIFETIME_SECONDS),
      ttlSeconds: ttlSchema.default(DEFAULT_TTL_SECONDS),
    })
    .strict()
    .refine((request) => request.ttlSeconds <= request.lifetimeSeconds, {
      message: 'the TTL cannot be longer than the lifetime',
      path: ['ttlSeconds'],
    }),
  'ipns.inspect': z.object({ key: existingKeySchema }).strict(),
  /** An IPNS name, ipns:// URL, /ipns/ path or gateway link, as pasted. */
  'ipns.resolve': z.object({ input: nameTextSchema }).strict(),
  'ipns.importToFiles': z.object({ input: nameTextSchema, fileName: typedMfsNameSchema }).strict(),
  'ipns.bindings': emptyRequest,
  'ipns.bind': z
    .object({
      key: existingKeySchema,
      mfsPath: mfsPathSchema,
      minIntervalSeconds: z
        .number()
        .int()
        .min(1)
        .max(MAX_MIN_REPUBLISH_SECONDS, 'publish at least once a week: at most 604800 seconds')
        .default(DEFAULT_MIN_REPUBLISH_SECONDS),
    })
    .strict(),
  'ipns.unbind': z.object({ keyId: z.string().min(1).max(128) }).strict(),
  'ipns.retryBinding': z.object({ keyId: z.string().min(1).max(128) }).strict(),
};

export interface IpnsKey {
  name: string;
  /** The IPNS name: the key's ID as a base36 CIDv1 (k51…). */
  id: string;
  protected: boolean;
}

/** What a name points to now, read from its signed record on the node. */
export interface IpnsRecordInfo {
  name: string;
  /** False when the node holds no record for the name (never published, or Kubo dropped it). */
  published: boolean;
  value?: string;
  sequence?: number;
  /** When the signature stops being valid (ISO time). */
  validUntil?: string;
  expired?: boolean;
  ttlSeconds?: number;
  /** When Cairn last published it, if Cairn did. */
  lastPublishedAt?: string;
  /** False when the last publish was offline: the record is on this node only. */
  reachedNetwork?: boolean;
  /** Why the record's details are missing, when the name resolves but the record cannot be read. */
  note?: string;
}

export interface PublishResult {
  name: string;
  value: string;
  reachedNetwork: boolean;
}

export interface ResolvedName {
  name: string;
  /** The path inside the name that was asked, as its names: its links lead there too. */
  inside: string[];
  /** The /ipfs/ path the name (with `inside`) points to now. */
  path: string;
  cid: string;
}

export type BindingState = 'up-to-date' | 'pending' | 'failed';

/** A Files folder whose every new CID is republished under a key. */
export interface Binding {
  keyId: string;
  keyName: string;
  mfsPath: string;
  minIntervalSeconds: number;
  state: BindingState;
  /** The folder's CID as last seen. */
  folderCid?: string;
  publishedCid?: string;
  lastPublishedAt?: string;
  error?: string;
  /** When a pending publish is due (debounce and minimum interval). */
  dueAt?: string;
}

export interface IpnsResponses {
  'ipns.keys': IpnsKey[];
  'ipns.createKey': IpnsKey;
  'ipns.renameKey': IpnsKey;
  'ipns.removeKey': null;
  /** Where the key was written, or null when the user dismissed the dialog. */
  'ipns.exportKey': { path: string | null };
  /** The imported key, or null when the user dismissed the dialog. */
  'ipns.importKey': { key: IpnsKey | null };
  'ipns.publish': PublishResult;
  'ipns.inspect': IpnsRecordInfo;
  'ipns.resolve': ResolvedName;
  'ipns.importToFiles': { mfsPath: string; cid: string };
  'ipns.bindings': Binding[];
  'ipns.bind': Binding;
  'ipns.unbind': null;
  'ipns.retryBinding': Binding;
}

export interface IpnsEvents {
  'ipns.bindingsChanged': Binding[];
}
