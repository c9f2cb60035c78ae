import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { initRepo, kubo, startDaemon, type KuboDaemon } from '../../electron/services/node/kubo-process';
import { killAtExit, removeAtExit } from './at-exit';
import { resolveTestKuboBinary } from './kubo-binary';

export interface TestKubo {
  apiUrl: string;
  gatewayUrl: string | null;
  repoPath: string;
  binary: string;
  client: KuboRPCClient;
  /** Runs the Kubo CLI against this node's repo (the daemon answers it), and returns stdout. */
  ipfs(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real Kubo exactly as TESTING.md asks: a fresh IPFS_PATH, `init --profile=test` (loopback,
 * random ports, no bootstrap), `daemon --offline`, telemetry off; stopped and removed by stop().
 */
export async function startKubo(
  options: {
    profiles?: string[];
    /** Profiles applied to the initialised repo with `ipfs config profile apply`, as a user would. */
    apply?: string[];
    /** The repo on a RAM disk (/dev/shm, where there is one): every pin is an fsync, and 100k of them take minutes on disk. */
    inMemory?: boolean;
    /** Kubo's API.Authorizations, e.g. { me: { AuthSecret: 'bearer:t', AllowedPaths: ['/api/v0'] } } */ authorizations?: Record<
      string,
      { AuthSecret: string; AllowedPaths: string[] }
    >;
    /** A DNS-over-HTTPS URL on loopback for every DNSLink lookup (DNS.Resolvers), so that none leaves the machine. */
    dnsResolver?: string;
    /** Where the gateway listens (Addresses.Gateway), e.g. /ip6/::1/tcp/0 for IPv6 loopback only. */
    gatewayAddress?: string;
  } = {},
): Promise<TestKubo> {
  const binary = resolveTestKuboBinary();
  const parent = options.inMemory && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const repoPath = await mkdtemp(join(parent, 'cairn-kubo-'));
  const repo = { binary, repoPath };
  let daemon: KuboDaemon | undefined;
  try {
    await initRepo(repo, ['test', ...(options.profiles ?? [])]);
    for (const profile of options.apply ?? []) await kubo(repo, ['config', 'profile', 'apply', profile]);
    if (options.authorizations) {
      await kubo(repo, ['config', '--json', 'API.Authorizations', JSON.stringify(options.authorizations)]);
    }
    if (options.dnsResolver) {
      await kubo(repo, ['config', '--json', 'DNS.Resolvers', JSON.stringify({ '.': options.dnsResolver })]);
    }
    if (options.gatewayAddress) {
      await kubo(repo, ['config', '--json', 'Addresses.Gateway', JSON.stringify([options.gatewayAddress])]);
    }
    daemon = await startDaemon(repo, { offline: true });
  } catch (error) {
    await rm(repoPath, { recursive: true, force: true });
    throw error;
  }
  const running = daemon;
  // A crashed or interrupted run leaves neither the daemon nor its repo.
  const undo = [killAtExit(running.pid), removeAtExit(repoPath)];
  return {
    apiUrl: running.apiUrl,
    gatewayUrl: running.gatewayUrl,
    repoPath,
    binary,
    client: create({ url: running.apiUrl }),
    ipfs: (...args) => kubo(repo, args),
    async stop() {
      await running.stop();
      await rm(repoPath, { recursive: true, force: true });
      for (const drop of undo) drop();
    },
  };
}
