import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { StorageProblem } from '../../../shared/ipc/contract';
import type { Logger } from '../log';
import { writeFileAtomic } from './atomic-write';
import { load, moveAside, NOT_UTF8, notMatching, serialize } from './data-store';
import type { JournaledListSpec } from './file-spec';
import { openInPlace, truncateInPlace } from './in-place';
import { storageError } from './storage-errors';

/** The journal is folded into the snapshot once it holds this many changes, or more than the list holds. */
const FOLD_AFTER = 1000;

/** Past these a journal is not one Cairn wrote: it is set aside, not read on (or held in memory). */
export interface JournalLimits {
  lines: number;
  lineBytes: number;
  /** Whole lines that are not changes: Cairn leaves none (a kill cuts only the last, which is not whole). */
  damagedLines: number;
}

/**
 * Far past what a fold leaves (a fold that keeps failing lets the journal grow), and read in
 * seconds. A line that does not parse costs about 9 µs (a thrown error): a million of them held
 * start-up for 9 s, where a thousand cost 9 ms and still let a few damaged blocks be read past.
 */
const JOURNAL_LIMITS: JournalLimits = { lines: 1_000_000, lineBytes: 1 << 20, damagedLines: 1000 };

/** A list persisted one entry at a time, so that a change costs the same in a list of ten or ten thousand. */
export interface StoredList<T> {
  readonly path: string;
  /** The entries as on disk, in the order they were first written. */
  values(): T[];
  /** The entry with this key, if there is one. */
  get(key: string): T | undefined;
  /**
   * Writes new or changed entries (matched by key). Resolves once they are on disk; a failed write
   * rejects (a full disk as DISK_FULL, with the path) and leaves the list as it was. Changes made
   * while a write is under way are written together by the next one, in order.
   */
  put(entries: T[]): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Resolves once no write is under way (before the process exits). */
  flushed(): Promise<void>;
  /** Whether every entry on disk was read: false once a damaged snapshot or journal was set aside (or could not be). */
  readonly whole: boolean;
}

/** One line of the journal. */
type Change<T> = { put: T } | { remove: string };

interface Batch<T> {
  changes: Change<T>[];
  waiters: { resolve(): void; reject(error: unknown): void }[];
}

/**
 * The snapshot is the spec's list file, read under the store's one policy (versions, migrations,
 * `.unreadable-<time>`); each change is then appended to the journal as one JSON line and synced.
 * Reading replays the journal over the snapshot. Every line holds an entry whole, so replaying it
 * twice gives the same list: folding writes the snapshot (atomically) first and empties the
 * journal after, and a kill between the two loses nothing. A line a kill cut short was never
 * acknowledged and is dropped (a whole change that lacks only its newline is kept); a whole line
 * that cannot be read, or a last one that is not a change cut short, sets the journal aside.
 */
