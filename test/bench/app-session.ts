import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { startBridgeHost, type BridgeHost } from '../../electron/bridge/start-bridge-host';
import { kubo } from '../../electron/services/node/kubo-process';
import { importBigFolder } from '../harness/big-folder';
import { chromiumLaunchOptions } from '../harness/chromium';

export interface AppSession {
  app: BridgeHost;
  browser: Browser;
  page: Page;
  /** The page's own DevTools session: heap, garbage collection. */
  cdp: CDPSession;
  dataDir: string;
  /** The embedded Kubo daemon's process id. */
  kuboPid: number;
  /** Makes a folder of `count` small files at `/name` in Files, imported as one CAR. */
  bigFolder(name: string, count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole app as the e2e tests run it, for the benches that watch the renderer: the embedded
 * offline Kubo, the test bridge, and the built renderer in Chromium, open on Files.
 */
export async function openAppSession(binary: string): Promise<AppSession> {
  process.env.KUBO_BINARY = binary;
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-bench-app-'));
  const app = await startBridgeHost({
    dataDir,
    env: { offline: true, remoteApiUrl: null, dataDir },
    rendererDir: join(import.meta.dirname, '../../out/renderer'),
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const status = await app.host.services.node.start();
  if (status.state !== 'running' || !status.info?.binary?.pid) {
    throw new Error(`node did not start: ${status.error?.message ?? status.state}`);
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  const repo = { binary, repoPath: join(dataDir, 'kubo-repo') };
  return {
    app,
    browser,
    page,
    cdp,
    dataDir,
    kuboPid: status.info.binary.pid,
    async bigFolder(name, count) {
      const cid = await importBigFolder(app.host.services.node.kubo().url, count);
      await kubo(repo, ['files', 'cp', `/ipfs/${cid}`, `/${name}`]);
    },
    async close() {
      await browser.close();
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The page's JS heap after a full garbage collection, in MB. */
export async function heapAfterGcMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}
