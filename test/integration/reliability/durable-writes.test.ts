import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const strace = spawnSync('strace', ['-V']).status === 0;
const atomicWrite = resolve(__dirname, '../../../electron/services/store/atomic-write.ts');

// A power cut cannot be made in a test; what makes a save survive one can be watched: the
// system calls of a real write, traced.
describe('a state file written whole', () => {
  it.skipIf(!strace || process.platform !== 'linux')(
    'is flushed, renamed into place, and the rename flushed (skipped without strace on Linux)',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cairn-durable-'));
      const target = join(dir, 'state', 'settings.json');
      const script = join(dir, 'write.mts');
      const trace = join(dir, 'trace.log');
      await writeFile(
        script,
        `import { writeFileAtomic } from ${JSON.stringify(atomicWrite)};\n` +
          `void writeFileAtomic(${JSON.stringify(target)}, '{"version":1}');\n`,
      );
      execFileSync('strace', [
        '-f',
        '-qq',
        '-e',
        'trace=openat,rename,renameat,renameat2,fsync,fdatasync,close',
        '-o',
        trace,
        process.execPath,
        '--import',
        'tsx',
        script,
      ]);
      expect(await readFile(target, 'utf8')).toBe('{"version":1}');

      const calls = (await readFile(trace, 'utf8')).split('\n').map((line) => line.replace(/^\d+\s+/, ''));
      const renamed = calls.findIndex((call) => /^rename(at2?)?\(.*\.tmp", .*settings\.json"/.test(call));
      expect(renamed).toBeGreaterThan(-1);
      const tempSynced = calls.slice(0, renamed).some((call) => /^f(data)?sync\(/.test(call));
      expect(tempSynced).toBe(true);
      // After the rename: the folder opened, and that descriptor flushed before it is closed.
      const folderOpen = calls
        .slice(renamed)
        .map((call) => new RegExp(`^openat\\(AT_FDCWD, "${join(dir, 'state')}", O_RDONLY.*= (\\d+)$`).exec(call))
        .find((match) => match !== null);
      const fd = folderOpen?.[1];
      expect(fd).toBeDefined();
      const after = calls.slice(renamed);
      const synced = after.findIndex((call) => call.startsWith(`fsync(${fd})`));
      const closed = after.findIndex((call) => call.startsWith(`close(${fd})`));
      expect(synced).toBeGreaterThan(-1);
      expect(synced).toBeLessThan(closed);
    },
  );
});
