import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insideFolder, shownInsideFolder } from '../../electron/services/files/inside-folder';
import { diskNameProblem, shownAsAnotherProblem } from '../../shared/disk-name';

const hostile = [
  '..',
  '.',
  '',
  '../evil.txt',
  '..\\..\\..\\Users\\Public\\evil.txt',
  'a/b',
  'a\\b',
  'nul\0byte',
  'bell\u0007',
  'line\nbreak',
  'CON',
  'nul.txt',
  'Com1',
  'LPT9.log',
  'COM¹',
  'trailing.',
  'trailing ',
];

/** Names the OS would show as other names: refused where Cairn writes to disk. */
const shownAsAnother = ['invoice\u202Efdp.exe', 'report\u200B.pdf', 'a\u2066b', 'c1\u0085control', 'photo\u200F.jpg'];

describe('names on disk', () => {
  it.each(hostile)('refuses %j under both OSes', (name) => {
    expect(diskNameProblem(name, 'posix')).not.toBeNull();
    expect(diskNameProblem(name, 'win32')).not.toBeNull();
  });

  it.each(['report.pdf', 'with space.txt', '.hidden', 'консоль', 'CONSOLE', 'com10', 'a..b'])('keeps %j', (name) => {
    expect(diskNameProblem(name, 'win32')).toBeNull();
  });

  it.each(shownAsAnother)('says %j would read as another name', (name) => {
    expect(shownAsAnotherProblem(name)).toMatch(/hidden character \(U\+[0-9A-F]{4}, /);
  });

  it.each(['report.pdf', 'שלום\u200F.txt', 'می\u200Cخواهم.txt'])('keeps %j as it reads', (name) => {
    expect(shownAsAnotherProblem(name)).toBeNull();
  });

  it('refuses the characters Windows refuses only under its rules', () => {
    expect(diskNameProblem('12:30 notes.txt', 'posix')).toBeNull();
    expect(diskNameProblem('12:30 notes.txt', 'win32')).toMatch(/on Windows/);
    expect(diskNameProblem('C:evil', 'win32')).not.toBeNull();
  });
});

describe.each([
  ['posix', path.posix, '/home/me/chosen'],
  ['win32', path.win32, 'C:\\Users\\me\\chosen'],
] as const)('writes under %s rules', (_rules, flavour, root) => {
  it('resolves a checked name inside the chosen folder', () => {
    expect(insideFolder(root, ['album', 'a.txt'], flavour)).toBe(flavour.join(root, 'album', 'a.txt'));
  });

  it('takes a name that starts with two dots, right under the folder too: it is a name, not a way out', () => {
    expect(insideFolder(root, ['..notes.txt'], flavour)).toBe(flavour.join(root, '..notes.txt'));
    expect(insideFolder(root, ['..archive', 'a.txt'], flavour)).toBe(flavour.join(root, '..archive', 'a.txt'));
  });

  it.each(shownAsAnother)('refuses %j where a person meets it on disk, and stages it for an upload', (name) => {
    expect(() => shownInsideFolder(root, ['album', name], flavour)).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }) as Error,
    );
    expect(insideFolder(root, ['album', name], flavour)).toBe(flavour.join(root, 'album', name));
  });

  it.each(hostile)('refuses %j, so nothing lands outside the folder', (name) => {
    expect(() => insideFolder(root, ['album', name], flavour)).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }) as Error,
    );
  });

  it('refuses an absolute or drive name that would replace the folder', () => {
    expect(() => insideFolder(root, [flavour === path.win32 ? 'D:\\x' : '/etc/passwd'], flavour)).toThrow();
  });
});
