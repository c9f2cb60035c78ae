import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startBridgeHost, type BridgeHost } from '../../electron/bridge/start-bridge-host';
import { kubo } from '../../electron/services/node/kubo-process';
import { resolveTestKuboBinary } from '../harness/kubo-binary';

export interface CairnApp {
  /** The app's address with its bridge token. */
  url: string;
  running: BridgeHost;
  dataDir: string;
  /** Kubo's own CLI on the app's embedded node. */
  ipfs(...args: string[]): Promise<string>;
}

/** Stops the app and removes its data folder. */
export type StartedApp = CairnApp & { stop(): Promise<void> };

/**
 * The whole app outside Electron: real services, the embedded Kubo started by the app itself
 * (offline, loopback-only) in a fresh data folder, and the built renderer served by the test bridge.
 */
export async function startCairnApp(): Promise<StartedApp> {
  const binary = resolveTestKuboBinary();
  process.env.KUBO_BINARY = binary;
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-'));
  const running = await startBridgeHost({
    dataDir,
    env: { offline: true, remoteApiUrl: null, dataDir },
    rendererDir: join(import.meta.dirname, '../../out/renderer'),
  });
  const repo = { binary, repoPath: join(dataDir, 'kubo-repo') };
  return {
    url: running.bridge.appUrl,
    running,
    dataDir,
    ipfs: (...args) => kubo(repo, args),
    async stop() {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app, one per worker: the spec files of a worker share it. */
export const test = base.extend<object, { app: CairnApp }>({
  app: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const app = await startCairnApp();
      await use(app);
      await app.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

/** The notification stack (Radix names it with its keyboard shortcut). */
export const notices = (page: import('@playwright/test').Page) => page.getByRole('region', { name: /^Notifications/ });
