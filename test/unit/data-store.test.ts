import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import type { Logger } from '../../electron/services/log';
import { openDataStore } from '../../electron/services/store/data-store';
import { listFile } from '../../electron/services/store/file-spec';
import { secretsFile } from '../../electron/services/store/files/secrets-file';
import type { StorageProblem } from '../../shared/ipc/contract';

// The store's policy alone: binding legacy secrets to endpoints is the secret store's (trust tests).
const unboundSecrets = secretsFile((secrets) => Promise.resolve(secrets));
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const notesFile = listFile({
  name: 'notes.json',
  version: 2,
  key: 'notes',
  entry: z.object({ id: z.string(), text: z.string() }),
  migrations: { 1: (old) => ({ version: 2, notes: old.items }) },
});
const note = (id: string) => ({ id, text: `note ${id}` });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openNotes() {
  const store = await openDataStore(dir, quiet);
  return { store, file: await store.open(notesFile) };
}

/** The id of a process that has ended. */
async function endedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid ?? 0;
}

/** `promise`, or a failure once `seconds` have passed, after `unstick` has let go of what it waits on. */
async function withinSeconds<T>(promise: Promise<T>, seconds: number, unstick: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), seconds * 1000)));
  const first = await Promise.race([promise, late]);
  clearTimeout(timer);
  if (first !== 'late') return first;
  await unstick();
  throw new Error(`still waiting after ${seconds} s`);
}

const unreadable = (problems: StorageProblem[]) =>
  problems.filter(
    (problem): problem is Extract<StorageProblem, { kind: 'unreadable' }> => problem.kind === 'unreadable',
  );

describe('a damaged file', () => {
  const damaged: [string, string, RegExp][] = [
    ['truncated', '{ "version": 2, "notes": [{ "id": "a", "te', /not valid JSON/],
    ['empty', '', /empty/],
    ['garbage', '\u0000\u0001binary junk', /not valid JSON/],
    ['of the wrong shape', '{ "version": 2, "notes": "oops" }', /"notes" is not a list/],
    ['not an object', '[null]', /does not hold a JSON object/],
    ['from a newer Cairn', '{ "version": 9, "notes": [] }', /newer Cairn/],
  ];

  it.each(damaged)('%s: is moved aside with its bytes, reported, and the app starts empty', async (_, text, reason) => {
    await writeFile(join(dir, 'notes.json'), text);
    const { store, file } = await openNotes();
    expect(file.get()).toEqual([]);
    const [problem] = unreadable(store.problems());
    expect(problem).toMatchObject({ file: 'notes.json', kept: 0, dropped: null });
    expect(problem?.reason).toMatch(reason);
    expect(problem?.aside).toMatch(/notes\.json\.unreadable-\d+$/);
    expect(await readFile(problem?.aside ?? '', 'utf8')).toBe(text);
    // Nothing was written over it: the next save makes a new file beside the one set aside.
    await file.set([note('new')]);
    expect(await readFile(problem?.aside ?? '', 'utf8')).toBe(text);
  });

  it('keeps every entry that reads, drops and counts the others, and saves what it kept', async () => {
    const text = JSON.stringify({ version: 2, notes: [note('a'), null, { id: 3 }, note('b')] });
    await writeFile(join(dir, 'notes.json'), text);
    const { store, file } = await openNotes();
    expect(file.get()).toEqual([note('a'), note('b')]);
    const [problem] = unreadable(store.problems());
    expect(problem).toMatchObject({ kept: 2, dropped: 2 });
    expect(await readFile(problem?.aside ?? '', 'utf8')).toBe(text);
    expect(JSON.parse(await readFile(join(dir, 'notes.json'), 'utf8'))).toEqual({
      version: 2,
      notes: [note('a'), note('b')],
    });
  });

  it('that is a symbolic link is set aside unread, and what it points to left alone', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'cairn-outside-'));
    onTestFinished(() => rm(outside, { recursive: true, force: true }));
    const target = join(outside, 'notes.json');
    const text = JSON.stringify({ version: 2, notes: [note('elsewhere')] });
    await writeFile(target, text);
    await symlink(target, join(dir, 'notes.json'));
    const { store, file } = await openNotes();
    await file.set([note('a')]);
    expect(file.get()).toEqual([note('a')]);
    expect(await readFile(target, 'utf8')).toBe(text);
    const [problem] = unreadable(store.problems());
    expect(problem).toMatchObject({ reason: 'it is a symbolic link, which Cairn does not follow', dropped: null });
    expect((await lstat(problem?.aside ?? '')).isSymbolicLink()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')(
    'that is a named pipe is set aside unread, without waiting for a writer that never comes',
    async () => {
      const path = join(dir, 'notes.json');
      execFileSync('mkfifo', [path]);
      const opened = await withinSeconds(openNotes(), 3, async () => {
        // Lets go of a reader stuck on the pipe, so that the failure shows rather than a hung worker.
        const writer = await open(path, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
        await writer?.close();
      });
      expect(opened.file.get()).toEqual([]);
      const [problem] = unreadable(opened.store.problems());
      expect(problem).toMatchObject({ file: 'notes.json', kept: 0, dropped: null });
      expect(problem?.reason).toMatch(/not a regular file/);
      expect((await lstat(problem?.aside ?? '')).isFIFO()).toBe(true);
      await opened.file.set([note('a')]);
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 2, notes: [note('a')] });
    },
  );

  it.skipIf(process.platform === 'win32')('that is a socket is set aside unread', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'notes.json'), resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { store, file } = await openNotes();
    expect(file.get()).toEqual([]);
    const [problem] = unreadable(store.problems());
    expect(problem?.reason).toMatch(/not a regular file/);
    expect((await lstat(problem?.aside ?? '')).isSocket()).toBe(true);
  });

  it('never resets the secrets because one entry fails', async () => {
    const stored = { version: 1, secrets: { 'service:a': { sealed: 'AAAA' }, 'service:b': 42 } };
    await writeFile(join(dir, 'secrets.json'), JSON.stringify(stored));
    const store = await openDataStore(dir, quiet);
    expect((await store.open(unboundSecrets)).get()).toEqual({ 'service:a': { sealed: 'AAAA' } });
    expect(unreadable(store.problems())).toMatchObject([{ file: 'secrets.json', kept: 1, dropped: 1 }]);
  });
});

