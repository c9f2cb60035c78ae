import { AppError } from '../../../shared/errors';
import type { ImportProfile } from '../../../shared/settings-options';
import type { StoredFile } from '../store/data-store';
import type { DaemonRecord } from '../store/files/kubo-daemon-file';
import { checkApiFile } from './api-file';
import { isAlive } from '../process-alive';
import { processStartTime, recordFileOf, stopDaemon, whenGone } from './daemon-process';
import { resolveKuboBinary, type KuboBinary } from './kubo-binary';
import { initRepo, readGatewayFile, saysRepoLocked, startDaemon, type KuboDaemon } from './kubo-process';
import type { MovedPort, NodeNote } from '../../../shared/ipc/contract';
import { retryWhenPortTaken } from './port-race';
import { moveOffBusyPorts } from './ports';
import { findRepoLockHolder } from './repo-lock';

export interface EmbeddedNode {
  apiUrl: string;
  gatewayUrl: string | null;
  binary: KuboBinary;
  repoPath: string;
  /** Null when a daemon that was already running on the repo is reused: Cairn did not start it and will not stop it. */
  daemon: KuboDaemon | null;
  /** A reused daemon's process, where the OS names it (see repo-lock.ts): watched, so that its end is told at once. */
  reusedPid: number | null;
  /** What was done on the way, for the user to read. */
  notes: NodeNote[];
  /** Addresses moved off ports another program held: links to the old gateway port no longer open. */
  movedPorts: MovedPort[];
}

export interface EmbeddedOptions {
  binarySetting: string;
  repoPath: string;
  offline: boolean;
  importProfile: ImportProfile;
  /** The binary's version, asked of it or remembered (see kubo-version-cache.ts). */
  versionOf?: (path: string) => Promise<string | null>;
  /** The daemon Cairn started and has not seen stop (kubo-daemon.json). */
  owned: StoredFile<DaemonRecord | null>;
}

/**
 * Gets the embedded node running, turning each known failure into either a fix or a clear message:
 * a daemon already running on the repo is reused; a stale `api` file is removed; busy ports move to
 * free ones (and ports left to the OS are fixed once, see ports.ts); a repo locked by another process is left untouched and the process is named.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedNode> {
  const binary = await resolveKuboBinary(options.binarySetting, process.env, options.versionOf);
  const repo = { binary: binary.path, repoPath: options.repoPath };
  const notes: NodeNote[] = [];
  // A new repo in offline mode gets the test profile: loopback ports picked by the OS, no bootstrap.
  await initRepo(repo, options.offline ? ['test', options.importProfile] : [options.importProfile]);

  let api = await checkApiFile(repo.repoPath);
  const leftover = api.kind === 'live' ? await ownLeftover(options.owned, repo.repoPath) : null;
  if (api.kind === 'live' && leftover) {
    // Cairn's own daemon from a run that crashed: stopped, and started again under Cairn's watch.
    await stopDaemon({ pid: leftover, apiUrl: api.apiUrl, exited: whenGone(leftover) });
    notes.push({ kind: 'restarted-leftover', pid: leftover });
    api = await checkApiFile(repo.repoPath);
  }
  if (api.kind === 'live') {
    notes.push({ kind: 'reused-daemon', apiUrl: api.apiUrl });
    const gatewayUrl = await readGatewayFile(repo.repoPath);
    const reusedPid = (await findRepoLockHolder(repo.repoPath))?.pid ?? null;
    return {
      apiUrl: api.apiUrl,
      gatewayUrl,
      binary,
      repoPath: repo.repoPath,
      daemon: null,
      reusedPid,
      notes,
      movedPorts: [],
    };
  }
  if (api.kind === 'foreign') {
    throw new AppError(
      'NODE_ERROR',
      `The repo's api file points at ${api.apiUrl}, where something answers (HTTP ${api.status}) that Cairn cannot use as Kubo. Stop that program, or connect to it as a remote node with its credentials.`,
      { apiFile: api.apiUrl, status: api.status },
    );
  }
  if (api.kind === 'elsewhere') {
    throw new AppError(
      'NODE_ERROR',
      `The repo's api file points at ${api.apiUrl}, on another computer: Cairn runs its own node only on this one. Connect to that node as a remote node, or choose another repo.`,
      { apiFile: api.apiUrl, problem: 'api-elsewhere' },
    );
  }
  if (api.kind === 'stale') {
    notes.push({ kind: 'removed-stale-api', apiUrl: api.apiUrl });
  }

  try {
    const movedPorts: MovedPort[] = [];
    const daemon = await retryWhenPortTaken(async () => {
      for (const { setting, from, to, why } of await moveOffBusyPorts(repo)) {
        if (why === 'taken') movedPorts.push({ setting, from, to });
      }
      return startDaemon(repo, { offline: options.offline, recordFile: options.owned.path });
    });
    // Recorded so that a Cairn that crashes still stops it next time; a failed save is reported by the store.
    const startedAt = (await processStartTime(daemon.pid)) ?? 'unknown';
    await options.owned.set({ pid: daemon.pid, startedAt, repoPath: repo.repoPath }).catch(() => undefined);
    if (daemon.startupOutput.some((line) => /migrat/i.test(line))) {
      notes.push({ kind: 'migrated', output: daemon.startupOutput });
    }
    return {
      apiUrl: daemon.apiUrl,
      gatewayUrl: daemon.gatewayUrl,
      binary,
      repoPath: repo.repoPath,
      daemon,
      reusedPid: null,
      notes,
      movedPorts,
    };
  } catch (error) {
    if (saysRepoLocked(error)) {
      const holder = await findRepoLockHolder(repo.repoPath);
      const who = holder ? `process ${holder.pid} (${holder.command})` : 'another program';
      throw new AppError(
        'REPO_LOCKED',
        `The repo ${repo.repoPath} is in use by ${who}. Cairn changed nothing in it. Quit that program and restart the node, or choose another repo in Settings.`,
        holder ? { repoPath: repo.repoPath, pid: holder.pid, command: holder.command } : { repoPath: repo.repoPath },
      );
    }
    throw error;
  }
}

/**
 * The pid of Cairn's own daemon still running on this repo: the one of the record, when it is the
 * very process Cairn started; else, the record lost (damaged, or never written), the repo's lock
 * holder when it was started for this record file.
 */
async function ownLeftover(owned: StoredFile<DaemonRecord | null>, repoPath: string): Promise<number | null> {
  const record = owned.get();
  if (
    record?.repoPath === repoPath &&
    isAlive(record.pid) &&
    (await processStartTime(record.pid)) === record.startedAt
  ) {
    return record.pid;
  }
  const holder = await findRepoLockHolder(repoPath);
  return holder && (await recordFileOf(holder.pid)) === owned.path ? holder.pid : null;
}
