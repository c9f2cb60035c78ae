import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { GcResult, MovedPort, NodeNote, NodeStats, NodeStatus, NodeTarget } from '../../../shared/ipc/contract';
import { EMBEDDED } from '../../../shared/settings-options';
import type { EnvOverrides } from '../env';
import type { Logger } from '../log';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { DaemonRecord } from '../store/files/kubo-daemon-file';
import { whenGone } from './daemon-process';
import { startEmbedded, type EmbeddedNode } from './embedded';
import { createGcTally } from './gc-tally';
import type { KuboRepo } from './kubo-process';
import { createKuboClient, type KuboClient, type RpcTarget } from '../kubo/kubo-client';
import type { StoredFile } from '../store/data-store';
import { cachedKuboVersion } from './kubo-version-cache';
import { noteLine } from './node-notes';
import { checkConnection, profileTarget, rpcUrl } from './remote';
import { restartDelaySeconds, REUSED_WATCH_MS, STABLE_AFTER_MS } from './restart-policy';

export interface NodeService {
  status(): Promise<NodeStatus>;
  /** The node the app talks to: the embedded one, CAIRN_KUBO_API, or a remote profile. */
  target(): NodeTarget;
  /** Offline and loopback-only (setting or CAIRN_OFFLINE): nothing off this machine may be contacted. */
  offline(): boolean;
  stats(): Promise<NodeStats>;
  /** The Kubo client of the running node; fails with NODE_UNAVAILABLE when there is none. */
  kubo(): KuboClient;
  /** The embedded node's repo and gateway, for what Kubo offers only on its CLI or gateway; null for a remote node. */
  local(): { repo: KuboRepo; gatewayUrl: string | null } | null;
  start(): Promise<NodeStatus>;
  restart(): Promise<NodeStatus>;
  stop(): Promise<void>;
  /** Switches to the embedded node or a remote profile, and remembers the choice. */
  use(target: string): Promise<NodeStatus>;
  gc(signal: AbortSignal): Promise<GcResult>;
  onChange(listener: (status: NodeStatus) => void): () => void;
}

export interface NodeServiceOptions {
  dataDir: string;
  /** kubo-daemon.json: the daemon Cairn started, until it is seen to stop. */
  owned: StoredFile<DaemonRecord | null>;
  /** kubo-versions.json: the version of each binary seen. */
  versions: StoredFile<Record<string, string>>;
  settings: SettingsService;
  secrets: SecretStore;
  env: EnvOverrides;
  log: Logger;
}

interface Connection {
  kubo: KuboClient;
  /** The node this client talks to, as it was named when it connected. */
  target: NodeTarget;
  embedded?: EmbeddedNode;
  /** Ends the watch on a reused daemon's process. */
  unwatch?: AbortController;
  /** A call found this node not answering, and no status read since has found it answering. */
  gone?: true;
}

/**
 * The node the app talks to: the embedded Kubo (started, supervised and restarted here) or a remote
 * one from a profile. Every state change reaches listeners, so renderers never poll for it.
 */