describe('entries by name', () => {
  it('keep one whose name is also a property of every object ("__proto__"), and write it back', async () => {
    const text = '{"version":2,"secrets":{"__proto__":{"sealed":"AAAA"},"service:b":{"sealed":"BBBB"}}}';
    await writeFile(join(dir, 'secrets.json'), text);
    const store = await openDataStore(dir, quiet);
    const secrets = await store.open(unboundSecrets);
    expect(Object.entries(secrets.get())).toEqual([
      ['__proto__', { sealed: 'AAAA' }],
      ['service:b', { sealed: 'BBBB' }],
    ]);
    expect(store.problems()).toEqual([]);
    await secrets.update((stored) => ({ ...stored, 'service:c': { sealed: 'CCCC' } }));
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))).toEqual(
      JSON.parse(
        '{"version":2,"secrets":{"__proto__":{"sealed":"AAAA"},"service:b":{"sealed":"BBBB"},"service:c":{"sealed":"CCCC"}}}',
      ),
    );
  });
});

describe('a file with bytes that are not UTF-8', () => {
  it('keeps what it read, and its bytes as they were aside, before writing over them', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`{ "version": 2, "notes": [${JSON.stringify(note('a'))}, { "id": "b", "text": "caf`),
      Buffer.from([0xe9]), // "é" in Latin-1: damage, not UTF-8
      Buffer.from('" }] }'),
    ]);
    await writeFile(join(dir, 'notes.json'), bytes);
    const { store, file } = await openNotes();
    expect(file.get()).toEqual([note('a'), { id: 'b', text: 'caf\uFFFD' }]);
    const [problem] = unreadable(store.problems());
    expect(problem).toMatchObject({ file: 'notes.json', kept: 2, dropped: 0 });
    expect(problem?.reason).toMatch(/not UTF-8/);
    expect(await readFile(problem?.aside ?? '')).toEqual(bytes);
  });
});

