import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTicksOf } from '../../electron/services/process-alive';

describe('a process start tick read from /proc/<pid>/stat', () => {
  // Field 22 of proc(5); the fields after the name are numbered from 3.
  const after = (start: string) => ['S', ...Array.from({ length: 18 }, (_, i) => String(i + 4)), start, '99'].join(' ');

  it.each([
    ['a plain name', `1234 (ipfs) ${after('7654321')}`],
    ['a name with spaces and parentheses', `1234 (a) b (c) ) ${after('7654321')}`],
    ['a name that looks like fields', `1234 (S 1 2 3 4) ${after('7654321')}`],
  ])('is the 22nd field with %s', (_, stat) => {
    expect(startTicksOf(stat)).toBe('7654321');
  });

  it.skipIf(process.platform !== 'linux')('is when this process started, counted from the boot in clock ticks', () => {
    const ticks = Number(startTicksOf(readFileSync('/proc/self/stat', 'utf8')));
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on every Linux Cairn runs on.
    const startedSeconds = bootSeconds + ticks / 100;
    expect(Math.abs(startedSeconds - (Date.now() / 1000 - process.uptime()))).toBeLessThan(2);
  });

  it('is null for a line cut before it', () => {
    expect(startTicksOf('1234 (ipfs) S 1 2')).toBeNull();
  });
});
