import { z } from 'zod';
import { baseName, nameProblem, pathProblem } from '../../mfs-path';
import { typedTextProblem } from '../../typed-text';
import { opIdSchema, shownAsTyped } from './common';

/** A path in the node's MFS, '/' or '/a/b'; the message says what is wrong with a bad one. */
export const mfsPathSchema = z
  .string()
  .max(4096)
  .superRefine((path, context) => {
    const problem = pathProblem(path);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/**
 * One entry name inside a folder (unicode, spaces, newlines and leading dashes are fine): a name
 * given in Files, an import's, a dropped file's.
 */
export const mfsNameSchema = z.string().superRefine((name, context) => {
  const problem = nameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** A name a person types for an entry (a new folder, a rename, an import's name). */
export const typedMfsNameSchema = mfsNameSchema.superRefine(shownAsTyped());

export const filesRequests = {
  /** The entries come as `files.listBatch` events of the same opId; the answer comes after the last. */
  'files.list': z.object({ opId: opIdSchema, folder: mfsPathSchema }).strict(),
  'files.stat': z.object({ path: mfsPathSchema }).strict(),
  'files.mkdir': z.object({ folder: mfsPathSchema, name: typedMfsNameSchema }).strict(),
  'files.move': z
    .object({ from: mfsPathSchema, toFolder: mfsPathSchema, name: mfsNameSchema })
    .strict()
    .superRefine(({ from, name }, context) => {
      // A new name was typed; an entry moved under its own name keeps it, whatever it holds.
      const problem = name === baseName(from) ? null : typedTextProblem(name);
      if (problem) context.addIssue({ code: 'custom', message: problem, path: ['name'] });
    }),
  'files.remove': z.object({ path: mfsPathSchema, unpin: z.boolean() }).strict(),
  /** Cumulative sizes of the folders on screen. */
  'files.sizes': z.object({ cids: z.array(z.string().min(1).max(512)).max(500) }).strict(),
  'files.export': z.object({ opId: opIdSchema, path: mfsPathSchema, as: z.enum(['content', 'car']) }).strict(),
  /** Main's own dialog (the dialog folder in the browser harness); what the user chose comes back as grants. */
  'files.choose': z.object({ kind: z.enum(['files', 'folder', 'car']), multiple: z.boolean() }).strict(),
};

/** A file or folder the user chose, as the renderer may hold it: a name to show and a grant to send back. */
export interface Granted {
  grant: string;
  name: string;
}

export type MfsEntryType = 'file' | 'folder';

export interface MfsEntry {
  name: string;
  type: MfsEntryType;
  /**
   * A file's size in bytes; a folder's cumulative size (its whole DAG). In a listing a folder's is
   * null until asked with `files.sizes`: the listing would otherwise read every folder's DAG.
   */
  size: number | null;
  cid: string;
  /** A UnixFS symbolic link (shown as a file, its size the length of the path it names): written to disk as a link. */
  symlink?: true;
}

export interface MfsStat extends MfsEntry {
  path: string;
  /** Read with the stat: a folder's cumulative size is always known here. */
  size: number;
}

/** The answer to `files.list`, once every entry went out as a `files.listBatch` event. */
export interface FolderListed {
  /** The folder's CID at the time of listing. */
  cid: string;
  /** How many entries the batches held. */
  count: number;
}

/** Entries of a folder listed by `files.list`, pushed as the node gives them. */
export interface FolderBatch {
  opId: string;
  cid: string;
  entries: MfsEntry[];
}

export type PinType = 'recursive' | 'direct' | 'indirect';

export interface Removed {
  path: string;
  cid: string;
  /** Whether a recursive pin of this CID was removed. */
  unpinned: boolean;
  /** How the node still pins the content after the removal (e.g. 'indirect': inside another pin), or null. */
  stillPinnedAs: PinType | null;
}

export interface Exported {
  /** Where the export was written, as the OS dialog chose it; null when the user dismissed the dialog. */
  destination: string | null;
  bytes: number;
  files: number;
}

export interface FilesResponses {
  'files.list': FolderListed;
  'files.stat': MfsStat;
  'files.mkdir': MfsStat;
  'files.move': MfsStat;
  'files.remove': Removed;
  /** Null where the node does not have the whole DAG. */
  'files.sizes': Record<string, number | null>;
  'files.export': Exported;
  'files.choose': Granted[];
}

export interface FilesEvents {
  /** A folder's content changed (Cairn's own operations and uploads); the renderer refreshes it if open. */
  'files.changed': { folder: string };
  'files.listBatch': FolderBatch;
}
