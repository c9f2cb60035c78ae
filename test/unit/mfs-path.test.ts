import { describe, expect, it } from 'vitest';
import { parseRange } from '../../electron/services/files/preview';
import { mfsNameSchema, mfsPathSchema } from '../../shared/ipc/contract';
import { isWithin, joinPath, nameProblem, parentOf, pathProblem, pathSegments } from '../../shared/mfs-path';
import { previewKindOf } from '../../shared/preview';

describe('MFS names and paths', () => {
  it.each([
    ['Café ☕.txt', null],
    ['two words', null],
    ['line\nbreak', null],
    ['--force', null],
    ['-r', null],
    ['', 'a name cannot be empty'],
    ['.', '“.” is not a name: it points at a folder itself'],
    ['..', '“..” is not a name: it points at a folder itself'],
    ['a/b', 'a name cannot contain “/”'],
    ['nul\0', 'a name cannot contain a NUL character'],
    ['é'.repeat(128), 'a name is at most 255 bytes'],
  ])('name %j: %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
    expect(mfsNameSchema.safeParse(name).success).toBe(problem === null);
  });

  it.each([
    ['/', null],
    ['/a/b c/-d', null],
    ['relative', 'an MFS path starts with “/”'],
    ['/a/', 'an MFS path does not end with “/”'],
    ['/a//b', 'a name cannot be empty'],
    ['/a/../b', '“..” is not a name: it points at a folder itself'],
    // Another program may have named it so in Kubo: it must stay reachable.
    [`/${'é'.repeat(128)}/b`, null],
  ])('path %j: %s', (path, problem) => {
    expect(pathProblem(path)).toBe(problem);
    expect(mfsPathSchema.safeParse(path).success).toBe(problem === null);
  });

  it('joins, splits and compares paths', () => {
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a', 'b')).toBe('/a/b');
    expect(parentOf('/a/b')).toBe('/a');
    expect(parentOf('/a')).toBe('/');
    expect(pathSegments('/a/b')).toEqual([
      { name: 'a', path: '/a' },
      { name: 'b', path: '/a/b' },
    ]);
    expect(pathSegments('/')).toEqual([]);
    expect(isWithin('/a/b', '/a')).toBe(true);
    expect(isWithin('/a', '/a')).toBe(true);
    expect(isWithin('/ab', '/a')).toBe(false);
  });
});

describe('previews', () => {
  it('chooses a kind and type from the name, markup as text', () => {
    expect(previewKindOf('Photo.JPG')).toEqual({ kind: 'image', type: 'image/jpeg' });
    expect(previewKindOf('page.html')).toEqual({ kind: 'text', type: 'text/plain; charset=utf-8' });
    expect(previewKindOf('talk.webm')).toEqual({ kind: 'video', type: 'video/webm' });
    expect(previewKindOf('.bashrc')).toBeNull();
    expect(previewKindOf('archive.zip')).toBeNull();
  });

  it.each([
    [null, null],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=900-', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=500-5000', { start: 500, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=5-1', 'unsatisfiable'],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
  ])('range %j of 1000 bytes', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});
