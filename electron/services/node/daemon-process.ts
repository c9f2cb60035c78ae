import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createKuboClient } from '../kubo/kubo-client';
import { isAlive, startTicksOf } from '../process-alive';

const run = promisify(execFile);
/** How long Kubo gets to shut down by itself (asked over its API), then after a signal, before it is killed. */
const SHUTDOWN_GRACE_MS = 10_000;
const SIGNAL_GRACE_MS = 5_000;

/**
 * What the OS says of when a process started, so that a pid the OS gave to another program since
 * is not taken for it: Linux's start tick, `ps` elsewhere, PowerShell on Windows; null when unknown.
 */
export async function processStartTime(pid: number): Promise<string | null> {
  try {
    if (process.platform === 'linux') {
      return startTicksOf(await readFile(`/proc/${pid}/stat`, 'utf8'));
    }
    if (process.platform === 'win32') {
      const { stdout } = await run('powershell', [
        '-NoProfile',
        '-Command',
        `(Get-Process -Id ${pid}).StartTime.ToFileTimeUtc()`,
      ]);
      return stdout.trim() || null;
    }
    const { stdout } = await run('ps', ['-o', 'lstart=', '-p', String(pid)]);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** The environment variable naming, in a daemon Cairn starts, the file that records it as Cairn's. */
export const RECORD_MARK = 'CAIRN_DAEMON_RECORD';

/**
 * The record file a daemon was started for (its RECORD_MARK), where the OS tells (Linux's
 * /proc/<pid>/environ, own processes only); null for a daemon started by anyone else, or elsewhere.
 * It keeps a daemon known as Cairn's when the record itself was lost.
 */
export async function recordFileOf(pid: number): Promise<string | null> {
  const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
  const mark = environ.split('\0').find((entry) => entry.startsWith(`${RECORD_MARK}=`));
  return mark ? mark.slice(RECORD_MARK.length + 1) : null;
}

/** Resolves true once the process has ended, false when `ms` ran out first. */
async function endsWithin(exited: Promise<unknown>, ms: number): Promise<boolean> {
  const timeout = new AbortController();
  const ended = await Promise.race([
    exited.then(() => true),
    sleep(ms, false, { signal: timeout.signal }).catch(() => false),
  ]);
  timeout.abort();
  return ended;
}

/**
 * Polls a process that is not our child until it is gone, or until `signal` ends the watch: every
 * 50 ms while stopping one, less often (`everyMs`) for a watch that lasts while the app idles.
 */
export async function whenGone(pid: number, watch: { signal?: AbortSignal; everyMs?: number } = {}): Promise<void> {
  const { signal, everyMs = 50 } = watch;
  while (isAlive(pid) && !signal?.aborted) await sleep(everyMs, undefined, { signal }).catch(() => undefined);
}

/**
 * Stops a Kubo daemon the way that loses nothing: asked over its API to shut down (it flushes and
 * releases its repo), then signalled (SIGTERM; on Windows there is no gentler signal), then killed
 * once the bounds run out. `exited` resolves when the process is gone.
 */
export async function stopDaemon(daemon: { pid: number; apiUrl: string; exited: Promise<unknown> }): Promise<void> {
  if (!isAlive(daemon.pid)) return;
  const asked = await createKuboClient({ url: daemon.apiUrl, headers: {} })
    .call('shutdown', {}, { timeoutMs: SHUTDOWN_GRACE_MS })
    .then(
      () => true,
      () => false,
    );
  if (asked && (await endsWithin(daemon.exited, SHUTDOWN_GRACE_MS))) return;
  if (process.platform !== 'win32') {
    signal(daemon.pid, 'SIGTERM');
    if (await endsWithin(daemon.exited, SIGNAL_GRACE_MS)) return;
  }
  signal(daemon.pid, 'SIGKILL');
  await daemon.exited;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
