import { z } from 'zod';
import { errorCodes } from '../../../../shared/errors';
import { uploadOptionsSchema, type UploadItem } from '../../../../shared/ipc/contract';
import { journaledListFile } from '../file-spec';

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
  result: z.object({ cid: z.string(), path: z.string(), size: z.number(), notes: z.array(z.string()) }).optional(),
  error: z.object({ code: z.enum(errorCodes), message: z.string() }).optional(),
}) satisfies z.ZodType<UploadItem>;

/** Where main reads an upload from, now and on any retry. */
export const storedSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1), car: z.boolean() }),
  z.object({ kind: z.literal('content'), ref: z.string().min(1) }),
]);

const storedUploadSchema = z.object({ item: uploadItemSchema, source: storedSourceSchema });

export type StoredUpload = z.infer<typeof storedUploadSchema>;

/**
 * The upload queue, every item with where it reads from: what was running comes back after a crash.
 * Version 2 has the same snapshot as version 1, with the changes since in uploads.journal: a
 * version-1 Cairn reading it alone would miss them, so it refuses it as newer.
 */
export const uploadsFile = journaledListFile({
  name: 'uploads.json',
  journal: 'uploads.journal',
  version: 2,
  key: 'uploads',
  entry: storedUploadSchema,
  keyOf: (entry) => entry.item.id,
  migrations: { 1: (old) => ({ ...old, version: 2 }) },
});
