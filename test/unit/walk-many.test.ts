import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walk, type WalkOptions } from '../../electron/services/walk';

// A folder of many entries is looked at on a thread, a folder of a few in this process: both ways
// must give the same entries, apply the same policies and fail the same way.
describe('walking folders of a few entries and of many', () => {
  let dir: string;
  const options = (symlinks: WalkOptions['symlinks'], hidden = false): WalkOptions => ({
    hidden,
    symlinks,
    signal: new AbortController().signal,
  });

  async function folderOf(name: string, files: number): Promise<string> {
    const folder = join(dir, name);
    await mkdir(join(folder, 'sub'), { recursive: true });
    for (let i = 0; i < files; i++) await writeFile(join(folder, `f${i}`), 'x'.repeat(i % 5));
    await writeFile(join(folder, '.hidden'), 'h');
    await writeFile(join(folder, 'sub', 'inner'), 'inner');
    await symlink('f1', join(folder, 'link'));
    return folder;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-walk-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the same entries either way, under each policy', async () => {
    const few = await folderOf('few', 5);
    const many = await folderOf('many', 600);
    for (const [symlinks, hidden] of [
      ['preserve', false],
      ['follow', true],
      ['skip', false],
    ] as const) {
      const small = await walk(few, options(symlinks, hidden));
      const large = await walk(many, options(symlinks, hidden));
      const shape = (entries: typeof small.entries, root: string) =>
        entries.map(({ name, type, size, target }) => ({ name: name.replace(root, 'root'), type, size, target }));
      const largeOnly = shape(large.entries, 'many').filter((entry) => !/^root\/f([5-9]|\d\d+)$/.test(entry.name));
      expect(largeOnly).toEqual(shape(small.entries, 'few'));
      expect(large.totalFiles - small.totalFiles).toBe(595);
      expect(large.skipped).toEqual(small.skipped);
    }
  });

  it('refuses a pipe the same way in a folder of many', async () => {
    const many = await folderOf('piped', 600);
    execFileSync('mkfifo', [join(many, 'pipe')]);
    await expect(walk(many, options('preserve'))).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: `${join(many, 'pipe')} is not a regular file or folder (a socket, pipe or device).`,
      details: { path: join(many, 'pipe'), problem: 'not-regular' },
    });
  });

  it('names a file whose name is not UTF-8 as such, in a folder of few and of many, not as gone', async () => {
    // Latin-1 "café.txt", as old archives and disks still hold: Node reads its name with U+FFFD in
    // place of the byte, a path that names nothing, and the walk said the file "no longer exists".
    for (const [name, files] of [
      ['latin1-few', 3],
      ['latin1-many', 600],
    ] as const) {
      const folder = await folderOf(name, files);
      await writeFile(Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]), 'x');
      const shown = join(folder, 'caf\ufffd.txt');
      await expect(walk(folder, options('preserve'))).rejects.toMatchObject({
        code: 'FILE_UNREADABLE',
        details: { path: shown, problem: 'name-not-utf8' },
      });
    }
  });
});
