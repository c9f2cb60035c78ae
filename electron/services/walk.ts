import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { SymlinkPolicy } from '../../shared/settings-options';
import { startFsThread, type FsThread, type LstatAnswer } from './fs-thread';

export type EntryType = 'file' | 'folder' | 'symlink';

const STAT_BATCH = 64;
/** From this many entries in a folder, they are looked at on a thread, in one message. */
const THREAD_FROM_ENTRIES = 512;

export interface WalkEntry {
  /** `/`-separated, starting with the root's own name (what Kubo's multipart expects). */
  name: string;
  /** Where to read it on disk. */
  path: string;
  type: EntryType;
  size: number;
  /** A preserved symlink's target. */
  target?: string;
}

export interface Walk {
  /** Parents before their children, siblings in byte order of their names (as Kubo's CLI walks). */
  entries: WalkEntry[];
  totalBytes: number;
  totalFiles: number;
  /** What the policies left out, for the user to read. */
  skipped: Skipped;
}

export interface Skipped {
  hidden: number;
  symlinks: number;
}

export interface WalkOptions {
  hidden: boolean;
  symlinks: SymlinkPolicy;
  signal: AbortSignal;
  /** A thread to look at large folders on, the caller's to close; without it, one is started and closed here. */
  fs?: FsThread;
}

/** Looks at a file or folder before adding it: what it holds, how big it is, what the policies change. */
export async function walk(root: string, options: WalkOptions): Promise<Walk> {
  const skipped: Skipped = { hidden: 0, symlinks: 0 };
  const result: Walk = { entries: [], totalBytes: 0, totalFiles: 0, skipped };
  const rootEntry = await entryFor(root, basename(root), options);
  if (!rootEntry) {
    throw new AppError('FILE_UNREADABLE', `${root} is a symlink, and symlinks are set to be skipped.`, {
      path: root,
      problem: 'symlink-skipped',
    });
  }
  const threads: { fs?: FsThread } = {};
  try {
    await visit(rootEntry, new Set(), result, skipped, { ...options, threads });
  } finally {
    if (threads.fs !== options.fs) await threads.fs?.close();
  }
  return result;
}

async function visit(
  entry: WalkEntry,
  ancestors: Set<string>,
  result: Walk,
  skipped: Skipped,
  options: WalkOptions & { threads: { fs?: FsThread } },
): Promise<void> {
  options.signal.throwIfAborted();
  result.entries.push(entry);
  if (entry.type === 'file') {
    result.totalFiles += 1;
    result.totalBytes += entry.size;
  }
  if (entry.type !== 'folder') return;
  // Real paths of the folders above: following a symlink into one of them would never end.
  // Gone since its parent was listed (moved, deleted): said as such, as readdir's failure is below.
  const real = await realpath(entry.path).catch((error: unknown) => {
    throw unreadable(entry.path, error);
  });
  if (ancestors.has(real)) {
    throw new AppError('SYMLINK_LOOP', `${entry.name} leads back into a folder above it (a symlink loop).`, {
      path: entry.path,
    });
  }
  const below = new Set(ancestors).add(real);
  const names = await readdir(entry.path).catch((error: unknown) => {
    throw unreadable(entry.path, error);
  });
  const shown = inByteOrder(names.filter((name) => options.hidden || !name.startsWith('.')));
  await refuseNamesNotUtf8(entry.path, shown);
  skipped.hidden += names.length - shown.length;
  const children = await childrenOf(entry, shown, options);
  for (const child of children) {
    if (!child) skipped.symlinks += 1;
    else if (child.type === 'folder') await visit(child, below, result, skipped, options);
    else {
      // No await for what has no entries of its own: a folder of 10,000 files is not 10,000 turns.
      result.entries.push(child);
      if (child.type === 'file') {
        result.totalFiles += 1;
        result.totalBytes += child.size;
      }
    }
  }
}

/**
 * A name that is not UTF-8 (Latin-1 from an old archive or disk) comes back from readdir with U+FFFD
 * in place of its bytes: a path that names nothing, which the walk said was gone. Said as it is
 * instead. Only a folder with a U+FFFD in a name is read again, as bytes, to tell.
 */
async function refuseNamesNotUtf8(folder: string, names: string[]): Promise<void> {
  const suspects = new Set(names.filter((name) => name.includes('\uFFFD')));
  if (suspects.size === 0) return;
  const raw = await readdir(folder, { encoding: 'buffer' }).catch((error: unknown) => {
    throw unreadable(folder, error);
  });
  const bad = raw.find((bytes) => suspects.has(bytes.toString()) && !Buffer.from(bytes.toString()).equals(bytes));
  if (!bad) return;
  const path = join(folder, bad.toString());
  throw new AppError('FILE_UNREADABLE', `${path}: its name is not UTF-8, so Cairn cannot read it.`, {
    path,
    problem: 'name-not-utf8',
  });
}

