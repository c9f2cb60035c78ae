import { rmSync } from 'node:fs';
import { constants } from 'node:os';

// What a crashed or interrupted run would leave behind (daemons, folders), undone as the process exits.
const steps = new Set<() => void>();
process.once('exit', () => {
  for (const step of steps) {
    try {
      step();
    } catch {
      // Already undone, or gone.
    }
  }
});

/** Runs `step` (synchronous) when this process exits; the returned function drops it, once the work is undone in time. */
export function atExit(step: () => void): () => void {
  steps.add(step);
  return () => steps.delete(step);
}

/** Kills the process `pid` when this process exits, if it is still running then. */
export function killAtExit(pid: number): () => void {
  return atExit(() => process.kill(pid, 'SIGKILL'));
}

/** Removes the folder at `path` when this process exits, if it is still there. */
export function removeAtExit(path: string): () => void {
  return atExit(() => rmSync(path, { recursive: true, force: true }));
}

/**
 * Ctrl-C, a closed terminal or `kill` would end the process without its 'exit' event: they end it
 * through `process.exit` instead, so that the steps above run.
 */
export function exitOnInterrupt(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}
