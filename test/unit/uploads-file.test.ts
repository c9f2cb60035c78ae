import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Logger } from '../../electron/services/log';
import { openDataStore } from '../../electron/services/store/data-store';
import { uploadsFile } from '../../electron/services/store/files/uploads-file';
import { interruptedWords, uploadNoteWords } from '../../renderer/features/files/upload-note-words';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-uploads-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An upload as version 2 wrote it: notes as main's sentences, an error without parameters. */
const stored = (id: string, extra: Record<string, unknown>) => ({
  item: {
    id,
    name: 'report.pdf',
    kind: 'file',
    folder: '/docs',
    options: { profile: 'node', pin: true, hidden: false, symlinks: 'preserve', pinServices: [] },
    totalBytes: 5,
    totalFiles: 1,
    bytesDone: 5,
    filesDone: 1,
    createdAt: 1,
    startedAt: 2,
    finishedAt: 3,
    ...extra,
  },
  source: { kind: 'path', path: '/home/me/report.pdf', car: false },
});

it('reads version 2: a sentence note stays as it was written, in the snapshot and in the journal it left', async () => {
  const old = '/docs/report.pdf holds other content, so this was named report (2).pdf.';
  const fromJournal = 'The same content is already in Files at /docs/report.pdf; nothing was duplicated.';
  await writeFile(
    join(dir, 'uploads.json'),
    JSON.stringify({
      version: 2,
      uploads: [
        stored('added-1', {
          state: 'added',
          result: { cid: CID, path: '/docs/report (2).pdf', size: 5, notes: [old] },
        }),
        stored('failed-1', {
          state: 'failed',
          error: { code: 'FILE_UNREADABLE', message: '/home/me/report.pdf no longer exists.' },
        }),
      ],
    }),
  );
  const line = stored('added-2', {
    state: 'duplicate',
    result: { cid: CID, path: '/docs/report.pdf', size: 5, notes: [fromJournal] },
  });
  await writeFile(join(dir, 'uploads.journal'), `${JSON.stringify({ put: line })}\n`);

  const store = await openDataStore(dir, quiet);
  const list = await store.openList(uploadsFile);
  expect(store.problems()).toEqual([]);
  const [added, failed, duplicate] = list.values().map((entry) => entry.item);
  expect(added?.result?.notes).toEqual([{ kind: 'earlier', text: old }]);
  expect(duplicate?.result?.notes).toEqual([{ kind: 'earlier', text: fromJournal }]);
  expect(added?.result?.notes.map(uploadNoteWords)).toEqual([old]);
  // An error without parameters still reads: the renderer falls back to main's sentence.
  expect(failed?.error).toEqual({ code: 'FILE_UNREADABLE', message: '/home/me/report.pdf no longer exists.' });
  expect(JSON.parse(await readFile(join(dir, 'uploads.json'), 'utf8'))).toMatchObject({ version: 3 });

  // Version 3 keeps a note's kind and an error's parameters.
  if (!added?.result || !failed) throw new Error('the version-2 items were not read');
  const item = {
    ...added,
    result: {
      ...added.result,
      notes: [{ kind: 'renamed' as const, taken: '/docs/report.pdf', name: 'report (2).pdf' }],
    },
  };
  const error = {
    code: 'FILE_UNREADABLE' as const,
    message: 'gone',
    details: { path: '/home/me/report.pdf', problem: 'gone' },
  };
  await list.put([
    { item, source: { kind: 'path', path: '/home/me/report.pdf', car: false } },
    { item: { ...failed, error }, source: { kind: 'path', path: '/home/me/report.pdf', car: false } },
  ]);
  await list.flushed();
  const again = (await (await openDataStore(dir, quiet)).openList(uploadsFile)).values().map((entry) => entry.item);
  expect(again[0]?.result?.notes).toEqual(item.result.notes);
  expect(again[1]?.error).toEqual(error);
});

it('words each note kind', () => {
  expect(uploadNoteWords({ kind: 'hidden-left-out', count: 1 })).toBe('1 hidden item left out (Upload options).');
  expect(uploadNoteWords({ kind: 'symlinks-skipped', count: 3 })).toBe('3 symlinks skipped (Upload options).');
  expect(uploadNoteWords({ kind: 'already-there', path: '/docs/a.txt' })).toBe(
    'The same content is already in Files at /docs/a.txt; nothing was duplicated.',
  );
  expect(uploadNoteWords({ kind: 'renamed', taken: '/docs/a.txt', name: 'a (2).txt' })).toBe(
    '/docs/a.txt holds something else, so this was named a (2).txt.',
  );
  expect(uploadNoteWords({ kind: 'another-root', cid: CID, path: '/docs/set (root 2)' })).toBe(
    'The CAR file holds more than one item: another is at /docs/set (root 2).',
  );
  expect(uploadNoteWords({ kind: 'linked-by-reference' })).toBe(
    'Linked into Files by reference: nothing was fetched or pinned at import.',
  );
});

it('says of an interrupted upload whether Files may hold it, from the CIDs it began to link', () => {
  expect(interruptedWords({})).toBe('Cairn stopped before this upload finished. Nothing of it is in Files yet.');
  expect(interruptedWords({ linking: [CID] })).toBe(
    'Cairn stopped while putting this upload in Files: it may be there already. Retry finishes it.',
  );
});