export async function openJournaledList<T>(
  dir: string,
  spec: JournaledListSpec<T>,
  log: Logger,
  report: (problem: StorageProblem) => void,
  limits = JOURNAL_LIMITS,
): Promise<StoredList<T>> {
  const path = join(dir, spec.name);
  const journalPath = join(dir, spec.journal);
  const loaded = await load(path, spec, log, report);
  const entries = new Map(loaded.value.map((entry) => [spec.keyOf(entry), entry]));
  let whole = loaded.whole;
  const journal = await replay(journalPath, spec, entries, limits, log, (problem) => {
    // Its only problems are lines it could not read, which it sets aside.
    whole = false;
    report(problem);
  });
  // Its lines change a snapshot that was not read whole (damaged, or written by a newer Cairn, whose
  // lines may hold what this one does not read): the fold below empties it, so it is kept aside too.
  if (!loaded.whole && journal.aside === null && (journal.changes > 0 || journal.tail !== 'none')) {
    const reason = `it holds changes to ${spec.name}, which could not be read whole, and is kept with it`;
    const problem = { path: journalPath, file: spec.journal, reason, kept: entries.size, dropped: 0 };
    journal.aside = (await moveAside(problem, log, report, true)) ? 'copied' : 'failed';
  }
  // Unread lines are never overwritten: a journal that could be neither read whole nor copied aside is not written to.
  const blocked =
    loaded.blocked ??
    (journal.aside === 'failed'
      ? new AppError(
          'FILE_UNWRITABLE',
          `Cairn did not write to ${journalPath}: it could not be read whole, and it could not be copied aside.`,
          { path: journalPath },
        )
      : null);
  /** Bytes of whole lines in the journal: where a failed append is cut back to. */
  let journalBytes = journal.wholeBytes;
  let changesSinceFold = journal.changes;
  let next: Batch<T> | null = null;
  let writing: Promise<void> | null = null;
  let failing = false;

  async function append(text: string): Promise<void> {
    try {
      const handle = await openInPlace(journalPath, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.datasync();
      } finally {
        await handle.close();
      }
      journalBytes += Buffer.byteLength(text);
    } catch (error) {
      // A line cut short by a full disk must not sit between whole ones.
      await truncateInPlace(journalPath, journalBytes).catch(() => undefined);
      throw error;
    }
  }

  /** The list as it is now becomes the snapshot; the journal starts again empty. */
  async function fold(): Promise<void> {
    await writeFileAtomic(path, serialize(spec, [...entries.values()]));
    changesSinceFold = 0;
    await truncateInPlace(journalPath, 0).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    journalBytes = 0;
  }

  function failed(error: unknown, file: string, filePath: string): unknown {
    const failure = storageError(error, filePath);
    if (!failing) {
      failing = true;
      log.error(`could not save ${filePath}: ${failure.message}`);
      report({ kind: 'write-failed', file, path: filePath, code: failure.code, message: failure.message });
    }
    return failure;
  }

  async function writeLoop(): Promise<void> {
    while (next) {
      const batch = next;
      next = null;
      const lines = batch.changes.map((change) => `${JSON.stringify(change)}\n`);
      if (lines.some((line) => Buffer.byteLength(line) > limits.lineBytes)) {
        await intoSnapshot(batch);
        continue;
      }
      try {
        await append(lines.join(''));
      } catch (error) {
        const failure = failed(error, spec.journal, journalPath);
        for (const waiter of batch.waiters) waiter.reject(failure);
        continue;
      }
      failing = false;
      for (const change of batch.changes) apply(entries, change, spec);
      changesSinceFold += batch.changes.length;
      for (const waiter of batch.waiters) waiter.resolve();
      // Folded when the journal outgrows the list: a change costs the same, on average, at any size.
      if (changesSinceFold >= Math.max(FOLD_AFTER, entries.size)) {
        await fold().catch((error: unknown) => failed(error, spec.name, path));
      }
    }
    writing = null;
  }

  /**
   * Changes of which one is longer than a journal line may be (an entry grown past any the reader
   * takes, as a CAR of thousands of roots may make) go into the snapshot, which has no such bound:
   * appended, the next start would take the journal for damage and set aside every change after.
   */
  async function intoSnapshot(batch: Batch<T>): Promise<void> {
    const before = [...entries];
    for (const change of batch.changes) apply(entries, change, spec);
    try {
      await fold();
    } catch (error) {
      entries.clear();
      for (const [key, entry] of before) entries.set(key, entry);
      const failure = failed(error, spec.name, path);
      for (const waiter of batch.waiters) waiter.reject(failure);
      return;
    }
    failing = false;
    for (const waiter of batch.waiters) waiter.resolve();
  }

  function write(changes: Change<T>[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (blocked) throw blocked;
      next ??= { changes: [], waiters: [] };
      next.changes.push(...changes);
      next.waiters.push({ resolve, reject });
      writing ??= writeLoop();
    });
  }

  // What was kept of a damaged snapshot, a migrated one, or a journal left by the last run, is folded at once.
  if (!blocked && (loaded.rewrite || journal.changes > 0 || journal.tail === 'cut' || journal.aside === 'copied')) {
    await fold().catch((error: unknown) => failed(error, spec.name, path));
  }
  // A line a kill cut short goes, and one that lacks only its newline (still there if the fold
  // failed) gets it, so that the next line starts on a line of its own.
  if (journal.tail === 'cut' && !blocked) await truncateInPlace(journalPath, journalBytes).catch(() => undefined);
  if (journal.tail === 'unterminated' && journalBytes > 0 && !blocked) await append('\n').catch(() => undefined);

  return {
    path,
    values: () => [...entries.values()],
    get: (key) => entries.get(key),
    put: (changed) => write(changed.map((entry) => ({ put: entry }))),
    remove: (keys) => write(keys.map((key) => ({ remove: key }))),
    flushed: () => writing ?? Promise.resolve(),
    whole,
  };
}

/**
 * Applies the journal's changes to `entries`, a line at a time. A whole line that does not read is
 * dropped and counted, and the journal is set aside under the store's policy, what did read being
 * kept; one past the limits (damaged lines included) is set aside as soon as that shows, what was
 * read before being kept.
 */
