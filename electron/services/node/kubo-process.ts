import { execFile, spawn } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/errors';
import { onLoopbackIfEverywhere } from '../../../shared/links/loopback';
import { multiaddrToHttpUrl } from '../../../shared/multiaddr-url';
import { RECORD_MARK, stopDaemon } from './daemon-process';

const run = promisify(execFile);

export interface KuboRepo {
  binary: string;
  repoPath: string;
}

export interface KuboDaemon {
  apiUrl: string;
  gatewayUrl: string | null;
  pid: number;
  startupOutput: string[];
  /** Resolves with the exit code (or signal name) when the process ends, whoever ended it. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/** The environment every Kubo process of Cairn gets: its own repo, and no telemetry. */
export function kuboEnv(repoPath: string): NodeJS.ProcessEnv {
  return { ...process.env, IPFS_PATH: repoPath, IPFS_TELEMETRY: 'off' };
}

export async function kubo(repo: KuboRepo, args: string[]): Promise<string> {
  const { stdout } = await run(repo.binary, args, { env: kuboEnv(repo.repoPath), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function isInitialized(repoPath: string): Promise<boolean> {
  return access(join(repoPath, 'config')).then(
    () => true,
    () => false,
  );
}

/** `ipfs init` with the given profiles, once: an existing repo is left as it is. */
export async function initRepo(repo: KuboRepo, profiles: readonly string[]): Promise<void> {
  if (await isInitialized(repo.repoPath)) return;
  const args = ['init', '--empty-repo'];
  if (profiles.length > 0) args.push(`--profile=${profiles.join(',')}`);
  try {
    await kubo(repo, args);
  } catch (error) {
    throw new AppError(
      'NODE_ERROR',
      `ipfs init failed in ${repo.repoPath}: ${stderrOf(error)}`,
      { action: 'init', target: repo.repoPath },
      { cause: error },
    );
  }
}

/**
 * Starts `ipfs daemon` and resolves once it says it is ready, with the addresses it really bound.
 * `--migrate` lets Kubo upgrade an older repo by itself; what it printed on the way comes back in
 * `startupOutput`, and in the error when it fails.
 */
export async function startDaemon(
  repo: KuboRepo,
  options: {
    offline: boolean;
    /** The file recording this daemon as Cairn's, marked in its environment (see daemon-process.ts). */
    recordFile?: string;
  },
): Promise<KuboDaemon> {
  const args = ['daemon', '--migrate', ...(options.offline ? ['--offline'] : [])];
  const env = { ...kuboEnv(repo.repoPath), ...(options.recordFile ? { [RECORD_MARK]: options.recordFile } : {}) };
  const child = spawn(repo.binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const remember = (line: string) => {
    output.push(line);
    if (output.length > 40) output.shift();
  };
  createInterface({ input: child.stderr }).on('line', remember);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });

  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(line);
      if (line.includes('Daemon is ready')) resolve();
    });
    void exited.then((code) => reject(new Error(`ipfs daemon exited (${code}) before it was ready`)));
  });

  // Before it is ready there is no API to ask: it is signalled.
  const abandon = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`ipfs daemon not ready after ${STARTUP_TIMEOUT_MS} ms`)),
          STARTUP_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    await abandon();
    const reason = error instanceof Error ? error.message : String(error);
    const said = output.join('\n');
    if (LOCKED.test(said)) throw new AppError('REPO_LOCKED', said, undefined, { cause: error });
    throw new AppError('NODE_ERROR', `${reason}. Kubo said:\n${said}`, { action: 'start' }, { cause: error });
  } finally {
    clearTimeout(timer);
  }

  const apiUrl = multiaddrToHttpUrl(await readFile(join(repo.repoPath, 'api'), 'utf8'));
  const pid = child.pid ?? -1;
  return {
    apiUrl,
    gatewayUrl: await readGatewayFile(repo.repoPath),
    pid,
    startupOutput: [...output],
    exited,
    stop: () => stopDaemon({ pid, apiUrl, exited }),
  };
}

/**
 * The local gateway's URL, which a running daemon writes to `$IPFS_PATH/gateway`; null without one.
 * One on every interface is reached on loopback, as any gateway on this machine.
 */
export async function readGatewayFile(repoPath: string): Promise<string | null> {
  const url = await readFile(join(repoPath, 'gateway'), 'utf8').catch(() => '');
  return url.trim() ? onLoopbackIfEverywhere(url.trim()) : null;
}

const LOCKED = /repo\.lock: someone else has the lock/;

/** Whether Kubo refused to open the repo because another process holds its lock. */
export function saysRepoLocked(error: unknown): boolean {
  return (error instanceof AppError && error.code === 'REPO_LOCKED') || LOCKED.test(stderrOf(error));
}

function stderrOf(error: unknown): string {
  if (error && typeof error === 'object' && 'stderr' in error && typeof error.stderr === 'string' && error.stderr) {
    return error.stderr.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
