import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost, type Host } from '../../electron/ipc/host';
import { initRepo, kubo, startDaemon, type KuboDaemon } from '../../electron/services/node/kubo-process';
import type { NodeStatus } from '../../shared/ipc/contract';
import { resolveTestKuboBinary } from '../harness/kubo-binary';
import { until } from '../harness/until';
import { deleteBlockFiles } from '../harness/damaged-blocks';
import { rpcClient } from '../harness/rpc-client';

// Each known failure of an embedded node, produced for real on a real Kubo repo.
describe('the embedded node lifecycle', () => {
  let binary: string;
  let dataDir: string;
  let repo: { binary: string; repoPath: string };
  let host: Host | undefined;
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(() => {
    binary = resolveTestKuboBinary();
    process.env.KUBO_BINARY = binary;
  });
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
    for (const step of cleanup.splice(0).reverse()) await step();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The app's data folder with its repo initialised as the app would, but nothing started yet. */
  async function prepareRepo(): Promise<void> {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-life-'));
    repo = { binary, repoPath: join(dataDir, 'kubo-repo') };
    await initRepo(repo, ['test', 'unixfs-v1-2025']);
  }

  async function startApp(): Promise<NodeStatus> {
    host = await startHost({
      dataDir,
      env: { offline: true, remoteApiUrl: null, dataDir },
      platform: createNodePlatform(),
    });
    return host.services.node.start();
  }

  async function outsideDaemon(): Promise<KuboDaemon> {
    const daemon = await startDaemon(repo, { offline: true });
    cleanup.push(() => daemon.stop());
    return daemon;
  }

  it('reuses a daemon already running on its repo, and leaves it running', async () => {
    await prepareRepo();
    const outside = await outsideDaemon();
    const status = await startApp();
    expect(status.state).toBe('running');
    expect(status.info?.apiUrl).toBe(outside.apiUrl);
    expect(status.info?.binary?.pid).toBeNull();
    expect(status.notes).toEqual([{ kind: 'reused-daemon', apiUrl: outside.apiUrl }]);
    await host?.services.node.stop();
    const answer = await fetch(`${outside.apiUrl}/api/v0/id`, { method: 'POST' });
    expect(answer.ok).toBe(true);
  });

  it('says at once when a daemon it reused is killed, and starts its own in its place', async () => {
    await prepareRepo();
    const outside = await outsideDaemon();
    await startApp();
    const seen: NodeStatus[] = [];
    host?.services.node.onChange((status) => seen.push(status));
    process.kill(outside.pid, 'SIGKILL');
    await until('the end is reported', () => seen.some((status) => status.state === 'error'), 5_000);
    expect(seen.find((status) => status.state === 'error')?.error).toEqual({
      code: 'NODE_ERROR',
      message: `The Kubo daemon Cairn was using (process ${outside.pid}, not started by Cairn) stopped. Starting Cairn's own in 1 s.`,
      details: { exit: 'unknown' },
    });
    await until('its own daemon runs', () => seen.at(-1)?.state === 'running');
    const own = await host?.services.node.status();
    expect(own?.info?.binary?.pid).toEqual(expect.any(Number));
    expect(own?.info?.binary?.pid).not.toBe(outside.pid);
  });

  it('removes a stale api file left by a crashed daemon, then starts', async () => {
    await prepareRepo();
    const closed = await closedPort();
    await writeFile(join(repo.repoPath, 'api'), `/ip4/127.0.0.1/tcp/${closed}`);
    const status = await startApp();
    expect(status.state).toBe('running');
    expect(status.notes).toContainEqual({ kind: 'removed-stale-api', apiUrl: `http://127.0.0.1:${closed}` });
    expect(status.info?.apiUrl).not.toBe(`http://127.0.0.1:${closed}`);
  });

  it('names the process holding repo.lock and touches nothing', async () => {
    await prepareRepo();
    const outside = await outsideDaemon();
    // Without its api file the other daemon cannot be reused: only its lock remains.
    await rm(join(repo.repoPath, 'api'));
    const config = await fingerprint(join(repo.repoPath, 'config'));
    const status = await startApp();
    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('REPO_LOCKED');
    expect(status.error?.message).toContain(
      `is in use by process ${outside.pid} (${binary} daemon --migrate --offline)`,
    );
    expect(status.error?.message).toContain('Cairn changed nothing in it');
    expect(status.error?.details).toEqual({
      repoPath: repo.repoPath,
      pid: outside.pid,
      command: `${binary} daemon --migrate --offline`,
    });
    expect(await fingerprint(join(repo.repoPath, 'config'))).toBe(config);
  });

  it('moves the API and gateway off ports another program holds, and updates the config', async () => {
    await prepareRepo();
    const [apiBlocker, gatewayBlocker] = await Promise.all([holdPort(), holdPort()]);
    cleanup.push(
      () => close(apiBlocker),
      () => close(gatewayBlocker),
    );
    const busyApi = `/ip4/127.0.0.1/tcp/${portOf(apiBlocker)}`;
    const busyGateway = `/ip4/127.0.0.1/tcp/${portOf(gatewayBlocker)}`;
    await kubo(repo, ['config', 'Addresses.API', busyApi]);
    await kubo(repo, ['config', 'Addresses.Gateway', busyGateway]);

    const status = await startApp();
    expect(status.state).toBe('running');
    const config = JSON.parse(await readFile(join(repo.repoPath, 'config'), 'utf8')) as {
      Addresses: { API: string; Gateway: string };
    };
    expect(config.Addresses.API).not.toBe(busyApi);
    expect(config.Addresses.Gateway).not.toBe(busyGateway);
    expect(status.info?.apiUrl).toBe(`http://127.0.0.1:${config.Addresses.API.split('/').at(-1) ?? ''}`);
    expect(status.movedPorts).toEqual([
      { setting: 'Addresses.API', from: busyApi, to: config.Addresses.API },
      { setting: 'Addresses.Gateway', from: busyGateway, to: config.Addresses.Gateway },
    ]);
  });

  it('chooses the API and gateway ports of a repo left to the OS once, and keeps them across restarts', async () => {
    await prepareRepo();
    const readAddresses = async () =>
      (JSON.parse(await readFile(join(repo.repoPath, 'config'), 'utf8')) as { Addresses: Record<string, unknown> })
        .Addresses;
    expect(await readAddresses()).toMatchObject({ API: '/ip4/127.0.0.1/tcp/0', Gateway: '/ip4/127.0.0.1/tcp/0' });
    const first = await startApp();
    const kept = await readAddresses();
    expect(kept.API).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/[1-9]\d*$/);
    expect(kept.Gateway).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/[1-9]\d*$/);
    expect(first.movedPorts).toEqual([]);
    const again = await host?.services.node.restart();
    expect(again?.state).toBe('running');
    expect(again?.info?.gatewayUrl).toBe(first.info?.gatewayUrl);
    expect(again?.info?.apiUrl).toBe(first.info?.apiUrl);
    expect(await readAddresses()).toEqual(kept);
  });

  it('notices a kill -9 within seconds, says so, and restarts the daemon', async () => {
    await prepareRepo();
    const first = await startApp();
    const seen: NodeStatus[] = [];
    host?.services.node.onChange((status) => seen.push(status));
    process.kill(first.info?.binary?.pid ?? 0, 'SIGKILL');
    await until('the crash is reported', () => seen.some((status) => status.state === 'error'), 5_000);
    const crashed = seen.find((status) => status.state === 'error');
    expect(crashed?.error?.message).toBe('Kubo stopped unexpectedly (exit SIGKILL). Restarting in 1 s.');
    expect(crashed?.restart).toEqual({ attempt: 1, inSeconds: 1 });
    await until('the daemon is back', () => seen.at(-1)?.state === 'running');
    const again = await host?.services.node.status();
    expect(again?.info?.binary?.pid).not.toBe(first.info?.binary?.pid);
    expect(again?.info?.peerId).toBe(first.info?.peerId);
  });

  it('migrates an older repo on start and shows what Kubo said', async () => {
    await prepareRepo();
    await writeFile(join(repo.repoPath, 'version'), '17\n');
    const status = await startApp();
    expect(status.state).toBe('running');
    const note = status.notes.find((each) => each.kind === 'migrated');
    expect(note?.output.join('\n')).toContain('Migration 17-to-18 succeeded');
    expect((await readFile(join(repo.repoPath, 'version'), 'utf8')).trim()).toBe('18');
  });

  it('says so when the repo is newer than this Kubo, and leaves it alone', async () => {
    await prepareRepo();
    await writeFile(join(repo.repoPath, 'version'), '99\n');
    const status = await startApp();
    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('NODE_ERROR');
    expect(status.error?.message).toMatch(/Please update ipfs to a version that supports the existing repo/);
    expect((await readFile(join(repo.repoPath, 'version'), 'utf8')).trim()).toBe('99');
  });

  it('names a config file cut short and leaves it as it was', async () => {
    await prepareRepo();
    const file = join(repo.repoPath, 'config');
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 200));
    const before = await fingerprint(file);
    const status = await startApp();
    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('NODE_ERROR');
    expect(status.error?.details).toEqual({ action: 'read-config', target: file });
    expect(status.error?.message).toMatch(/cannot be read as JSON \(.+\)\. Cairn changed nothing in it\.$/);
    expect(await fingerprint(file)).toBe(before);
  });

  it('leaves a config without addresses to Kubo, and says what Kubo said', async () => {
    await prepareRepo();
    await writeFile(join(repo.repoPath, 'config'), '{}');
    const status = await startApp();
    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('NODE_ERROR');
    expect(status.error?.details).toEqual({ action: 'start' });
    expect(status.error?.message).toContain('Kubo said:');
  });

  it('stops and starts again', async () => {
    await prepareRepo();
    await startApp();
    await host?.services.node.stop();
    expect((await host?.services.node.status())?.state).toBe('stopped');
    expect(() => host?.services.node.kubo()).toThrow(/not running \(stopped\)/);
    const again = await host?.services.node.start();
    expect(again?.state).toBe('running');
  });

  it('collects garbage: unpinned blocks go, pinned ones stay, and the space freed is reported', async () => {
    await prepareRepo();
    await startApp();
    if (!host) throw new Error('no host');
    const client = rpcClient(host.services.node);
    const loose = await client.add(new Uint8Array(300_000).fill(7), {
      pin: false,
      rawLeaves: true,
      chunker: 'size-100000',
    });
    const kept = await client.add('pinned and kept', { pin: true });
    const result = await host.services.node.gc(new AbortController().signal);
    expect(result.problemCount).toBe(0);
    expect(result.removedBlocks).toBeGreaterThanOrEqual(2);
    const pinned = await kubo(repo, ['refs', 'local']);
    expect(pinned).not.toContain(loose.cid.toString());
    expect(pinned).toContain(kept.cid.toString());
  });

  it('reports a collection Kubo stops because pinned content lacks many blocks, each problem counted', async () => {
    await prepareRepo();
    const folder = join(dataDir, 'damaged');
    await mkdir(folder);
    const count = 200;
    for (let i = 0; i < count; i += 1) await writeFile(join(folder, `file-${i}.txt`), `file number ${i}`);
    const added = await kubo(repo, ['add', '-r', '--pin', '--cid-version=1', '--raw-leaves=false', folder]);
    const leaves = [...added.matchAll(/^added (\S+) damaged\/file-/gm)].flatMap(([, cid]) => (cid ? [cid] : []));
    expect(leaves).toHaveLength(count);
    await deleteBlockFiles(repo.repoPath, leaves);
    await startApp();
    if (!host) throw new Error('no host');
    const loose = await rpcClient(host.services.node).add('not pinned', { pin: false });

    // Kubo names every missing block (dag-pb leaves: raw ones have no links to read), far more than
    // fits in one HTTP trailer.
    const result = await host.services.node.gc(new AbortController().signal);
    expect(result).toMatchObject({ removedBlocks: 0, unreadableBlocks: count, undeletedBlocks: 0 });
    expect(result.problemCount).toBeGreaterThan(count);
    expect(result.problems).toHaveLength(10);
    expect(result.problems[0]).toMatch(/^could not retrieve links for /);
    expect(await kubo(repo, ['refs', 'local'])).toContain(loose.cid.toString());
  });
});

async function fingerprint(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

function holdPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function closedPort(): Promise<number> {
  const server = await holdPort();
  const port = portOf(server);
  await close(server);
  return port;
}
