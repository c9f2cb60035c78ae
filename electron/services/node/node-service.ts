import { join } from 'node:path';
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { AppError } from '../../../shared/errors';
import type { NodeStatus } from '../../../shared/ipc/contract';
import type { EnvOverrides } from '../env';
import type { Logger } from '../log';
import type { SettingsService } from '../settings/settings-service';
import { resolveKuboBinary, type KuboBinary } from './kubo-binary';
import { initRepo, startDaemon, type KuboDaemon } from './kubo-process';

export interface NodeService {
  status(): Promise<NodeStatus>;
  /** The RPC client of the running node; fails with NODE_UNAVAILABLE when there is none. */
  client(): KuboRPCClient;
  start(): Promise<NodeStatus>;
  restart(): Promise<NodeStatus>;
  stop(): Promise<void>;
  onChange(listener: (status: NodeStatus) => void): () => void;
}

export interface NodeServiceOptions {
  dataDir: string;
  settings: SettingsService;
  env: EnvOverrides;
  log: Logger;
}

interface Connection {
  client: KuboRPCClient;
  apiUrl: string;
  binary?: KuboBinary;
  daemon?: KuboDaemon;
}

/**
 * Connects the app to its node: the embedded Kubo (started here, in its own repo under the data
 * folder) or a remote RPC URL. The full lifecycle (reuse, stale locks, busy ports, restarts with
 * backoff, auth) builds on this.
 */
export function createNodeService({ dataDir, settings, env, log }: NodeServiceOptions): NodeService {
  let connection: Connection | null = null;
  let state: NodeStatus['state'] = 'stopped';
  let lastError: NodeStatus['error'];
  let starting: Promise<NodeStatus> | null = null;
  const listeners = new Set<(status: NodeStatus) => void>();

  const mode = () => (env.remoteApiUrl || settings.get().node.mode === 'remote' ? 'remote' : 'embedded');
  const offline = () => env.offline || settings.get().node.offline;

  async function status(): Promise<NodeStatus> {
    const base: NodeStatus = { state, mode: mode(), offline: offline() };
    if (lastError) base.error = lastError;
    if (state !== 'running' || !connection) return base;
    const { client, apiUrl, binary, daemon } = connection;
    try {
      const [id, version, repo] = await Promise.all([client.id(), client.version(), client.repo.stat()]);
      return {
        ...base,
        info: {
          peerId: id.id.toString(),
          kuboVersion: version.version,
          repoSizeBytes: Number(repo.repoSize),
          apiUrl,
          ...(binary && daemon ? { binary: { path: binary.path, source: binary.source, pid: daemon.pid } } : {}),
        },
      };
    } catch (error) {
      return { ...base, state: 'error', error: { code: 'NODE_UNAVAILABLE', message: describe(error) } };
    }
  }

  async function changed(): Promise<NodeStatus> {
    const current = await status();
    for (const listener of listeners) listener(current);
    return current;
  }

  async function connect(): Promise<Connection> {
    const remoteUrl = env.remoteApiUrl ?? settings.get().node.remoteApiUrl;
    if (mode() === 'remote') {
      if (!remoteUrl) throw new AppError('NODE_UNAVAILABLE', 'Remote node mode is on, but no RPC URL is set.');
      const client = create({ url: remoteUrl });
      await client.id();
      return { client, apiUrl: remoteUrl };
    }
    const node = settings.get().node;
    const binary = await resolveKuboBinary(node.kuboBinary);
    const repo = { binary: binary.path, repoPath: join(dataDir, 'kubo-repo') };
    // A new repo in offline mode gets the test profile: loopback ports picked by the OS, no bootstrap.
    await initRepo(repo, offline() ? ['test', node.importProfile] : [node.importProfile]);
    const daemon = await startDaemon(repo, { offline: offline() });
    log.info(`Kubo ${binary.version} (${binary.source}: ${binary.path}) ready at ${daemon.apiUrl}`);
    void daemon.exited.then((code) => {
      if (connection?.daemon !== daemon || state === 'stopping') return;
      connection = null;
      state = 'error';
      lastError = { code: 'NODE_ERROR', message: `Kubo stopped unexpectedly (exit ${code}).` };
      log.error(lastError.message);
      void changed();
    });
    return { client: create({ url: daemon.apiUrl }), apiUrl: daemon.apiUrl, binary, daemon };
  }

  async function start(): Promise<NodeStatus> {
    if (state === 'running') return status();
    starting ??= (async () => {
      state = 'starting';
      lastError = undefined;
      void changed();
      try {
        connection = await connect();
        state = 'running';
      } catch (error) {
        state = 'error';
        lastError = {
          code: error instanceof AppError ? error.code : 'NODE_UNAVAILABLE',
          message: describe(error),
        };
        log.error(`Node failed to start: ${lastError.message}`);
      }
      return changed();
    })().finally(() => {
      starting = null;
    });
    return starting;
  }

  async function stop(): Promise<void> {
    await starting;
    const daemon = connection?.daemon;
    state = 'stopping';
    connection = null;
    await daemon?.stop();
    state = 'stopped';
    await changed();
  }

  return {
    status,
    client() {
      if (!connection) throw new AppError('NODE_UNAVAILABLE', `The IPFS node is not running (${state}).`);
      return connection.client;
    },
    start,
    async restart() {
      await stop();
      return start();
    },
    stop,
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
