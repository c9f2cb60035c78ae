import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost, type Host } from '../../electron/ipc/host';
import type { EnvOverrides } from '../../electron/services/env';
import { resolveKuboBinary } from '../../electron/services/node/kubo-binary';
import type { NodeStatus } from '../../shared/ipc/contract';
import { startKubo } from '../harness/kubo';
import { resolveTestKuboBinary } from '../harness/kubo-binary';

const offlineEnv: EnvOverrides = { offline: true, remoteApiUrl: null, dataDir: null };

describe('the node service', () => {
  let dataDir: string;
  let host: Host | undefined;

  beforeAll(() => {
    process.env.KUBO_BINARY = resolveTestKuboBinary();
  });
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(env = offlineEnv): Promise<NodeStatus> {
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-node-'));
    host = await startHost({ dataDir, env, platform: createNodePlatform() });
    return host.services.node.start();
  }

  it('starts the embedded Kubo offline in its own repo under the data folder', async () => {
    const status = await start();
    expect(status).toMatchObject({ state: 'running', target: { kind: 'embedded' }, offline: true, notes: [] });
    expect(status.info?.peerId).toMatch(/^12D3KooW/);
    expect(status.info?.binary).toMatchObject({ path: process.env.KUBO_BINARY, source: 'KUBO_BINARY' });
    expect(status.info?.kuboVersion).toBe((await resolveKuboBinary('')).version);
    expect(status.info?.repoSizeBytes).toBeGreaterThan(0);
    expect(new URL(status.info?.apiUrl ?? '').hostname).toBe('127.0.0.1');
    const config = JSON.parse(await readFile(join(dataDir, 'kubo-repo', 'config'), 'utf8')) as {
      Bootstrap: string[] | null;
      Import: { CidVersion?: number };
    };
    expect(config.Bootstrap ?? []).toEqual([]);
    // The recommended import profile is applied to a new repo.
    expect(config.Import.CidVersion).toBe(1);
  });

  it('stops the daemon and says so', async () => {
    await start();
    const changes: NodeStatus['state'][] = [];
    host?.services.node.onChange((status) => changes.push(status.state));
    await host?.services.node.stop();
    expect((await host?.services.node.status())?.state).toBe('stopped');
    expect(changes).toEqual(['stopped']);
    await expect(access(join(dataDir, 'kubo-repo', 'repo.lock'))).rejects.toThrow();
  });

  it('uses a remote node when CAIRN_KUBO_API names one', async () => {
    const remote = await startKubo();
    try {
      const status = await start({ ...offlineEnv, remoteApiUrl: remote.apiUrl });
      expect(status).toMatchObject({ state: 'running', target: { kind: 'remote', name: 'CAIRN_KUBO_API' } });
      expect(status.info?.peerId).toBe((await remote.client.id()).id.toString());
      expect(status.info?.binary).toBeUndefined();
    } finally {
      await remote.stop();
    }
  });

  it('reports an unreachable remote node as an error, not a crash', async () => {
    const status = await start({ ...offlineEnv, remoteApiUrl: 'http://127.0.0.1:9' });
    expect(status.state).toBe('error');
    expect(status.error).toEqual({ code: 'NODE_UNREACHABLE', message: 'Nothing answers at 127.0.0.1:9 (bad port).' });
  });
});

describe('finding the Kubo binary', () => {
  it('says what it tried when nothing works', async () => {
    const attempt = resolveKuboBinary('', { PATH: '' });
    // Where the optional `kubo` package managed to download its binary, it is the one found.
    const bundled = await attempt.catch(() => null);
    if (bundled) {
      expect(bundled.source).toBe('kubo package');
      return;
    }
    await expect(attempt).rejects.toMatchObject({
      code: 'KUBO_BINARY_MISSING',
      message: expect.stringMatching(
        /Tried: no binary chosen in Settings; KUBO_BINARY is not set; .*; no ipfs on PATH\.$/,
      ) as string,
    });
  });

  it('never falls back from a chosen binary that is not Kubo', async () => {
    const working = { KUBO_BINARY: resolveTestKuboBinary(), PATH: '' };
    await expect(resolveKuboBinary('/bin/true', working)).rejects.toMatchObject({
      code: 'KUBO_BINARY_MISSING',
      message: expect.stringMatching(/^The binary chosen in Settings, \/bin\/true, is not Kubo/) as string,
    });
    await expect(resolveKuboBinary('', { ...working, KUBO_BINARY: '/bin/true' })).rejects.toMatchObject({
      message: expect.stringMatching(/named by KUBO_BINARY, \/bin\/true, is not Kubo/) as string,
    });
  });
});
