import { readFileSync } from 'node:fs';

/** Whether a process with this id exists (ours or another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What tells this process from a later one given the same id (after a restart of the machine, the
 * same numbers come round again): on Linux, the boot and the clock tick it started at, which no
 * change of the wall clock moves. Null where the system does not say.
 */
export function processStart(pid: number): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const startTicks = startTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return boot && startTicks ? `${boot}:${startTicks}` : null;
  } catch {
    return null;
  }
}

/** The clock tick a process started at, from its Linux `/proc/<pid>/stat` line. */
export function startTicksOf(stat: string): string | null {
  // Fields after the command's name, which may hold spaces and parentheses; the 22nd is the start.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}
