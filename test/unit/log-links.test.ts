import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startLogFile } from '../../electron/services/log';

// The log is appended to at every start: a symbolic link planted as one of its files must not
// lead Cairn to append to the file it points to (a shell profile, a document).
describe('a symbolic link planted in the logs folder', () => {
  let dataDir: string;
  let outside: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-log-links-'));
    outside = await mkdtemp(join(tmpdir(), 'cairn-log-outside-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('is set aside unfollowed, said in the log, and what it points to is left as it was', async () => {
    const profile = join(outside, 'profile');
    await writeFile(profile, 'export PATH=/usr/bin\n');
    await mkdir(join(dataDir, 'logs'));
    await symlink(profile, join(dataDir, 'logs', 'cairn.1.log'));

    const folder = await startLogFile(dataDir);
    createLogger('test', { log: () => undefined, warn: () => undefined, error: () => undefined }).info('a line');

    expect(await readFile(profile, 'utf8')).toBe('export PATH=/usr/bin\n');
    const names = await readdir(folder);
    const aside = names.find((name) => name.startsWith('cairn.1.log.unreadable-')) ?? '';
    expect(await readlink(join(folder, aside))).toBe(profile);
    const log = await readFile(join(folder, 'cairn.1.log'), 'utf8');
    expect(log).toContain('a line');
    expect(log).toContain('symbolic link');
  });

  it('in place of the folder, or a file there, is set aside: the log starts in a folder of its own', async () => {
    const other = await mkdtemp(join(tmpdir(), 'cairn-log-links-'));
    try {
      await writeFile(join(other, 'logs'), 'not a folder');
      const folder = await startLogFile(other);
      createLogger('test', { log: () => undefined, warn: () => undefined, error: () => undefined }).info('started');
      expect(await readFile(join(folder, 'cairn.1.log'), 'utf8')).toContain('is a file, not a folder');
      const aside = (await readdir(other)).find((name) => name.startsWith('logs.unreadable-')) ?? '';
      expect(await readFile(join(other, aside), 'utf8')).toBe('not a folder');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