export function createNodeService(options: NodeServiceOptions): NodeService {
  const { dataDir, versions, owned, settings, secrets, env, log } = options;
  let connection: Connection | null = null;
  let state: NodeStatus['state'] = 'stopped';
  let lastError: NodeStatus['error'];
  let notes: NodeNote[] = [];
  let movedPorts: MovedPort[] = [];
  let restart: NodeStatus['restart'];
  let restartTimer: NodeJS.Timeout | undefined;
  let crashes = 0;
  let starting: Promise<NodeStatus> | null = null;
  let rechecking = false;
  const listeners = new Set<(status: NodeStatus) => void>();

  const offline = () => env.offline || settings.get().node.offline;
  const repoPath = () => settings.get().node.repoPath || env.repoPath || join(dataDir, 'kubo-repo');
  const versionOf = cachedKuboVersion(versions);

  /**
   * The node connected, else the one the settings name. Never the settings' alone while connected:
   * removing the profile in use names the embedded node before the remote one is let go, and what
   * the node in use may be given (a stored token) is decided by this.
   */
  function target(): NodeTarget {
    return connection?.target ?? configuredTarget();
  }

  function configuredTarget(): NodeTarget {
    if (env.remoteApiUrl) return { kind: 'remote', name: 'CAIRN_KUBO_API', url: env.remoteApiUrl, profileId: null };
    const { active, profiles } = settings.get().node;
    const profile = active === EMBEDDED ? undefined : profiles.find((candidate) => candidate.id === active);
    return profile
      ? { kind: 'remote', name: profile.name, url: profile.url, profileId: profile.id }
      : { kind: 'embedded' };
  }

  async function status(): Promise<NodeStatus> {
    const base: NodeStatus = { state, target: target(), offline: offline(), notes, movedPorts };
    if (lastError) base.error = lastError;
    if (restart) base.restart = restart;
    const current = connection;
    if (state !== 'running' || !current) return base;
    const { kubo, embedded } = current;
    try {
      const [id, version, repo] = await Promise.all([kubo.identity(), kubo.version(), kubo.repoSize()]);
      const answering: NodeStatus = {
        ...base,
        info: {
          peerId: id.peerId,
          kuboVersion: version,
          agentVersion: id.agentVersion,
          addresses: id.addresses,
          repoSizeBytes: Number(repo.repoSize),
          storageMaxBytes: Number(repo.storageMax),
          apiUrl: kubo.url,
          gatewayUrl: embedded?.gatewayUrl ?? null,
          ...(embedded
            ? {
                repoPath: embedded.repoPath,
                binary: { ...embedded.binary, pid: embedded.daemon?.pid ?? null },
              }
            : {}),
        },
      };
      // Found answering again after a call found it gone: what waits for the node may go on.
      if (current.gone && connection === current) {
        delete current.gone;
        for (const listener of listeners) listener(answering);
      }
      return answering;
    } catch (error) {
      return {
        ...base,
        state: 'error',
        error: { code: 'NODE_UNREACHABLE', message: `The node stopped answering: ${describe(error)}` },
      };
    }
  }

  /**
   * A call that found nothing answering has the status read, and sent if the node does not answer
   * it either: a remote node (or a daemon that hangs) sends no event, and the renderer asks only
   * every 15 s to 5 min. Once per loss: the status read that finds it answering again sends that.
   * A status that still answers is not sent, or uploads waiting for the node would retry at once.
   */
  function foundUnreachable(kubo: KuboClient): void {
    const asked = connection;
    if (asked?.kubo !== kubo || asked.gone || rechecking || state !== 'running') return;
    rechecking = true;
    void status()
      .then((now) => {
        // Switched or restarted meanwhile: what was found is about a node no longer in use.
        if (now.state !== 'error' || connection !== asked || asked.gone) return;
        asked.gone = true;
        log.warn(now.error?.message ?? 'The node stopped answering.');
        for (const listener of listeners) listener(now);
      })
      .finally(() => {
        rechecking = false;
      });
  }

  /** A client whose calls that find nothing answering set off foundUnreachable. */
  function watchedClient(rpc: RpcTarget, gatewayUrl: string | null = null): KuboClient {
    const kubo: KuboClient = createKuboClient(rpc, { gatewayUrl, onUnreachable: () => foundUnreachable(kubo) });
    return kubo;
  }

  async function changed(): Promise<NodeStatus> {
    const current = await status();
    for (const listener of listeners) listener(current);
    return current;
  }

  async function connectRemote(rpc: RpcTarget, current: NodeTarget): Promise<Connection> {
    const check = await checkConnection(rpc);
    if (!check.ok) throw new AppError(check.code, check.message);
    notes = check.warnings;
    for (const note of notes) log.warn(noteLine(note));
    return { kubo: watchedClient(rpc), target: current };
  }

  async function connect(): Promise<Connection> {
    const current = configuredTarget();
    if (current.kind === 'remote') {
      const profile = settings.get().node.profiles.find((candidate) => candidate.id === current.profileId);
      const rpc = profile ? await profileTarget(profile, secrets) : { url: rpcUrl(current.url), headers: {} };
      return connectRemote(rpc, current);
    }
    const node = settings.get().node;
    const embedded = await startEmbedded({
      binarySetting: node.kuboBinary,
      repoPath: repoPath(),
      offline: offline(),
      importProfile: node.importProfile,
      owned,
      versionOf,
    });
    notes = embedded.notes;
    for (const note of notes) log.info(noteLine(note));
    movedPorts = embedded.movedPorts;
    log.info(`Kubo ${embedded.binary.version} (${embedded.binary.source}) ready at ${embedded.apiUrl}`);
    const unwatch = new AbortController();
    if (embedded.daemon) {
      const daemon = embedded.daemon;
      supervise(
        embedded,
        daemon.exited,
        (code, delay) => `Kubo stopped unexpectedly (exit ${code}). Restarting in ${delay} s.`,
      );
    } else if (embedded.reusedPid !== null) {
      const pid = embedded.reusedPid;
      // Not Cairn's child, so no exit to wait on: its process is watched instead.
      supervise(
        embedded,
        whenGone(pid, { signal: unwatch.signal, everyMs: REUSED_WATCH_MS }).then(() => 'unknown'),
        (_, delay) =>
          `The Kubo daemon Cairn was using (process ${pid}, not started by Cairn) stopped. Starting Cairn's own in ${delay} s.`,
      );
    }
    return {
      kubo: watchedClient({ url: embedded.apiUrl, headers: {} }, embedded.gatewayUrl),
      target: current,
      embedded,
      unwatch,
    };
  }

  /** A daemon that dies on its own is restarted with backoff, and the user is told at each step. */
  function supervise(
    embedded: EmbeddedNode,
    exited: Promise<number | string>,
    says: (code: number | string, delay: number) => string,
  ): void {
    const startedAt = Date.now();
    void exited.then((code) => {
      if (connection?.embedded !== embedded || state === 'stopping') return;
      // Cairn's own daemon is no longer there to stop after a crash of Cairn.
      if (embedded.daemon) void owned.set(null).catch(() => undefined);
      if (Date.now() - startedAt > STABLE_AFTER_MS) crashes = 0;
      crashes += 1;
      const delay = restartDelaySeconds(crashes);
      connection = null;
      state = 'error';
      lastError = { code: 'NODE_ERROR', message: says(code, delay), details: { exit: String(code) } };
      restart = { attempt: crashes, inSeconds: delay };
      log.error(lastError.message);
      void changed();
      restartTimer = setTimeout(() => {
        restart = undefined;
        void start();
      }, delay * 1000);
    });
  }

  async function start(): Promise<NodeStatus> {
    if (state === 'running') return status();
    starting ??= (async () => {
      clearTimeout(restartTimer);
      restart = undefined;
      state = 'starting';
      lastError = undefined;
      notes = [];
      movedPorts = [];
      void changed();
      try {
        connection = await connect();
        state = 'running';
      } catch (error) {
        state = 'error';
        lastError =
          error instanceof AppError
            ? { code: error.code, message: describe(error), ...(error.details ? { details: error.details } : {}) }
            : { code: 'NODE_UNAVAILABLE', message: describe(error) };
        log.error(`Node failed to start: ${lastError.code}: ${lastError.message}`);
      }
      return changed();
    })().finally(() => {
      starting = null;
    });
    return starting;
  }

  async function stop(): Promise<void> {
    await starting;
    clearTimeout(restartTimer);
    restart = undefined;
    // A reused daemon is not ours to stop.
    const daemon = connection?.embedded?.daemon;
    connection?.unwatch?.abort();
    state = 'stopping';
    connection = null;
    if (daemon) {
      await daemon.stop();
      await owned.set(null).catch(() => undefined);
    }
    state = 'stopped';
    lastError = undefined;
    await changed();
  }

  /**
   * Switches and restarts, one after another. Overlapping, the start of one read the target while
   * another was still writing its choice, and joined it: the settings named one node, another was in use.
   */
  let turn: Promise<unknown> = Promise.resolve();
  function inTurn<T>(step: () => Promise<T>): Promise<T> {
    const done = turn.then(step, step);
    turn = done.catch(() => undefined);
    return done;
  }

  function running(): Connection {
    if (!connection) throw new AppError('NODE_UNAVAILABLE', `The IPFS node is not running (${state}).`);
    return connection;
  }
  const kubo = () => running().kubo;

  return {
    status,
    target,
    offline,
    kubo,
    local() {
      const embedded = running().embedded;
      if (!embedded) return null;
      return { repo: { binary: embedded.binary.path, repoPath: embedded.repoPath }, gatewayUrl: embedded.gatewayUrl };
    },
    start,
    stop,
    restart: () =>
      inTurn(async () => {
        await stop();
        return start();
      }),
    use: (next) =>
      inTurn(async () => {
        if (next !== EMBEDDED && !settings.get().node.profiles.some((profile) => profile.id === next)) {
          throw new AppError('NOT_FOUND', `There is no remote profile ${next}.`, { profile: next });
        }
        await stop();
        await settings.change((current) => ({ ...current, node: { ...current.node, active: next } }));
        return start();
      }),
    async stats() {
      const node = kubo();
      // An offline Kubo answers both with "must be run in online mode": nothing to measure then.
      const [peers, bandwidth] = await Promise.all([
        node.peerCount().catch(() => null),
        node.bandwidth().catch(() => undefined),
      ]);
      return { peers, bandwidth: bandwidth ?? null };
    },
    async gc(signal) {
      const node = kubo();
      const before = (await node.repoSize()).repoSize;
      const tally = createGcTally();
      for await (const result of node.gc(signal)) tally.add(result);
      const after = (await node.repoSize()).repoSize;
      void changed();
      return tally.result(Math.max(0, Number(before - after)));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
