import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insideFolder } from '../../electron/services/files/inside-folder';
import { diskNameProblem } from '../../shared/disk-name';

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

describe('names on disk', () => {
  it.each(hostile)('refuses %j under both OSes', (name) => {
    expect(diskNameProblem(name, 'posix')).not.toBeNull();
    expect(diskNameProblem(name, 'win32')).not.toBeNull();
  });

  it.each(['report.pdf', 'with space.txt', '.hidden', 'консоль', 'CONSOLE', 'com10', 'a..b'])('keeps %j', (name) => {
    expect(diskNameProblem(name, 'win32')).toBeNull();
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

  it.each(hostile)('refuses %j, so nothing lands outside the folder', (name) => {
    expect(() => insideFolder(root, ['album', name], flavour)).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }) as Error,
    );
  });

  it('refuses an absolute or drive name that would replace the folder', () => {
    expect(() => insideFolder(root, [flavour === path.win32 ? 'D:\\x' : '/etc/passwd'], flavour)).toThrow();
  });
});
