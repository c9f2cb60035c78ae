import { z } from 'zod';
import type { CairnError } from '../../errors';
import type { PinStatus } from '../../pins/presets';
import { emptyRequest, opIdSchema } from './common';
import type { PinType } from './files';

const cidTextSchema = z.string().trim().min(1).max(512);

export const keepRequests = {
  /**
   * A CID, or a path inside one (`/ipfs/<cid>/sub/file`, answered for what is at its end).
   * `filesPath: false` when the asker knows where in Files the content is (a selected Files entry):
   * finding the path walks every folder in Files.
   */
  'keep.status': z.object({ cid: cidTextSchema, filesPath: z.boolean().optional() }).strict(),
  /** What keeps each entry of a Files listing (its CIDs), from the same sets: no call per row. */
  'keep.rows': z.object({ cids: z.array(cidTextSchema).max(10_000) }).strict(),
  /** What keeps each of many CIDs on this node (a pin at any depth, Files, or nothing), from the same sets. */
  'keep.onNode': z.object({ cids: z.array(cidTextSchema).max(10_000) }).strict(),
  /** Reads again what another program may have changed on the node (asked on focus and while visible). */
  'keep.recheck': emptyRequest,
  'keep.gcPreview': z.object({ opId: opIdSchema }).strict(),
  /** Pins Cairn made for uploads that Files now keeps anyway: offered for cleanup, never removed unasked. */
  'keep.uploadPins': emptyRequest,
  /** Asked just before Unpin (it may walk every other recursive pin): never for a listing or a poll. */
  'keep.afterUnpin': z.object({ cid: cidTextSchema }).strict(),
};

/**
 * What keeps content on this node, the strongest reason first: its own pin, a pin of something that
 * contains it, Files; Files holding its top block alone under another codec ('filesBlock': what it
 * links to goes); its CID itself ('inline': an identity hash carries the bytes, nothing is stored);
 * or nothing (garbage collection removes it), or it is not on the node at all.
 */
export type LocalKeep = PinType | 'files' | 'filesBlock' | 'inline' | 'unprotected' | 'absent';

/**
 * What keeps content on this node, for content that may not be in Files at all: its own pin, a pin
 * of something that contains it, Files, its CID itself, or nothing (null: not kept, whether or not
 * the node has it).
 */
export type NodeKeep = PinType | 'files' | 'filesBlock' | 'inline' | null;

/**
 * What keeps content on this node, and how many of its blocks the node lacks: 0 when every block is
 * there, or when no walk of the node's pins and Files reached it (a direct pin, a top block only).
 */
export interface Kept<Keep extends LocalKeep | NodeKeep> {
  keep: Keep;
  missing: number;
}

export interface RemoteKeep {
  serviceId: string;
  serviceName: string;
  status: PinStatus;
  reason: string | null;
  failure: CairnError | null;
  problem: CairnError | null;
  /** Said before Cairn last started, not confirmed since. */
  stale: boolean;
}

export interface KeepStatus {
  cid: string;
  local: LocalKeep;
  /**
   * Blocks of its DAG the node lacks (0 when it is absent altogether): what keeps it then keeps it in
   * part, and `ipfs pin verify` says such a pin is not ok.
   */
  missing: number;
  /** The node's pin of it, at any depth ('indirect': inside another pin), whether or not Files holds it too. */
  pin: PinType | null;
  /** Files holds it, as an entry or inside one. */
  inFiles: boolean;
  /** The Files path that holds it now, when it is a file or folder there. */
  mfsPath: string | null;
  remote: RemoteKeep[];
}

/** What garbage collection would remove now, and what keeps the rest. */
export interface GcPreview {
  removeBlocks: number;
  removeBytes: number;
  /** Blocks kept by pins (at any depth) and by Files; a block kept by both counts in both. */
  keptByPins: number;
  keptByFiles: number;
  /**
   * Blocks that pinned content links to and the node lacks: while there is one, Kubo's collector
   * stops without removing anything, so nothing is counted as removed.
   */
  missingUnderPins: number;
}

/**
 * What of the node's pins keeps content once its pin of this very CID is gone: another pin of it (its
 * other CID), a recursive pin it is inside, nothing (null: garbage collection removes it unless Files
 * or a pinning service keeps it), or 'unknown' (the walk of the other pins did not finish).
 */
export type AfterUnpin = 'otherPin' | 'insidePin' | 'unknown' | null;

export interface UploadPin {
  /** As the node pinned it. */
  cid: string;
  /** Where Files holds it now. */
  mfsPath: string;
  /** Cumulative size; null when the node lacks some of its blocks. */
  size: number | null;
}

export interface KeepResponses {
  'keep.status': KeepStatus;
  'keep.rows': Record<string, Kept<LocalKeep>>;
  'keep.onNode': Record<string, Kept<NodeKeep>>;
  'keep.recheck': { changed: boolean };
  'keep.gcPreview': GcPreview;
  'keep.uploadPins': UploadPin[];
  'keep.afterUnpin': { keptBy: AfterUnpin };
}

export interface KeepChange {
  version: number;
  /** A recheck found Files changed by another program: open folders list again (Cairn's own edits say which folder). */
  files: boolean;
}

export interface KeepEvents {
  /** What keeps content changed (by Cairn or behind its back): views ask again. */
  'keep.changed': KeepChange;
}
