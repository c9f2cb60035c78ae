import { z } from 'zod';
import type { CairnError } from '../../errors';
import { nameMatchModes, pinStatuses, servicePresets, type PinStatus } from '../../pins/presets';
import { serviceEndpointSchema, type Settings } from '../../settings';
import { MAX_PAGE_SEEN, MAX_REMOTE_PAGE } from '../limits';
import { contentTextSchema, emptyRequest, opIdSchema, sentInHeader, shownAsTyped } from './common';
import { typedTextProblem } from '../../typed-text';
import { unmarked } from '../../hidden-characters';
import type { PinType } from './files';

const serviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a service id');
const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a pin request id');
const cidTextSchema = z.string().trim().min(1).max(512);
/** A name as the Pinning Service API takes it (at most 255 characters). */
const pinNameSchema = z.string().trim().max(255);
/**
 * The API's `meta`: string keys and values, kept small, shown to whoever reads the service's pins.
 * A value's refusal is at `meta.<key>`, a key's at `meta.<key>.key`, for the form to find its row.
 */
const metaSchema = z
  .record(z.string().min(1).max(64), z.string().max(1024))
  .refine((meta) => Object.keys(meta).length <= 20, 'at most 20 metadata entries')
  .superRefine((meta, context) => {
    for (const [key, value] of Object.entries(meta)) {
      const keyProblem = typedTextProblem(key, 'a metadata key');
      if (keyProblem) context.addIssue({ code: 'custom', message: keyProblem, path: [key, 'key'] });
      const valueProblem = typedTextProblem(value, 'a metadata value');
      if (valueProblem) context.addIssue({ code: 'custom', message: valueProblem, path: [key] });
    }
  });

/** A pinning service as the user edits it. The token travels one way only: from the form to the keychain. */
export const serviceInputSchema = z
  .object({
    /** Absent for a new service. */
    id: serviceIdSchema.optional(),
    /** Held to what a person may type by main when typed now (new, or changed): a stored one stays. */
    name: z.string().trim().min(1, 'a name is required').max(80),
    preset: z.enum(servicePresets),
    endpoint: serviceEndpointSchema,
    /** Empty keeps the stored token. Spaces around it came with a paste: no token has them. */
    token: z.string().trim().max(8192).superRefine(sentInHeader('an access token')),
  })
  .strict();

export type ServiceInput = z.infer<typeof serviceInputSchema>;

export const remotePinRequestSchema = z
  .object({
    cids: z.array(cidTextSchema).min(1).max(1000),
    serviceIds: z.array(serviceIdSchema).min(1).max(20),
    name: pinNameSchema.superRefine(shownAsTyped('a pin name')),
    meta: metaSchema.optional(),
    /** 'kubo' asks the node (`pin remote add`) instead of calling the service from Cairn. */
    via: z.enum(['cairn', 'kubo']).optional(),
  })
  .strict();

export type RemotePinRequestInput = z.infer<typeof remotePinRequestSchema>;

export const pinsRequests = {
  'pins.listLocal': z.object({ opId: opIdSchema, indirect: z.boolean().optional() }).strict(),
  'pins.localNames': z.object({ opId: opIdSchema }).strict(),
  'pins.localSize': z.object({ cid: cidTextSchema }).strict(),
  'pins.addLocal': z.object({ ref: contentTextSchema }).strict(),
  'pins.removeLocal': z.object({ cid: cidTextSchema }).strict(),
  'pins.saveService': z.object({ service: serviceInputSchema }).strict(),
  'pins.removeService': z.object({ id: serviceIdSchema }).strict(),
  'pins.testService': z.object({ service: serviceInputSchema }).strict(),
  'pins.registerWithKubo': z
    .object({
      id: serviceIdSchema,
      registered: z.boolean(),
      /** Typed for this registration: a remote node in use is never given the stored token. */
      token: z
        .string()
        .trim()
        .min(1)
        .max(8192, 'an access token is at most 8192 characters')
        .superRefine(sentInHeader('an access token'))
        .optional(),
    })
    .strict(),
  'pins.requestRemote': remotePinRequestSchema,
  'pins.requests': emptyRequest,
  'pins.recheckPinned': emptyRequest,
  'pins.retryRequest': z.object({ id: requestIdSchema }).strict(),
  'pins.removeRequest': z.object({ id: requestIdSchema, alsoOnService: z.boolean() }).strict(),
  'pins.listRemote': z
    .object({
      serviceId: serviceIdSchema,
      /** The API's `before` cursor: the `created` of the oldest pin of the previous page (its `next`). */
      before: z.iso.datetime({ offset: true }).optional(),
      /** Request ids created at exactly `before` that earlier pages listed (its `next`). */
      seen: z.array(z.string().min(1).max(256)).max(MAX_PAGE_SEEN).optional(),
      status: z.array(z.enum(pinStatuses)).min(1).max(4).optional(),
      /**
       * A search, kept nowhere and shown to no one: it may hold any character a pin's name holds,
       * or the filter could not find the pins named to deceive. A marker copied from a shown name
       * (⟨U+202E⟩) is read as the character it stands for.
       */
      name: pinNameSchema.transform(unmarked).optional(),
      match: z.enum(nameMatchModes).optional(),
      cids: z.array(cidTextSchema).max(10).optional(),
      limit: z
        .number()
        .int()
        .min(1)
        .max(MAX_REMOTE_PAGE - MAX_PAGE_SEEN)
        .optional(),
    })
    .strict(),
  'pins.removeRemote': z.object({ serviceId: serviceIdSchema, requestId: z.string().min(1).max(256) }).strict(),
  'pins.replaceRemote': z
    .object({
      serviceId: serviceIdSchema,
      requestId: z.string().min(1).max(256),
      cid: cidTextSchema,
      /** A name typed for the new pin; absent, the pin keeps its own (whatever the service holds). */
      name: pinNameSchema.superRefine(shownAsTyped('a pin name')).optional(),
      /** The new pin's metadata, all of it ({} for none); absent, the pin keeps its own. Its origins are kept. */
      meta: metaSchema.optional(),
    })
    .strict(),
};

