import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { StorageProblem } from '../../../shared/ipc/contract';
import type { Logger } from '../log';
import { removeTempFiles, writeFileAtomic } from './atomic-write';
import { issueText, type FileSpec, type JournaledListSpec, type Migrations, type SchemaIssue } from './file-spec';
import { readBytesInPlace, readInPlace } from './in-place';
import { repeatedKeys } from './repeated-keys';
import { openJournaledList, type StoredList } from './journaled-list';
import { storageError } from './storage-errors';

/** One persisted file: its value as last written, and the one way to change it. */
export interface StoredFile<T> {
  readonly path: string;
  /** False when the file could not be read whole on opening (it was set aside): the value may lack what was saved. */
  readonly readWhole: boolean;
  /** The value as it is on disk. */
  get(): T;
  /**
   * Applies `edit` and writes the result. The value changes in memory only once it is on disk;
   * a failed write rejects (a full disk as DISK_FULL, with the path) and leaves it as it was.
   * Edits made while a write is under way are written together by the next one.
   */
  update(edit: (current: T) => T): Promise<T>;
  set(value: T): Promise<T>;
  /** Resolves once no write is under way (before the process exits). */
  flushed(): Promise<void>;
}

/** The data folder: every file Cairn persists is opened through it, under one corrupt-file policy. */
export interface DataStore {
  readonly dir: string;
  open<T>(spec: FileSpec<T>): Promise<StoredFile<T>>;
  /** A list whose entries change one at a time, each change written on its own (see journaled-list). */
  openList<T>(spec: JournaledListSpec<T>): Promise<StoredList<T>>;
  /**
   * A folder of the data folder, made if missing. A symbolic link or a file in its place is set
   * aside unfollowed, under the same policy as a file: Cairn writes and deletes in its folders, and
   * must not do so in whatever a planted link points to. Null when it could not be set aside.
   */
  folder(name: string): Promise<string | null>;
  /** What went wrong reading or writing a file since the start, for the UI. */
  problems(): StorageProblem[];
  onProblem(listener: (problem: StorageProblem) => void): () => void;
}

