import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { UploadItem, UploadNote } from '../../../shared/ipc/contract';
import { importPath } from '../content-argument';
import type { KuboClient } from '../kubo/kubo-client';
import { receivedSize } from './arrivals';
import { carRoots } from './car-roots';
import type { CancelUntilSent } from './cancel-until-sent';
import { addWithProfile } from './import-route';
import { multipartFile, newBoundary } from './multipart';
import type { Placed } from './place-in-files';
import { pinImported } from './pin-imported';
import { refuseSpecial } from '../special-files';
import { unreadable, walk, type Skipped, type WalkEntry } from '../walk';

/** What main keeps of an upload's source: a path (inline bytes are staged to disk first) or a content reference. */
export type StoredSource =
  | {
      kind: 'path';
      path: string;
      car: boolean;
      /** A file the browser harness sent: the size it announced, which its bytes may still be on their way to. */
      size?: number;
    }
  | { kind: 'content'; ref: string };

export interface Progress {
  totalBytes?: number | null;
  totalFiles?: number | null;
  bytesDone?: number;
  filesDone?: number;
}

export interface RunContext {
  kubo: KuboClient;
  /** The upload's cancel: it stops an add or import only until all of it was sent (see CancelUntilSent). */
  cancel: CancelUntilSent;
  report: (progress: Progress) => void;
  /** Links content into the upload's Files folder under a name (see FolderPlacer), unless the cancel stops it first. */
  place: (cid: string, name: string) => Promise<Placed>;
}

export interface Landed extends Placed {
  cid: string;
  size: number;
}

/** Timeout for resolving content by reference: offline it fails at once; online it may have to find the root block. */
const RESOLVE_TIMEOUT_MS = 60_000;

/** Runs one upload to its end: the content on the node, pinned as asked, and linked into its Files folder. */
export async function runUpload(item: UploadItem, source: StoredSource, context: RunContext): Promise<Landed> {
  if (source.kind === 'content') return linkContent(item, source.ref, context);
  // Unpinned blocks are safe from collection only once Files links them.
  const release = await context.kubo.holdAgainstGc(context.cancel.signal);
  try {
    return await (source.car ? importCar(item, source, context) : addPath(item, source, context));
  } finally {
    release();
  }
}

type PathSource = Extract<StoredSource, { kind: 'path' }>;

async function addPath(
  item: UploadItem,
  { path, size }: PathSource,
  { kubo, report, place, cancel: { signal, sending } }: RunContext,
): Promise<Landed> {
  const { hidden, symlinks, profile, pin } = item.options;
  const tree = await walk(path, { hidden, symlinks, signal });
  const [root] = tree.entries;
  // A file still arriving is read at its announced size, its reader waiting for the bytes to come.
  if (size !== undefined && root) root.size = tree.totalBytes = await receivedSize(path, size, signal);
  report({ totalBytes: tree.totalBytes, totalFiles: tree.totalFiles, bytesDone: 0, filesDone: 0 });
  const sizes = new Map(tree.entries.filter((entry) => entry.type === 'file').map((entry) => [entry.name, entry.size]));
  const current = new Map<string, number>();
  let completedBytes = 0;
  let filesDone = 0;
  const bytesDone = () => completedBytes + [...current.values()].reduce((sum, bytes) => sum + bytes, 0);
  const added = await addWithProfile(kubo, tree.entries, {
    profile,
    pin,
    pinName: item.name,
    signal,
    sending,
    onBytes(name, bytes) {
      current.set(name, bytes);
      report({ bytesDone: bytesDone() });
    },
    onAdded(name) {
      const size = sizes.get(name);
      if (size === undefined) return;
      current.delete(name);
      completedBytes += size;
      filesDone += 1;
      report({ bytesDone: bytesDone(), filesDone });
    },
  });
  const placed = await place(added.cid, item.name);
  return { ...placed, notes: [...skippedNotes(tree.skipped), ...placed.notes], cid: added.cid, size: tree.totalBytes };
}

/** What the Upload options left out of a folder, as notes. */
function skippedNotes({ hidden, symlinks }: Skipped): UploadNote[] {
  return [
    ...(hidden > 0 ? [{ kind: 'hidden-left-out', count: hidden } as const] : []),
    ...(symlinks > 0 ? [{ kind: 'symlinks-skipped', count: symlinks } as const] : []),
  ];
}

/** Imports a CAR file's blocks (`dag/import`) and links each of its roots into Files. */
async function importCar(
  item: UploadItem,
  source: PathSource,
  { kubo, report, place, cancel: { signal, sending } }: RunContext,
): Promise<Landed> {
  const { path } = source;
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  // Looked at again: a file that became a FIFO since it was queued would block the read for good.
  refuseSpecial(path, info);
  const size = source.size === undefined ? info.size : await receivedSize(path, source.size, signal);
  const entry: WalkEntry = { name: basename(path), path, type: 'file', size };
  report({ totalBytes: size, totalFiles: 1, bytesDone: 0, filesDone: 0 });
  let sent = 0;
  async function* counted(body: AsyncIterable<Buffer>) {
    for await (const chunk of body) {
      sent += chunk.byteLength;
      report({ bytesDone: Math.min(sent, size) });
      yield chunk;
    }
  }
  const boundary = newBoundary();
  // Kubo names no root it pins, and lists roots only when it pins them: they are read from the
  // file, whole once the import has read it.
  await kubo.upload(
    'dag/import',
    { 'pin-roots': 'false', stats: 'false' },
    { boundary, body: (buffers) => sending(counted(multipartFile(boundary, entry, buffers, { signal }))) },
    signal,
    () => undefined,
  );
  const roots = await carRoots(path);
  const [first, ...others] = roots;
  if (!first)
    throw new AppError('VALIDATION', `${path} has no root CID: is it a CAR file?`, { path, problem: 'not-a-car' });
  if (item.options.pin) await pinImported(kubo, roots, { name: item.name, what: "the CAR's roots", signal });
  report({ filesDone: 1 });
  const name = item.name.replace(/\.car$/i, '') || first;
  const placed = await place(first, name);
  const notes = [...placed.notes];
  for (const [index, cid] of others.entries()) {
    const more = await place(cid, `${name} (root ${index + 2})`);
    notes.push({ kind: 'another-root', cid, path: more.path }, ...more.notes);
  }
  return { ...placed, notes, cid: first, size };
}

/**
 * Links content already on IPFS into Files by reference: only its root is looked at, nothing is
 * fetched in full, and it is not pinned (that would download all of it).
 */
async function linkContent(item: UploadItem, ref: string, { kubo, report, place }: RunContext): Promise<Landed> {
  const path = importPath(ref);
  const stat = await kubo
    .call<{ Hash: string; CumulativeSize: number; Type: string }>(
      'files/stat',
      { arg: path, hash: 'true' },
      { timeoutMs: RESOLVE_TIMEOUT_MS },
    )
    .catch((error: unknown) => {
      if (error instanceof AppError) {
        throw new AppError(error.code, `Cannot import ${ref}: ${error.message}`, { ...error.details, content: ref });
      }
      throw error;
    });
  report({ totalBytes: null, totalFiles: null, filesDone: 1 });
  const placed = await place(stat.Hash, item.name);
  return {
    ...placed,
    notes: [...placed.notes, { kind: 'linked-by-reference' }],
    cid: stat.Hash,
    size: stat.CumulativeSize,
  };
}
