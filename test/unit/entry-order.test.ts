import { describe, expect, it } from 'vitest';
import type { MfsEntry } from '../../shared/ipc/contract';
import { visibleEntries } from '../../renderer/features/files/browser/entry-order';

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
});
