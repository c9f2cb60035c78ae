import { describe, expect, it } from 'vitest';
import { pickedFolderPath } from '../../shared/picked-folder';

describe('pickedFolderPath', () => {
  it.each([
    ['/x/album/a/b.txt', 'album/a/b.txt', '/x/album'],
    ['/x/album/b.txt', 'album/b.txt', '/x/album'],
    ['C:\\Users\\me\\album\\a\\b.txt', 'album/a/b.txt', 'C:\\Users\\me\\album'],
  ])('finds the folder %s was picked from', (file, relative, folder) => {
    expect(pickedFolderPath(file, relative)).toBe(folder);
  });

  it.each([
    ['no folder part', '/x/b.txt', 'b.txt'],
    ['a path that does not end with the relative path', '/x/album/a/b.txt', 'other/a/b.txt'],
    ['a climbing relative path', '/x/album/a/b.txt', '../a/b.txt'],
    ['more segments than the path has', '/b.txt', 'x/y/b.txt'],
  ])('grants nothing for %s', (_case, file, relative) => {
    expect(pickedFolderPath(file, relative)).toBeNull();
  });
});