/** Names sorted by their UTF-8 bytes, each encoded once (not twice per comparison). */
function inByteOrder(names: string[]): string[] {
  return names
    .map((name) => ({ name, bytes: Buffer.from(name) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ name }) => name);
}

/**
 * The entries for these names in a folder, in their order (null for a symlink the policy skips).
 * Many at once are looked at on a thread (one lstat at a time made a 10,000-file folder take half a
 * second, and 64 at once through libuv's pool still a tenth); a few in parallel batches here.
 */
async function childrenOf(
  folder: WalkEntry,
  names: string[],
  options: WalkOptions & { threads: { fs?: FsThread } },
): Promise<(WalkEntry | null)[]> {
  const paths = names.map((name) => join(folder.path, name));
  const nameOf = (index: number) => `${folder.name}/${names[index]}`;
  if (names.length >= THREAD_FROM_ENTRIES) {
    options.threads.fs ??= options.fs ?? startFsThread();
    const answers = await options.threads.fs.lstat(paths);
    // A file or folder is known from its answer, with no promise of its own; symlinks need more calls.
    const children: (WalkEntry | null)[] = [];
    const followed: Promise<void>[] = [];
    for (const [index, answer] of answers.entries()) {
      const path = paths[index] ?? '';
      if (answer.kind === 'file' || answer.kind === 'folder') {
        children.push(regular(path, nameOf(index), answer.kind, answer.size));
        continue;
      }
      const at = children.push(null) - 1;
      followed.push(entryFrom(path, nameOf(index), answer, options).then((entry) => void (children[at] = entry)));
    }
    await Promise.all(followed);
    return children;
  }
  const children: (WalkEntry | null)[] = [];
  for (let start = 0; start < paths.length; start += STAT_BATCH) {
    const batch = paths.slice(start, start + STAT_BATCH);
    children.push(...(await Promise.all(batch.map((path, at) => entryFor(path, nameOf(start + at), options)))));
  }
  return children;
}

/** The entry for a path, or null for a symlink the policy skips. */
async function entryFor(path: string, name: string, options: WalkOptions): Promise<WalkEntry | null> {
  const info = await lstat(path).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  return entryFrom(path, name, { kind: kindOf(info), size: info.size }, options);
}

function kindOf(info: Stats): 'symlink' | 'folder' | 'file' | 'other' {
  if (info.isSymbolicLink()) return 'symlink';
  return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
}

/** The entry for what lstat said of a path. */
async function entryFrom(
  path: string,
  name: string,
  info: LstatAnswer,
  options: WalkOptions,
): Promise<WalkEntry | null> {
  if (info.kind === 'error') throw unreadable(path, Object.assign(new Error(info.message), { code: info.code }));
  if (info.kind === 'symlink') {
    if (options.symlinks === 'skip') return null;
    if (options.symlinks === 'preserve') return { name, path, type: 'symlink', size: 0, target: await readlink(path) };
    const followed = await stat(path).catch((error: unknown) => {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'ELOOP') throw new AppError('SYMLINK_LOOP', `${path} is a symlink loop.`, { path });
      throw new AppError('FILE_UNREADABLE', `${path} is a symlink to something that cannot be read (${code}).`, {
        path,
        problem: 'broken-symlink',
      });
    });
    return regular(path, name, kindOf(followed), followed.size);
  }
  return regular(path, name, info.kind, info.size);
}

function regular(path: string, name: string, kind: LstatAnswer['kind'], size: number): WalkEntry {
  if (kind === 'folder') return { name, path, type: 'folder', size: 0 };
  if (kind === 'file') return { name, path, type: 'file', size };
  throw new AppError('FILE_UNREADABLE', `${path} is not a regular file or folder (a socket, pipe or device).`, {
    path,
    problem: 'not-regular',
  });
}

/** A failed read of `path`, with the path and what was wrong for the renderer's words. */
export function unreadable(path: string, error: unknown): AppError {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return new AppError('FILE_UNREADABLE', `${path} no longer exists.`, { path, problem: 'gone' });
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError('FILE_UNREADABLE', `${path} cannot be read: permission denied.`, { path, problem: 'denied' });
  }
  return new AppError('FILE_UNREADABLE', `${path} cannot be read: ${code ?? message}.`, { path });
}
