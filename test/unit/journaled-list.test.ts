import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Logger } from '../../electron/services/log';
import { openDataStore } from '../../electron/services/store/data-store';
import { journaledListFile } from '../../electron/services/store/file-spec';
import { openJournaledList } from '../../electron/services/store/journaled-list';
import type { StorageProblem } from '../../shared/ipc/contract';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const tasksFile = journaledListFile({
  name: 'tasks.json',
  journal: 'tasks.journal',
  version: 2,
  key: 'tasks',
  entry: z.object({ id: z.string(), done: z.boolean() }),
  keyOf: (task) => task.id,
  migrations: { 1: (old) => ({ ...old, version: 2 }) },
});
const task = (id: string, done = false) => ({ id, done });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openTasks() {
  const store = await openDataStore(dir, quiet);
  return { store, list: await store.openList(tasksFile) };
}
const read = (name: string) => readFile(join(dir, name), 'utf8');
const journalLines = async () => (await read('tasks.journal')).split('\n').filter(Boolean);
const unreadable = (problems: StorageProblem[]) =>
  problems.filter(
    (problem): problem is Extract<StorageProblem, { kind: 'unreadable' }> => problem.kind === 'unreadable',
  );

describe('a journaled list', () => {
  it('writes a change as one journal line, whatever the list holds, and reads it back in order', async () => {
    const { list } = await openTasks();
    await list.put(['a', 'b', 'c'].map((id) => task(id)));
    const snapshot = await read('tasks.json').catch(() => null);
    await list.put([task('b', true)]);
    await list.remove(['a']);
    expect(await journalLines()).toHaveLength(5);
    expect(await read('tasks.json').catch(() => null)).toBe(snapshot);
    expect(list.values()).toEqual([task('b', true), task('c')]);
    expect(list.get('b')).toEqual(task('b', true));
    expect(list.get('a')).toBeUndefined();
    // Reopened: the journal folded into the snapshot, which is the store's usual versioned document.
    const { list: again } = await openTasks();
    expect(again.values()).toEqual([task('b', true), task('c')]);
    expect(JSON.parse(await read('tasks.json'))).toEqual({ version: 2, tasks: [task('b', true), task('c')] });
    expect(await read('tasks.journal')).toBe('');
  });

  it('folds the journal into the snapshot once it outgrows the list, and changes made meanwhile wait their turn', async () => {
    const { list } = await openTasks();
    const ids = Array.from({ length: 1000 }, (_, i) => `t${i}`);
    await Promise.all([...ids.map((id) => list.put([task(id)])), list.put([task('late')])]);
    await list.flushed();
    const snapshot = JSON.parse(await read('tasks.json')) as { tasks: unknown[] };
    expect(snapshot.tasks).toHaveLength(1001);
    expect(await read('tasks.journal')).toBe('');
  });

  it('replays a journal over the snapshot it was already folded into (a kill between the two) to the same list', async () => {
    await writeFile(join(dir, 'tasks.json'), JSON.stringify({ version: 2, tasks: [task('a', true), task('b')] }));
    await writeFile(
      join(dir, 'tasks.journal'),
      [{ put: task('a') }, { put: task('gone') }, { remove: 'gone' }, { put: task('a', true) }]
        .map((change) => `${JSON.stringify(change)}\n`)
        .join(''),
    );
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('a', true), task('b')]);
    expect(store.problems()).toEqual([]);
  });

  it('drops a last line a kill cut short, silently: it was never acknowledged', async () => {
    await writeFile(join(dir, 'tasks.journal'), `${JSON.stringify({ put: task('a') })}\n{"put":{"id":"b","do`);
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('a')]);
    expect(store.problems()).toEqual([]);
    await list.put([task('c')]);
    expect(await journalLines()).toEqual([JSON.stringify({ put: task('c') })]);
  });

  it('keeps a whole last change that lacks only its newline, and the next change starts a line of its own', async () => {
    await writeFile(
      join(dir, 'tasks.journal'),
      `${JSON.stringify({ put: task('a') })}\n${JSON.stringify({ put: task('b') })}`,
    );
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('a'), task('b')]);
    expect(store.problems()).toEqual([]);
    await list.put([task('c')]);
    const { list: again } = await openTasks();
    expect(again.values()).toEqual([task('a'), task('b'), task('c')]);
  });

  it.each([
    ['NUL bytes', Buffer.alloc(4096), /NUL bytes/],
    ['text that is no change', Buffer.from('notes of the user'), /not the start of a change/],
  ])(
    'sets aside a journal that ends in %s, not a change cut short, keeping the whole lines',
    async (_, tail, reason) => {
      const text = Buffer.concat([Buffer.from(`${JSON.stringify({ put: task('a') })}\n`), tail]);
      await writeFile(join(dir, 'tasks.journal'), text);
      const { store, list } = await openTasks();
      expect(list.values()).toEqual([task('a')]);
      const [problem] = unreadable(store.problems());
      expect(problem).toMatchObject({ file: 'tasks.journal', kept: 1, dropped: 1 });
      expect(problem?.reason).toMatch(reason);
      expect(await readFile(problem?.aside ?? '')).toEqual(text);
    },
  );

  it('sets aside a journal with a line that does not read, keeping the changes that do', async () => {
    await writeFile(join(dir, 'tasks.json'), JSON.stringify({ version: 2, tasks: [task('a')] }));
    const text = `${JSON.stringify({ put: task('b') })}\n{"put":{"id":5}}\n${JSON.stringify({ remove: 'a' })}\n`;
    await writeFile(join(dir, 'tasks.journal'), text);
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('b')]);
    const [problem] = store.problems();
    expect(problem).toMatchObject({ kind: 'unreadable', file: 'tasks.journal', kept: 1, dropped: 1 });
    const aside = (await readdir(dir)).filter((name) => name.startsWith('tasks.journal.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await read(aside[0] ?? '')).toBe(text);
    expect(JSON.parse(await read('tasks.json'))).toEqual({ version: 2, tasks: [task('b')] });
  });

  it('drops, silently, a last line a kill cut in the middle of a character of more than one byte', async () => {
    const whole = `${JSON.stringify({ put: task('café') })}\n`;
    const cut = Buffer.from(JSON.stringify({ put: task('thé') })).subarray(0, '{"put":{"id":"th'.length + 1);
    await writeFile(join(dir, 'tasks.journal'), Buffer.concat([Buffer.from(whole), cut]));
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('café')]);
    expect(store.problems()).toEqual([]);
  });

  it('keeps a change with bytes that are not UTF-8, says so, and keeps the journal as it was aside', async () => {
    const text = Buffer.concat([
      Buffer.from(`${JSON.stringify({ put: task('a') })}\n{"put":{"id":"caf`),
      Buffer.from([0xe9]), // "é" in Latin-1: damage, not UTF-8
      Buffer.from('","done":true}}\n'),
    ]);
    await writeFile(join(dir, 'tasks.journal'), text);
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('a'), task('caf\uFFFD', true)]);
    const [problem] = unreadable(store.problems());
    expect(problem).toMatchObject({ file: 'tasks.journal', kept: 2, dropped: 0 });
    expect(problem?.reason).toMatch(/not UTF-8/);
    expect(await readFile(problem?.aside ?? '')).toEqual(text);
  });

  it('reads a snapshot of the version before journals, and writes it in the current one', async () => {
    await writeFile(join(dir, 'tasks.json'), JSON.stringify({ version: 1, tasks: [task('a'), task('b', true)] }));
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('a'), task('b', true)]);
    expect(store.problems()).toEqual([]);
    expect(JSON.parse(await read('tasks.json'))).toMatchObject({ version: 2 });
  });

  it('keeps aside, with a snapshot from a newer Cairn, the journal that changes it, before emptying it', async () => {
    const snapshot = JSON.stringify({ version: 3, tasks: [{ id: 'old', done: true, due: 5 }] });
    const text = `${JSON.stringify({ put: { id: 'a', done: false, due: 7 } })}\n`;
    await writeFile(join(dir, 'tasks.json'), snapshot);
    await writeFile(join(dir, 'tasks.journal'), text);
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('a')]);
    const problems = unreadable(store.problems());
    expect(problems).toMatchObject([
      { file: 'tasks.json', reason: expect.stringMatching(/newer Cairn/) as string },
      { file: 'tasks.journal', kept: 1, dropped: 0, reason: expect.stringMatching(/changes to tasks\.json/) as string },
    ]);
    expect(await readFile(problems[0]?.aside ?? '', 'utf8')).toBe(snapshot);
    expect(await readFile(problems[1]?.aside ?? '', 'utf8')).toBe(text);
    expect(await read('tasks.journal')).toBe('');
  });

  it('reads a journal saved with a UTF-8 byte-order mark as it is', async () => {
    await writeFile(join(dir, 'tasks.journal'), `\uFEFF${JSON.stringify({ put: task('a') })}\n`);
    await writeFile(join(dir, 'tasks.journal'), JSON.stringify({ put: task('b', true) }), { flag: 'a' });
    const { store, list } = await openTasks();
    expect(list.values()).toEqual([task('a'), task('b', true)]);
    expect(store.problems()).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')(
    'sets aside a journal that is a named pipe, unread, without waiting for a writer, and keeps the snapshot',
    async () => {
      await writeFile(join(dir, 'tasks.json'), JSON.stringify({ version: 2, tasks: [task('a')] }));
      execFileSync('mkfifo', [join(dir, 'tasks.journal')]);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 3000)));
      const opened = await Promise.race([openTasks(), late]);
      clearTimeout(timer);
      if (!opened) {
        // Lets go of a reader stuck on the pipe, so that the failure shows rather than a hung worker.
        await (
          await open(join(dir, 'tasks.journal'), constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null)
        )?.close();
      }
      expect(opened, 'opened without waiting on the pipe').not.toBeNull();
      const { store, list } = opened ?? (await openTasks());
      expect(list.values()).toEqual([task('a')]);
      const [problem] = unreadable(store.problems());
      expect(problem).toMatchObject({
        file: 'tasks.journal',
        reason: expect.stringMatching(/not a regular file/) as string,
      });
      expect((await lstat(problem?.aside ?? '')).isFIFO()).toBe(true);
      await list.put([task('b')]);
      expect(await journalLines()).toEqual([JSON.stringify({ put: task('b') })]);
    },
  );

  it('rejects a change it could not write and leaves the list as it was', async () => {
    const { store, list } = await openTasks();
    await list.put([task('a')]);
    await rm(join(dir, 'tasks.journal'));
    await mkdir(join(dir, 'tasks.journal'));
    await expect(list.put([task('b')])).rejects.toMatchObject({ code: 'FILE_UNWRITABLE' });
    expect(list.values()).toEqual([task('a')]);
    expect(store.problems()).toMatchObject([{ kind: 'write-failed', file: 'tasks.journal' }]);
  });

  describe('past the bounds of a journal Cairn writes', () => {
    const limits = { lines: 20, lineBytes: 200, damagedLines: 10 };
    async function openBounded() {
      const problems: StorageProblem[] = [];
      const list = await openJournaledList(dir, tasksFile, quiet, (problem) => problems.push(problem), limits);
      return { list, problems };
    }
    const asides = async () => (await readdir(dir)).filter((name) => name.startsWith('tasks.journal.unreadable-'));

    const changeLines = (count: number) =>
      Array.from({ length: count }, (_, index) => `${JSON.stringify({ put: task(`t${index}`) })}\n`).join('');

    it('sets aside a journal of too many lines as soon as it shows, keeping the changes read before', async () => {
      const text = changeLines(100_000);
      await writeFile(join(dir, 'tasks.journal'), text);
      const { list, problems } = await openBounded();
      expect(list.values()).toEqual(Array.from({ length: 20 }, (_, index) => task(`t${index}`)));
      expect(problems).toMatchObject([
        { kind: 'unreadable', file: 'tasks.journal', reason: expect.stringContaining('more than 20 lines') as string },
      ]);
      const [aside] = await asides();
      expect(await read(aside ?? '')).toBe(text);
      await list.put([task('b')]);
      expect(await journalLines()).toEqual([JSON.stringify({ put: task('b') })]);
    });

    it('stops reading a journal of damaged lines once there are more than a few, keeping what read', async () => {
      // A thrown parse error a line: a million of these held start-up for about 9 s.
      const text = `${changeLines(1)}${'{\n'.repeat(100_000)}${changeLines(2)}`;
      await writeFile(join(dir, 'tasks.journal'), text);
      const { list, problems } = await openBounded();
      expect(list.values()).toEqual([task('t0')]);
      expect(problems).toMatchObject([
        {
          kind: 'unreadable',
          file: 'tasks.journal',
          reason: expect.stringContaining('more than 10 of its lines are not changes') as string,
        },
      ]);
      const [aside] = await asides();
      expect(await read(aside ?? '')).toBe(text);
    });

    it('reads past a few damaged lines, and sets the journal aside after', async () => {
      const text = `${changeLines(1)}{\n\n${'{"put":'.repeat(3)}\n${changeLines(2)}`;
      await writeFile(join(dir, 'tasks.journal'), text);
      const { list, problems } = await openBounded();
      expect(list.values()).toEqual([task('t0'), task('t1')]);
      expect(problems).toMatchObject([
        { kind: 'unreadable', file: 'tasks.journal', reason: expect.stringContaining('3 entries') as string },
      ]);
    });

    it('writes a change longer than a line may be into the snapshot, so that the next start reads on past it', async () => {
      const { list } = await openBounded();
      await list.put([task('a')]);
      await list.put([task(`long-${'x'.repeat(300)}`)]);
      await list.put([task('b')]);
      const again = await openBounded();
      expect(again.list.values().map(({ id }) => id.slice(0, 5))).toEqual(['a', 'long-', 'b']);
      expect(again.problems).toEqual([]);
    });

    it('sets aside a journal with a line longer than any change, without holding it whole', async () => {
      const text = `${JSON.stringify({ put: task('a') })}\n${'x'.repeat(1 << 20)}`;
      await writeFile(join(dir, 'tasks.journal'), text);
      const { list, problems } = await openBounded();
      expect(list.values()).toEqual([task('a')]);
      expect(problems).toMatchObject([
        { file: 'tasks.journal', reason: expect.stringContaining('longer than 200 bytes') as string },
      ]);
      expect(await asides()).toHaveLength(1);
    });
  });

  describe('a journal that is a symbolic link', () => {
    let outside: string;
    beforeEach(async () => {
      outside = await mkdtemp(join(tmpdir(), 'cairn-outside-'));
    });
    afterEach(async () => {
      await rm(outside, { recursive: true, force: true });
    });

    it.each([
      ['a file of the user with no final newline', 'notes of the user, no final newline'],
      ['a file of the user', 'notes of the user\n'],
      ['nothing yet', null],
    ])('to %s is set aside, never read, appended to nor cut short', async (_, content) => {
      const target = join(outside, 'target.txt');
      if (content !== null) await writeFile(target, content);
      await symlink(target, join(dir, 'tasks.journal'));
      const { store, list } = await openTasks();
      await list.put([task('a')]);
      expect(await readFile(target, 'utf8').catch(() => null)).toBe(content);
      expect(unreadable(store.problems())).toMatchObject([
        { file: 'tasks.journal', reason: 'it is a symbolic link, which Cairn does not follow' },
      ]);
      const [aside] = unreadable(store.problems()).map((problem) => problem.aside);
      expect((await lstat(aside ?? '')).isSymbolicLink()).toBe(true);
      expect(await journalLines()).toEqual([JSON.stringify({ put: task('a') })]);
    });
  });
});
