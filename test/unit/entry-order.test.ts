import { describe, expect, it } from 'vitest';
import type { MfsEntry } from '../../shared/ipc/contract';
import { createVisibleEntries, rowInPlaceOf, visibleEntries } from '../../renderer/features/files/browser/entry-order';

const entry = (name: string, type: MfsEntry['type'], size: number, cid = `bafy${name}`): MfsEntry => ({
  name,
  type,
  size,
  cid,
});
const entries = [
  entry('b.txt', 'file', 30),
  entry('file10.png', 'file', 5),
  entry('zeta', 'folder', 100),
  entry('file2.png', 'file', 50),
  entry('Alpha', 'folder', 1),
];
const names = (list: MfsEntry[]) => list.map((item) => item.name);

describe('the order and filter of the file list', () => {
  it('puts folders first, then names in natural order, either way', () => {
    expect(names(visibleEntries(entries, { key: 'name', descending: false }, ''))).toEqual([
      'Alpha',
      'zeta',
      'b.txt',
      'file2.png',
      'file10.png',
    ]);
    expect(names(visibleEntries(entries, { key: 'name', descending: true }, ''))).toEqual([
      'zeta',
      'Alpha',
      'file10.png',
      'file2.png',
      'b.txt',
    ]);
  });

  it('orders names equal but for case, composition or leading zeros the same from any listing order, and reverses it exactly', () => {
    const twins = ['case', 'Case', 'CASE', 'caf\u00e9', 'cafe\u0301', 'file2', 'file02'].map((name) =>
      entry(name, 'file', 7),
    );
    for (const key of ['name', 'size', 'type'] as const) {
      const up = names(visibleEntries(twins, { key, descending: false }, ''));
      expect(names(visibleEntries([...twins].reverse(), { key, descending: false }, ''))).toEqual(up);
      expect(names(visibleEntries(twins, { key, descending: true }, ''))).toEqual([...up].reverse());
    }
  });

  it('sorts by size and by type (extension)', () => {
    expect(names(visibleEntries(entries, { key: 'size', descending: false }, ''))).toEqual([
      'Alpha',
      'zeta',
      'file10.png',
      'b.txt',
      'file2.png',
    ]);
    expect(names(visibleEntries(entries, { key: 'type', descending: false }, ''))).toEqual([
      'Alpha',
      'zeta',
      'file2.png',
      'file10.png',
      'b.txt',
    ]);
  });

  it('filters by a part of the name, any case, or by the start of the CID', () => {
    expect(names(visibleEntries(entries, { key: 'name', descending: false }, 'FILE'))).toEqual([
      'file2.png',
      'file10.png',
    ]);
    expect(names(visibleEntries(entries, { key: 'name', descending: false }, 'bafyzet'))).toEqual(['zeta']);
  });

  it('does not reorder the entries it was given', () => {
    const before = names(entries);
    visibleEntries(entries, { key: 'size', descending: true }, '');
    expect(names(entries)).toEqual(before);
  });

  it('gives the same rows when a growing listing is merged page by page as when sorted whole', () => {
    const many = Array.from({ length: 3_000 }, (_, i) =>
      entry(`item ${(i * 7919) % 3_000}${i % 3 ? '.txt' : ''}`, i % 7 ? 'file' : 'folder', (i * 31) % 1000),
    );
    for (const sort of [
      { key: 'name' as const, descending: false },
      { key: 'size' as const, descending: true },
    ]) {
      for (const filter of ['', '1']) {
        const sorted = createVisibleEntries();
        // Pages of a listing still arriving, each the previous entries plus more.
        for (let end = 200; end < many.length; end += 700) sorted(many.slice(0, end), sort, filter);
        const rows = sorted(many, sort, filter);
        expect(names(rows)).toEqual(names(visibleEntries(many, sort, filter)));
      }
    }
  });

  it('gives the same rows when a listing is read again with a few entries added, resized or gone as when sorted whole', () => {
    const many = Array.from({ length: 3_000 }, (_, i) =>
      entry(`item ${(i * 7919) % 3_000}${i % 3 ? '.txt' : ''}`, i % 7 ? 'file' : 'folder', (i * 31) % 1000),
    );
    // New objects for every entry, as a fresh listing brings; two added, one grown, one removed.
    const again = [
      ...many.slice(1).map((item, i) => (i === 500 ? { ...item, size: 999_999 } : { ...item })),
      entry('a new upload.bin', 'file', 7),
      entry('Item 1500 copy', 'folder', 3),
    ];
    for (const sort of [
      { key: 'name' as const, descending: false },
      { key: 'size' as const, descending: true },
      { key: 'type' as const, descending: false },
    ]) {
      for (const [first, second] of [
        ['', ''],
        ['1', ''],
        ['', '1'],
      ] as const) {
        const sorted = createVisibleEntries();
        sorted(many, sort, first);
        expect(names(sorted(again, sort, second))).toEqual(names(visibleEntries(again, sort, second)));
      }
    }
  });
});

describe('rowInPlaceOf', () => {
  const shown = ['a', 'b', 'c', 'd'];
  it('is the first row after the one gone that is still shown, several gone with it', () => {
    expect(rowInPlaceOf(shown, 1, new Set(['a', 'c', 'd']))).toBe('c');
    expect(rowInPlaceOf(shown, 1, new Set(['a', 'd']))).toBe('d');
  });
  it('is the last row before it when none after it stays, and none when none stays', () => {
    expect(rowInPlaceOf(shown, 2, new Set(['a', 'b']))).toBe('b');
    expect(rowInPlaceOf(shown, 3, new Set(['a']))).toBe('a');
    expect(rowInPlaceOf(shown, 0, new Set())).toBeNull();
  });
});
