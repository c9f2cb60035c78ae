import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost, type Host } from '../../electron/ipc/host';
import type { Platform } from '../../electron/services/platform';
import type { TestKubo } from './kubo';
import { resolveTestKuboBinary } from './kubo-binary';

export interface TestHost extends Host {
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The app's services and handler table, in a fresh data folder (or a given one, to restart on the
 * same data), talking to a test Kubo as a remote node.
 */
export async function startTestHost(
  node: Pick<TestKubo, 'apiUrl'>,
  /** `platform`: the previous run's, so its keychain still opens the stored secrets after a restart. */
  options: { dataDir?: string; pinPollScale?: number; platform?: Platform } = {},
): Promise<TestHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cairn-data-')));
  const pinPollScale = options.pinPollScale === undefined ? {} : { pinPollScale: options.pinPollScale };
  const host = await startHost({
    dataDir,
    env: { offline: true, remoteApiUrl: node.apiUrl, dataDir, ...pinPollScale },
    platform: options.platform ?? createNodePlatform({ dialogDir: join(dataDir, 'exports') }),
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