async function replay<T>(
  journalPath: string,
  spec: JournaledListSpec<T>,
  entries: Map<string, T>,
  limits: JournalLimits,
  log: Logger,
  report: (problem: StorageProblem) => void,
): Promise<Replayed> {
  const setAside = (reason: string, dropped: number | null, copy = false) =>
    moveAside({ path: journalPath, file: spec.journal, reason, kept: entries.size, dropped }, log, report, copy);
  let handle: FileHandle;
  try {
    handle = await openInPlace(journalPath, constants.O_RDONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') await setAside(messageOf(error), null);
    return { changes: 0, wholeBytes: 0, tail: 'none', aside: null };
  }
  let changes = 0;
  let dropped = 0;
  /** Changes read with bytes that are not UTF-8 in them: kept, and the journal copied aside as it was. */
  let mangled = 0;
  let read: { bytes: number; tail: Buffer };
  try {
    read = await eachLine(handle, limits, (line) => {
      changes += 1;
      const change = readChange(line.toString('utf8'), spec);
      if (change && !isUtf8(line)) mangled += 1;
      if (change) apply(entries, change, spec);
      else if (++dropped > limits.damagedLines) {
        throw new Error(
          `more than ${limits.damagedLines} of its lines are not changes: damage, not a journal Cairn wrote`,
        );
      }
    });
  } catch (error) {
    await setAside(messageOf(error), null);
    return { changes, wholeBytes: 0, tail: 'none', aside: null };
  } finally {
    await handle.close();
  }
  const last = read.tail.length === 0 ? null : readChange(read.tail.toString('utf8'), spec);
  if (last) {
    changes += 1;
    if (!isUtf8(read.tail)) mangled += 1;
    apply(entries, last, spec);
  }
  const strange = read.tail.length > 0 && !last ? strangeTail(read.tail) : null;
  // A strange tail is kept as a line of its own (the next change starts on a new line), like a whole change.
  const tail = last || strange ? 'unterminated' : read.tail.length > 0 ? 'cut' : 'none';
  const wholeBytes = read.bytes + (tail === 'unterminated' ? read.tail.length : 0);
  if (dropped === 0 && !strange && mangled === 0) return { changes, wholeBytes, tail, aside: null };
  const reasons = [
    ...(dropped > 0 ? [notMatching(dropped)] : []),
    ...(strange ? [strange] : []),
    ...(mangled > 0 ? [NOT_UTF8] : []),
  ];
  // Copied aside: the journal stays until the snapshot holds what was read of it, so a fold that
  // fails (a full disk) leaves it to be read again at the next start, not lost.
  const aside = await setAside(reasons.join('; '), dropped + (strange ? 1 : 0), true);
  return { changes, wholeBytes, tail, aside: aside ? 'copied' : 'failed' };
}

interface Replayed {
  /** Lines read, whether they applied or not. */
  changes: number;
  /** Bytes of the lines kept in the journal. */
  wholeBytes: number;
  /** After the last newline: nothing, a change a kill cut short, or a whole change (or damage) without its newline. */
  tail: 'none' | 'cut' | 'unterminated';
  /** Lines that did not read: copied aside (folded away once the snapshot is written), or stuck there. */
  aside: 'copied' | 'failed' | null;
}

/** Why what follows the last newline is not what a kill mid-append leaves (the start of a change); null when it is. */
function strangeTail(tail: Buffer): string | null {
  if (tail.includes(0)) return 'it ends in NUL bytes where a change was being written: damage, not a change cut short';
  if (tail[0] !== 0x7b) return 'it ends, without a newline, in text that is not the start of a change';
  return null;
}

/**
 * Calls `onLine` with each whole line of the file, read a chunk at a time so that no journal is
 * ever held whole; returns the bytes of whole lines and what follows the last newline. Throws,
 * saying which, past the limits.
 */
async function eachLine(
  handle: FileHandle,
  limits: JournalLimits,
  onLine: (line: Buffer) => void,
): Promise<{ bytes: number; tail: Buffer }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lines = 0;
  let bytes = 0;
  let firstChunk = true;
  for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) {
    // Saved by an editor that marks UTF-8, as the .json files may be: the mark is not part of a change.
    let start = firstChunk && startsWithByteOrderMark(chunk) ? BYTE_ORDER_MARK.length : 0;
    firstChunk = false;
    bytes += start;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const line =
        pending.length === 0 ? chunk.subarray(start, end) : Buffer.concat([...pending, chunk.subarray(start, end)]);
      pending = [];
      pendingBytes = 0;
      lines += 1;
      if (lines > limits.lines) throw new Error(`it holds more than ${limits.lines} lines, more than Cairn writes`);
      if (line.length > limits.lineBytes) throw lineTooLong(limits);
      bytes += line.length + 1;
      onLine(line);
      start = end + 1;
    }
    pending.push(chunk.subarray(start));
    pendingBytes += chunk.length - start;
    if (pendingBytes > limits.lineBytes) throw lineTooLong(limits);
  }
  return { bytes, tail: Buffer.concat(pending) };
}

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);
const startsWithByteOrderMark = (chunk: Buffer) => chunk.subarray(0, BYTE_ORDER_MARK.length).equals(BYTE_ORDER_MARK);

const lineTooLong = (limits: JournalLimits) =>
  new Error(`a line is longer than ${limits.lineBytes} bytes, longer than any change Cairn writes`);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function apply<T>(entries: Map<string, T>, change: Change<T>, spec: JournaledListSpec<T>): void {
  if ('put' in change) entries.set(spec.keyOf(change.put), change.put);
  else entries.delete(change.remove);
}

function readChange<T>(line: string, spec: JournaledListSpec<T>): Change<T> | null {
  // Cheaply, for a journal of blank lines: every change is an object.
  if (!line.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  if ('remove' in parsed && typeof parsed.remove === 'string') return { remove: parsed.remove };
  if (!('put' in parsed)) return null;
  const entry = spec.readEntry(parsed.put);
  return entry === null ? null : { put: entry };
}
