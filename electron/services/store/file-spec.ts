import type { z } from 'zod';

/**
 * migrations[n] turns a version-n document into version n+1 (a file without a version is version 0);
 * a step may wait (to re-seal secrets with the keychain, say). A step that leaves an entry out says
 * which and why through `leaveOut`, so that the file it came from is kept aside and the user told.
 */
export type Migrations = Record<
  number,
  (
    old: Record<string, unknown>,
    leaveOut: (why: string) => void,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>
>;

export interface SchemaIssue {
  path: PropertyKey[];
  message: string;
}

/** Where in a document a schema failed, and how: `pins.services.1.endpoint: Invalid URL`. */
export function issueText(issue: SchemaIssue, whole: string): string {
  return `${issue.path.map(String).join('.') || whole}: ${issue.message}`;
}

/** One persisted file: its name in the data folder, its version, and how its document maps to a value. */
export interface FileSpec<T> {
  name: string;
  version: number;
  migrations?: Migrations;
  /**
   * A current-version document as a value, dropping (and counting) the entries that fail their
   * schema, or naming each through `leaveOut`; throws when the document itself has the wrong shape.
   */
  read(document: Record<string, unknown>, leaveOut: (why: string) => void): { value: T; dropped: number };
  /** The document to write, without its version. */
  write(value: T): Record<string, unknown>;
  empty(): T;
  /** How many entries a value holds, to tell the user what was kept. */
  count(value: T): number;
  /**
   * Where the content lived before it had this file: another file of the data folder, read while
   * this one does not exist yet. `take` makes this file's document from it (null: nothing to take).
   */
  formerly?: { name: string; take(document: Record<string, unknown>): Record<string, unknown> | null };
}

/**
 * A file holding a list of entries under `key`: `{ version, [key]: [...] }`. Entries told apart by
 * `keyOf` are one per key: of two with the same key (Cairn writes none) the last is kept and the
 * other named, so that it is not lost without a word where the list is read into a map.
 */
export function listFile<S extends z.ZodType>(options: {
  name: string;
  version: number;
  key: string;
  entry: S;
  keyOf?: (entry: z.infer<S>) => string;
  migrations?: Migrations;
}): FileSpec<z.infer<S>[]> {
  const { key, entry, keyOf } = options;
  return {
    ...options,
    read(document, leaveOut) {
      const stored = document[key];
      if (!Array.isArray(stored)) throw new Error(`"${key}" is not a list`);
      const value = stored.flatMap((item: unknown) => {
        const parsed = entry.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
      const dropped = stored.length - value.length;
      if (!keyOf) return { value, dropped };
      const last = new Map(value.map((item, index) => [keyOf(item), index]));
      const unique = value.filter((item, index) => {
        const kept = last.get(keyOf(item)) === index;
        if (!kept) leaveOut(`${key}: "${keyOf(item)}" is there more than once; the last one is kept`);
        return kept;
      });
      return { value: unique, dropped };
    },
    write: (value) => ({ [key]: value }),
    empty: () => [],
    count: (value) => value.length,
  };
}

/** A file holding entries by name under `key`: `{ version, [key]: { name: entry } }`. */
export function recordFile<S extends z.ZodType>(options: {
  name: string;
  version: number;
  key: string;
  entry: S;
  migrations?: Migrations;
}): FileSpec<Record<string, z.infer<S>>> {
  const { key, entry } = options;
  return {
    ...options,
    read(document) {
      const stored = document[key];
      if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
        throw new Error(`"${key}" is not a map of entries`);
      }
      const kept: [string, z.infer<S>][] = [];
      for (const [name, item] of Object.entries(stored)) {
        const parsed = entry.safeParse(item);
        if (parsed.success) kept.push([name, parsed.data]);
      }
      // Made as own entries: assigned one by one, an entry named "__proto__" would vanish uncounted.
      const value = Object.fromEntries(kept) as Record<string, z.infer<S>>;
      return { value, dropped: Object.keys(stored).length - kept.length };
    },
    write: (value) => ({ [key]: value }),
    empty: () => ({}),
    count: (value) => Object.keys(value).length,
  };
}

/**
 * A list file whose entries change one at a time: a snapshot (a `listFile`) plus a journal beside
 * it, `<journal>`, where each change of one entry is appended as one line.
 */
export interface JournaledListSpec<T> extends FileSpec<T[]> {
  journal: string;
  /** What tells entries apart: a change replaces the entry with the same key. */
  keyOf(entry: T): string;
  /** One entry read from the journal, or null when it fails the entry's schema. */
  readEntry(stored: unknown): T | null;
}

export function journaledListFile<S extends z.ZodType>(options: {
  name: string;
  journal: string;
  version: number;
  key: string;
  entry: S;
  keyOf: (entry: z.infer<S>) => string;
  migrations?: Migrations;
}): JournaledListSpec<z.infer<S>> {
  const { journal, entry, keyOf } = options;
  return {
    ...listFile(options),
    journal,
    keyOf,
    readEntry(stored) {
      const parsed = entry.safeParse(stored);
      return parsed.success ? parsed.data : null;
    },
  };
}