describe('a key written twice in one object', () => {
  it('keeps the last, names the other as left out, and keeps the bytes aside before writing', async () => {
    const text =
      '{"version":2,"secrets":{"service:a":{"sealed":"AAAA"}},' +
      '"secrets":{"service:b":{"sealed":"BBBB"},"service:b":{"sealed":"CCCC"}}}';
    await writeFile(join(dir, 'secrets.json'), text);
    const store = await openDataStore(dir, quiet);
    const secrets = await store.open(unboundSecrets);
    expect(secrets.get()).toEqual({ 'service:b': { sealed: 'CCCC' } });
    const [problem] = unreadable(store.problems());
    expect(problem).toMatchObject({ file: 'secrets.json', kept: 1, dropped: 2 });
    expect(problem?.reason).toContain('secrets is there more than once');
    expect(problem?.reason).toContain('secrets."service:b" is there more than once');
    expect(await readFile(problem?.aside ?? '', 'utf8')).toBe(text);
  });

  it('is told from the same text inside a value, or a key escaped differently', async () => {
    const text = JSON.stringify({ version: 2, notes: [{ id: 'a', text: '"id":"a","id":' }] }).replace(
      '"text"',
      '"te\\u0078t"',
    );
    await writeFile(join(dir, 'notes.json'), text);
    const { store, file } = await openNotes();
    expect(file.get()).toEqual([{ id: 'a', text: '"id":"a","id":' }]);
    expect(store.problems()).toEqual([]);
  });
});

describe('a file an editor saved', () => {
  it('with a UTF-8 byte-order mark reads as it is', async () => {
    await writeFile(join(dir, 'notes.json'), `\uFEFF${JSON.stringify({ version: 2, notes: [note('a')] })}`);
    const { store, file } = await openNotes();
    expect(file.get()).toEqual([note('a')]);
    expect(store.problems()).toEqual([]);
  });
});

describe('versions', () => {
  it('migrates an older file, and an unversioned secrets file of the first release', async () => {
    await writeFile(join(dir, 'notes.json'), JSON.stringify({ version: 1, items: [note('a')] }));
    await writeFile(join(dir, 'secrets.json'), JSON.stringify({ 'profile:x:credential': 'c2VhbGVk' }));
    const store = await openDataStore(dir, quiet);
    expect((await store.open(notesFile)).get()).toEqual([note('a')]);
    expect((await store.open(unboundSecrets)).get()).toEqual({ 'profile:x:credential': { sealed: 'c2VhbGVk' } });
    expect(store.problems()).toEqual([]);
  });
});

describe('writes', () => {
  it('change the value only once they are on disk, and leave it as it was when they fail', async () => {
    const { store, file } = await openNotes();
    await file.set([note('a')]);
    // A folder where the file should be: the rename over it fails, as a full or read-only disk would.
    await rm(join(dir, 'notes.json'));
    await mkdir(join(dir, 'notes.json', 'in-the-way'), { recursive: true });
    await expect(file.update((notes) => [...notes, note('b')])).rejects.toMatchObject({ code: 'FILE_UNWRITABLE' });
    expect(file.get()).toEqual([note('a')]);
    expect(store.problems()).toMatchObject([{ kind: 'write-failed', file: 'notes.json' }]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('made during a write are saved together by the next one, in order', async () => {
    const { file } = await openNotes();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => file.update((notes) => [...notes, note(id)])));
    expect(results.at(-1)).toEqual(['a', 'b', 'c', 'd'].map(note));
    expect(JSON.parse(await readFile(join(dir, 'notes.json'), 'utf8'))).toMatchObject({
      notes: ['a', 'b', 'c', 'd'].map(note),
    });
  });

  it('leave no temporary file behind: one left by a killed process is removed at the next start', async () => {
    await writeFile(join(dir, `notes.json.${await endedPid()}.0badcafe.tmp`), '{ "half": ');
    await writeFile(join(dir, 'mine.tmp'), 'not ours');
    await openNotes();
    expect((await readdir(dir)).sort()).toEqual(['mine.tmp']);
  });

  it('leave a folder named as a temporary file where it is, with what it holds, and start', async () => {
    const folder = join(dir, `notes.json.${await endedPid()}.0badcafe.tmp`);
    await mkdir(folder);
    await writeFile(join(folder, 'inside.txt'), 'kept');
    const { file } = await openNotes();
    await file.set([note('a')]);
    expect(await readFile(join(folder, 'inside.txt'), 'utf8')).toBe('kept');
  });

  it('leave alone the temporary file of a process that still runs: another Cairn may be writing it', async () => {
    const underWay = `notes.json.${process.pid}.0badcafe.tmp`;
    await writeFile(join(dir, underWay), '{ "half": ');
    await openNotes();
    expect(await readdir(dir)).toEqual([underWay]);
  });
});