/** Opens the data folder, removing the temporary files a killed process left behind. */
export async function openDataStore(dir: string, log: Logger): Promise<DataStore> {
  await mkdir(dir, { recursive: true });
  const removed = await removeTempFiles(dir);
  if (removed.length > 0) log.info(`removed ${removed.length} unfinished temporary file(s) from ${dir}`);
  const problems: StorageProblem[] = [];
  const listeners = new Set<(problem: StorageProblem) => void>();
  const report = (problem: StorageProblem) => {
    problems.push(problem);
    for (const listener of listeners) listener(problem);
  };
  return {
    dir,
    open: (spec) => openFile(join(dir, spec.name), spec, log, report),
    openList: (spec) => openJournaledList(dir, spec, log, report),
    folder: (name) => ownFolder(join(dir, name), name, log, report),
    problems: () => [...problems],
    onProblem(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function ownFolder(
  path: string,
  name: string,
  log: Logger,
  report: (problem: StorageProblem) => void,
): Promise<string | null> {
  const found = await lstat(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  });
  if (found && !found.isDirectory()) {
    const reason = found.isSymbolicLink() ? 'it is a symbolic link, which Cairn does not follow' : 'it is not a folder';
    const aside = await moveAside({ path, file: name, reason, kept: 0, dropped: null }, log, report, false, 'folder');
    if (aside === null) return null;
  }
  await mkdir(path, { recursive: true });
  return path;
}

export interface Loaded<T> {
  value: T;
  /** Write the value at once: what was kept of a damaged file, or a migrated one. */
  rewrite: boolean;
  /** Why writes are refused, when the file could be neither read nor moved aside. */
  blocked: AppError | null;
  /** Nothing of the file was left out: it was read whole, or there was none. */
  whole: boolean;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

async function openFile<T>(
  path: string,
  spec: FileSpec<T>,
  log: Logger,
  report: (problem: StorageProblem) => void,
): Promise<StoredFile<T>> {
  const loaded = await load(path, spec, log, report);
  let current = loaded.value;
  /** Edits not yet on disk: the value they make and who waits for it. */
  let next: { value: T; waiters: Waiter<T>[] } | null = null;
  /** The value being written now: later edits build on it. */
  let inFlight: { value: T } | null = null;
  let writing: Promise<void> | null = null;
  let failing = false;

  async function writeLoop(): Promise<void> {
    while (next) {
      const batch = next;
      next = null;
      inFlight = batch;
      try {
        await writeFileAtomic(path, serialize(spec, batch.value));
      } catch (error) {
        inFlight = null;
        const failure = storageError(error, path);
        // Edits made during the write were made on top of these: they fail with them.
        const later = next as typeof batch | null;
        const waiters = [...batch.waiters, ...(later?.waiters ?? [])];
        next = null;
        if (!failing) {
          failing = true;
          log.error(`could not save ${path}: ${failure.message}`);
          report({ kind: 'write-failed', file: spec.name, path, code: failure.code, message: failure.message });
        }
        for (const waiter of waiters) waiter.reject(failure);
        continue;
      }
      inFlight = null;
      failing = false;
      current = batch.value;
      for (const waiter of batch.waiters) waiter.resolve(batch.value);
    }
    writing = null;
  }

  const file: StoredFile<T> = {
    path,
    readWhole: loaded.whole,
    get: () => current,
    update(edit) {
      return new Promise<T>((resolve, reject) => {
        if (loaded.blocked) throw loaded.blocked;
        const value = edit(next?.value ?? inFlight?.value ?? current);
        next = { value, waiters: [...(next?.waiters ?? []), { resolve, reject }] };
        writing ??= writeLoop();
      });
    },
    set: (value) => file.update(() => value),
    flushed: () => writing ?? Promise.resolve(),
  };
  // What was kept of a damaged file (its bytes are already aside), or a migrated one, is written at once.
  if (loaded.rewrite) await file.set(current).catch(() => undefined);
  return file;
}

/** `{ version, ...payload }`, indented so a person can read it. */
export function serialize<T>(spec: FileSpec<T>, value: T): string {
  return `${JSON.stringify({ version: spec.version, ...spec.write(value) }, null, 2)}\n`;
}

/**
 * Reads a file under the one policy: a file that is missing starts empty; one that cannot be read,
 * parsed or understood is moved aside as `<name>.unreadable-<time>` (never overwritten), and the
 * app starts with what could be kept: entries that fail their schema are dropped and counted.
 */
export async function load<T>(
  path: string,
  spec: FileSpec<T>,
  log: Logger,
  report: (problem: StorageProblem) => void,
): Promise<Loaded<T>> {
  let bytes: Buffer;
  try {
    bytes = await readBytesInPlace(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // Taken from where it lived before, and written at once in its own file.
      const former = await fromFormerFile(path, spec);
      return { value: former ?? spec.empty(), rewrite: former !== null, blocked: null, whole: true };
    }
    return setAside(path, spec, error instanceof Error ? error.message : String(error), null, log, report);
  }
  let value: T;
  let dropped: number;
  let migrated: boolean;
  const leftOut: string[] = [];
  try {
    const text = bytes.toString('utf8');
    const stored = parseObject(text);
    const leaveOut = (why: string) => void leftOut.push(why);
    // Of a key written twice in one object, only the last is read: the others are left out, and said.
    for (const key of repeatedKeys(text)) leaveOut(`${key} is there more than once; the last one is read`);
    const document = await migrate(stored, spec.version, spec.migrations ?? {}, leaveOut);
    migrated = document !== stored;
    ({ value, dropped } = spec.read(document, leaveOut));
  } catch (error) {
    return setAside(path, spec, describe(error), null, log, report);
  }
  // A migrated file is written in its new version at once; one a migration left entries out of goes
  // aside first, so that nothing is lost without a copy and a word.
  // Bytes that are not UTF-8 (damage: Cairn writes none) read as U+FFFD: what they were is kept aside, not written over.
  const reasons = [...leftOut, ...(dropped === 0 ? [] : [notMatching(dropped)]), ...(isUtf8(bytes) ? [] : [NOT_UTF8])];
  if (reasons.length === 0) return { value, rewrite: migrated, blocked: null, whole: true };
  return setAside(path, spec, reasons.join('; '), { value, dropped: dropped + leftOut.length }, log, report);
}

async function setAside<T>(
  path: string,
  spec: FileSpec<T>,
  reason: string,
  salvaged: { value: T; dropped: number } | null,
  log: Logger,
  report: (problem: StorageProblem) => void,
): Promise<Loaded<T>> {
  const value = salvaged?.value ?? spec.empty();
  // What was kept is written over the file; until that succeeds the file stays, so a write that
  // fails (a full disk) leaves it to be read again at the next start, not lost with the rest.
  const aside = await moveAside(
    // Nothing is kept of a file that did not read at all, whatever its empty value holds (defaults).
    { path, file: spec.name, reason, kept: salvaged ? spec.count(value) : 0, dropped: salvaged?.dropped ?? null },
    log,
    report,
    salvaged !== null,
  );
  // Unread bytes are never overwritten: a file that cannot even be moved aside is not written to.
  const blocked = aside
    ? null
    : new AppError(
        'FILE_UNWRITABLE',
        `Cairn did not overwrite ${path}: it could not read it (${reason}) nor move it aside.`,
        { path },
      );
  return { value, rewrite: aside !== null && salvaged !== null, blocked, whole: false };
}

/**
 * The corrupt-file policy's one move: the file goes aside as `<name>.unreadable-<time>` (never
 * overwritten), or a copy of it when `copy` (the caller writes what it kept in its place), and
 * the log and the UI are told what was kept. Returns where it went (null: it stayed, uncopied).
 */
export async function moveAside(
  problem: { path: string; file: string; reason: string; kept: number; dropped: number | null },
  log: Logger,
  report: (problem: StorageProblem) => void,
  copy = false,
  place: 'file' | 'folder' = 'file',
): Promise<string | null> {
  const { path, reason, kept } = problem;
  const found = await foundInPlace(path, place);
  const aside = `${path}.unreadable-${Date.now()}`;
  const moved = await (copy ? copyFile(path, aside, constants.COPYFILE_EXCL) : rename(path, aside)).then(
    () => true,
    () => false,
  );
  log.error(
    `${path} could not be read as it was (${reason}); ${moved ? `${copy ? 'copied' : 'moved'} to ${aside}` : 'left in place'}, starting with ${kept} entr${kept === 1 ? 'y' : 'ies'} kept`,
  );
  report({ kind: 'unreadable', ...problem, aside: moved ? aside : null, ...(found ? { found } : {}) });
  return moved ? aside : null;
}

/** What stands at `path` when it is not the file or folder that belongs there, so the notice can say it. */
async function foundInPlace(
  path: string,
  place: 'file' | 'folder',
): Promise<{ thing: 'link' | 'file' | 'folder'; place: 'file' | 'folder' } | null> {
  const found = await lstat(path).catch(() => null);
  if (!found) return null;
  const thing = found.isSymbolicLink() ? 'link' : found.isDirectory() ? 'folder' : 'file';
  return thing === place ? null : { thing, place };
}

/** Why a file or journal whose text read, but not all of it as UTF-8, was set aside anyway. */
export const NOT_UTF8 = 'some of its bytes are not UTF-8 text, and were read as replacement characters';

export function notMatching(dropped: number): string {
  return `${dropped} entr${dropped === 1 ? 'y' : 'ies'} did not match what Cairn expects`;
}

/** The value a file that does not exist yet takes from the file that held it before, if any. */
async function fromFormerFile<T>(path: string, spec: FileSpec<T>): Promise<T | null> {
  const formerly = spec.formerly;
  if (!formerly) return null;
  try {
    const document = formerly.take(parseObject(await readInPlace(join(dirname(path), formerly.name))));
    return document
      ? spec.read(await migrate(document, spec.version, spec.migrations ?? {}), () => undefined).value
      : null;
  } catch {
    // The former file answers to its own reading (and its own corrupt-file policy).
    return null;
  }
}

function parseObject(text: string): Record<string, unknown> {
  if (text.trim() === '') throw new Error('the file is empty');
  let parsed: unknown;
  try {
    // A byte-order mark, as some editors save UTF-8, is not part of the JSON.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new Error('the file is not valid JSON (cut short or damaged)');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('the file does not hold a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Brings a document to the current version; a file from a newer Cairn is not guessed at. */
export async function migrate(
  document: Record<string, unknown>,
  version: number,
  migrations: Migrations,
  leaveOut: (why: string) => void = () => undefined,
): Promise<Record<string, unknown>> {
  let doc = document;
  let at = typeof doc.version === 'number' ? doc.version : 0;
  if (at > version) throw new Error(`it was written by a newer Cairn (version ${at}; this one reads up to ${version})`);
  while (at < version) {
    const step = migrations[at];
    if (!step) throw new Error(`no migration from version ${at}`);
    doc = await step(doc, leaveOut);
    at += 1;
  }
  return doc;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    const first = (error.issues as SchemaIssue[])[0];
    return `it does not have the expected shape${first ? ` (${issueText(first, 'top level')})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
