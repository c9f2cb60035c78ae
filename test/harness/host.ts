import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost, type Host } from '../../electron/ipc/host';
import type { TestKubo } from './kubo';

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
    platform: createNodePlatform({ exportDir: join(dataDir, 'exports') }),
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
