import { z } from 'zod';
import type { CairnError } from '../../errors';
import { uploadSettingsSchema } from '../../settings';
import { MAX_INLINE_BYTES, MAX_SOURCES_PER_ENQUEUE } from '../limits';
import { diskNameProblem } from '../../disk-name';
import { contentTextSchema, diskNameSchema, emptyRequest, grantSchema } from './common';
import { typedTextProblem } from '../../typed-text';
import { mfsPathSchema, typedMfsNameSchema } from './files';

/** A path inside a dropped folder, `/`-separated, without empty, `.` or `..` segments. */
const relativePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (path) => path.split('/').every((segment) => diskNameProblem(segment) === null),
    'a relative path inside the folder, each name one that can be written on any OS',
  );

const inlineData = z.instanceof(Uint8Array);

/** Where the content of an upload comes from. Electron sends grants for paths; the browser harness sends bytes. */
export const uploadSourceSchema = z.discriminatedUnion('kind', [
  /** A file or folder the user chose, streamed from disk by main. `car` imports a CAR file's DAG instead of adding the file. */
  z.object({ kind: z.literal('grant'), grant: grantSchema, car: z.boolean().optional() }).strict(),
  /**
   * A file's bytes: a browser's file, or text pasted as a new file. `typed` says its name was typed
   * for it, and so is held to what a person may type (a file's own name from disk is not).
   */
  z
    .object({
      kind: z.literal('bytes'),
      name: diskNameSchema,
      data: inlineData,
      car: z.boolean().optional(),
      typed: z.literal(true).optional(),
    })
    .strict()
    .superRefine(({ name, typed }, context) => {
      const problem = typed ? typedTextProblem(name) : null;
      if (problem) context.addIssue({ code: 'custom', message: problem, path: ['name'] });
    }),
  /** A folder read by a browser: its files with their paths inside it, and its folders (so empty ones are kept). */
  z
    .object({
      kind: z.literal('tree'),
      name: diskNameSchema,
      files: z.array(z.object({ path: relativePathSchema, data: inlineData }).strict()).max(100_000),
      folders: z.array(relativePathSchema).max(100_000),
    })
    .strict(),
  /** Content already on IPFS (a CID, /ipfs/ path, ipfs:// URL or gateway link), linked into Files without fetching it. */
  z.object({ kind: z.literal('content'), ref: contentTextSchema, name: typedMfsNameSchema.optional() }).strict(),
]);

export type UploadSource = z.infer<typeof uploadSourceSchema>;

export const uploadOptionsSchema = uploadSettingsSchema.strict();

export type UploadOptions = z.infer<typeof uploadOptionsSchema>;

const uploadIdsSchema = z.array(z.uuid()).min(1).max(10_000);

/** The bytes a source carries in the request itself (the browser harness's files, pasted text). */
export function inlineBytes(source: UploadSource): number {
  if (source.kind === 'bytes') return source.data.byteLength;
  if (source.kind === 'tree') return source.files.reduce((sum, file) => sum + file.data.byteLength, 0);
  return 0;
}

export const uploadsRequests = {
  'uploads.list': emptyRequest,
  'uploads.enqueue': z
    .object({
      folder: mfsPathSchema,
      sources: z.array(uploadSourceSchema).min(1).max(MAX_SOURCES_PER_ENQUEUE),
      options: uploadOptionsSchema,
    })
    .strict()
    .refine(
      ({ sources }) => sources.reduce((sum, source) => sum + inlineBytes(source), 0) <= MAX_INLINE_BYTES,
      'at most 64 MiB of inline bytes per request',
    ),
  'uploads.cancel': z.object({ ids: z.union([uploadIdsSchema, z.literal('all')]) }).strict(),
  'uploads.retry': z.object({ ids: z.union([uploadIdsSchema, z.literal('failed')]) }).strict(),
  /**
   * Forgets finished items (added, duplicate, cancelled, failed, interrupted), or with 'landed' only
   * those that landed (added, duplicate), so what still needs a Retry stays; running ones stay.
   */
  'uploads.clear': z.object({ ids: z.union([uploadIdsSchema, z.enum(['finished', 'landed'])]) }).strict(),
};

export type UploadKind = 'file' | 'folder' | 'car' | 'content';

/**
 * queued → adding → added | duplicate | failed | cancelled. An item that was queued or adding when
 * the app stopped comes back as interrupted; failed, cancelled and interrupted items can be retried.
 */
export type UploadState = 'queued' | 'adding' | 'added' | 'duplicate' | 'failed' | 'cancelled' | 'interrupted';

export interface UploadItem {
  id: string;
  name: string;
  kind: UploadKind;
  /** The Files folder it goes into. */
  folder: string;
  options: UploadOptions;
  state: UploadState;
  /** Known once the source has been looked at (a folder is walked first). */
  totalBytes: number | null;
  totalFiles: number | null;
  bytesDone: number;
  filesDone: number;
  createdAt: number;
  /** When the current attempt started adding, for the rate and time left. */
  startedAt: number | null;
  finishedAt: number | null;
  result?: {
    cid: string;
    /** Where it is in Files. */
    path: string;
    size: number;
    /** Said to the user: a name taken, the same content already there, what a symlink policy skipped. */
    notes: UploadNote[];
  };
  /** Its code and parameters for the renderer's words; main's sentence for Details and the log. */
  error?: CairnError;
  /**
   * The CIDs it began to link into Files, saved before the first change to Files: until it lands,
   * what Files may hold of it after a stop, and what a retry finds there as its own.
   */
  linking?: string[];
  /**
   * Of those, the ones the node already pinned before this upload's add, as Cairn last read its pins:
   * the add gave that pin the upload's name, and clearing the row leaves it.
   */
  pinnedBefore?: string[];
}

/** Something about a landed upload worth telling, as a kind with parameters: the renderer words it. */
export type UploadNote =
  /** Hidden files and folders the Upload options left out. */
  | { kind: 'hidden-left-out'; count: number }
  /** Symlinks the Upload options skipped. */
  | { kind: 'symlinks-skipped'; count: number }
  /** The same content was already at `path`: nothing was copied. */
  | { kind: 'already-there'; path: string }
  /** `taken` holds other content, so the upload got the free name `name`. */
  | { kind: 'renamed'; taken: string; name: string }
  /** A CAR file's further root, linked at `path`. */
  | { kind: 'another-root'; cid: string; path: string }
  /** Content already on IPFS, linked into Files without fetching or pinning it. */
  | { kind: 'linked-by-reference' }
  /** Cancelled once all of it had reached the node: it was finished rather than left pinned outside Files. */
  | { kind: 'cancel-too-late' }
  /** A note an earlier version of Cairn wrote as a sentence. */
  | { kind: 'earlier'; text: string };

export interface UploadsResponses {
  'uploads.list': UploadItem[];
  'uploads.enqueue': UploadItem[];
  'uploads.cancel': null;
  'uploads.retry': null;
  'uploads.clear': null;
}

export interface UploadsEvents {
  /** Items whose state or progress changed (progress at most every few hundred ms), and ids forgotten. */
  'uploads.changed': { items: UploadItem[]; removed: string[] };
}
