import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost, type Host } from '../../electron/ipc/host';
import type { TestKubo } from './kubo';
import { resolveTestKuboBinary } from './kubo-binary';

export interface TestHost extends Host {
  dataDir: string;
  stop(): Promise<void>;
}

/** The app's services and handler table, in a fresh data folder, talking to a test Kubo as a remote node. */
export async function startTestHost(node: TestKubo): Promise<TestHost> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-data-'));
  const host = await startHost({
    dataDir,
    env: { offline: true, remoteApiUrl: node.apiUrl, dataDir },
    platform: createNodePlatform({ dialogDir: join(dataDir, 'exports') }),
  });
  await host.services.node.start();
  return {
    ...host,
    dataDir,
    async stop() {
      await host.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The app as it runs for a user: its own embedded Kubo (offline, loopback-only) in `dataDir`, and
 * dialogs that answer from `dialogDir`. Stopping keeps `dataDir`, so a second start resumes it.
 */
export async function startEmbeddedHost(dataDir: string, dialogDir: string): Promise<Host> {
  process.env.KUBO_BINARY = resolveTestKuboBinary();
  const host = await startHost({
    dataDir,
    env: { offline: true, remoteApiUrl: null, dataDir },
    platform: createNodePlatform({ dialogDir }),
  });
  const status = await host.services.node.start();
  if (status.state !== 'running') throw new Error(`the embedded node did not start: ${status.error?.message ?? ''}`);
  return host;
}