export interface LocalPin {
  cid: string;
  type: PinType;
  /** The Files (MFS) path that holds the CID, replaced by the pin's own name when `pins.localNames` brings one. */
  name: string;
  /** When Cairn pinned it (ms since epoch); null for pins Cairn did not make. */
  pinnedAt: number | null;
}

export interface PinName {
  cid: string;
  name: string;
}

export interface PinNameBatch {
  opId: string;
  names: PinName[];
}

export interface LocalPinBatch {
  opId: string;
  pins: LocalPin[];
}

export type ServiceCheck = { ok: true; pinCount: number } | ({ ok: false } & CairnError);

/**
 * One pin of one CID on one service, as Cairn tracks it until the service says pinned or failed.
 * `status` is the Pinning Service API's; `requestId` is the service's, null until it accepted the request.
 */
export interface PinRequest {
  id: string;
  cid: string;
  serviceId: string;
  name: string;
  meta: Record<string, string>;
  origins: string[];
  via: 'cairn' | 'kubo';
  status: PinStatus;
  requestId: string | null;
  /** The service's own words for `failed` (in files from before version 2, also Cairn's sentence). */
  reason: string | null;
  /** Why Cairn itself marked it `failed` (the service refused it, or is gone): a code the renderer words. */
  failure: CairnError | null;
  /** Set while the service cannot be reached or refuses to answer for now (down, rate limited). */
  problem: CairnError | null;
  /**
   * The status is what the service said before Cairn last started, and it has not said it again
   * since: shown as not confirmed, never as a fact.
   */
  stale: boolean;
  createdAt: number;
  updatedAt: number;
  /** When Cairn next asks the service (ms since epoch): a pinned request is asked again now and then; null once failed. */
  nextCheckAt: number | null;
  /** Failed contacts in a row, for backoff. */
  errors: number;
}

export interface RemotePin {
  requestId: string;
  status: PinStatus;
  created: string;
  cid: string;
  name: string | null;
  meta: Record<string, string>;
  reason: string | null;
}

export interface RemotePinPage {
  count: number;
  pins: RemotePin[];
  /** Where the next (older) page starts; null when the service has no more. */
  next: RemotePageCursor | null;
}

export interface RemotePageCursor {
  before: string;
  seen: string[];
}

export interface PinsResponses {
  'pins.listLocal': { count: number };
  'pins.localNames': { count: number };
  'pins.localSize': { size: number | null };
  'pins.addLocal': LocalPin;
  'pins.removeLocal': { cid: string };
  'pins.saveService': Settings;
  'pins.removeService': Settings;
  'pins.testService': ServiceCheck;
  'pins.registerWithKubo': Settings;
  'pins.requestRemote': PinRequest[];
  'pins.requests': PinRequest[];
  /** How many pinned requests are being asked about. */
  'pins.recheckPinned': { asked: number };
  'pins.retryRequest': PinRequest;
  'pins.removeRequest': { id: string };
  'pins.listRemote': RemotePinPage;
  'pins.removeRemote': { requestId: string };
  'pins.replaceRemote': RemotePin;
}

export interface PinsEvents {
  'pins.localBatch': LocalPinBatch;
  'pins.localNames': PinNameBatch;
  'pins.requestsChanged': PinRequest[];
}
