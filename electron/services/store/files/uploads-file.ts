import { z } from 'zod';
import { uploadOptionsSchema, type UploadItem, type UploadNote } from '../../../../shared/ipc/contract';
import { journaledListFile } from '../file-spec';
import { storedErrorSchema } from './stored-error';

const noteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hidden-left-out'), count: z.number() }),
  z.object({ kind: z.literal('symlinks-skipped'), count: z.number() }),
  z.object({ kind: z.literal('already-there'), path: z.string() }),
  z.object({ kind: z.literal('renamed'), taken: z.string(), name: z.string() }),
  z.object({ kind: z.literal('another-root'), cid: z.string(), path: z.string() }),
  z.object({ kind: z.literal('linked-by-reference') }),
  z.object({ kind: z.literal('cancel-too-late') }),
  z.object({ kind: z.literal('earlier'), text: z.string() }),
]) satisfies z.ZodType<UploadNote>;

/** A version-2 note was main's sentence: it stays, to be shown as it was. */
const storedNoteSchema = z.union([noteSchema, z.string().transform((text): UploadNote => ({ kind: 'earlier', text }))]);

const uploadItemSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: z.enum(['file', 'folder', 'car', 'content']),
  folder: z.string(),
  options: uploadOptionsSchema,
  state: z.enum(['queued', 'adding', 'added', 'duplicate', 'failed', 'cancelled', 'interrupted']),
  totalBytes: z.number().nullable(),
  totalFiles: z.number().nullable(),
  bytesDone: z.number(),
  filesDone: z.number(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  result: z
    .object({ cid: z.string(), path: z.string(), size: z.number(), notes: z.array(storedNoteSchema) })
    .optional(),
  error: storedErrorSchema.optional(),
  linking: z.array(z.string()).optional(),
  pinnedBefore: z.array(z.string()).optional(),
}) satisfies z.ZodType<UploadItem>;

/** Where main reads an upload from, now and on any retry. */
export const storedSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('path'),
    path: z.string().min(1),
    car: z.boolean(),
    size: z.number().int().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('content'), ref: z.string().min(1) }),
]);

const storedUploadSchema = z.object({ item: uploadItemSchema, source: storedSourceSchema });

export type StoredUpload = z.infer<typeof storedUploadSchema>;

/**
 * The upload queue, every item with where it reads from: what was running comes back after a crash.
 * Version 2 has the same snapshot as version 1, with the changes since in uploads.journal: a
 * version-1 Cairn reading it alone would miss them, so it refuses it as newer. Version 3 keeps
 * notes as a kind with parameters and errors with theirs; a version-2 note, a sentence, is read as
 * an `earlier` note wherever it is found, the snapshot or a journal that version left (a journal
 * line carries no version), so the step itself changes nothing but the number.
 */
export const uploadsFile = journaledListFile({
  name: 'uploads.json',
  journal: 'uploads.journal',
  version: 3,
  key: 'uploads',
  entry: storedUploadSchema,
  keyOf: (entry) => entry.item.id,
  migrations: { 1: (old) => ({ ...old, version: 2 }), 2: (old) => ({ ...old, version: 3 }) },
});
