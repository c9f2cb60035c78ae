import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { kubo } from '../../electron/services/node/kubo-process';
import type { QueueSource } from '../../electron/services/uploads/upload-queue';
import { removeAtExit } from '../harness/at-exit';
import { importBigFolder } from '../harness/big-folder';
import { chromiumLaunchOptions } from '../harness/chromium';
import type { AddedUpload, AppHostCall, AppHostConfig, AppHostMessage } from './app-host';

const HOST = fileURLToPath(new URL('./app-host.ts', import.meta.url));

export interface AppSession {
  /** The app's address, with its one-time token. */
  appUrl: string;
  browser: Browser;
  page: Page;
  /** The page's own DevTools session: heap, garbage collection. */
  cdp: CDPSession;
  dataDir: string;
  /** The process holding the services and the test bridge: Electron's main process, here. */
  servicesPid: number;
  /** The embedded Kubo daemon's process id. */
  kuboPid: number;
  /** One upload through main's queue into `folder`, until it has landed. */
  add(source: QueueSource, folder: string): Promise<AddedUpload>;
  /** A full garbage collection in the services' process. */
  collectServicesGarbage(): Promise<void>;
  /** Makes a folder of `count` small files at `/name` in Files, imported as one CAR. */
  bigFolder(name: string, count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole app as the e2e tests run it, for the benches that watch the renderer: the embedded
 * offline Kubo and the test bridge in a process of their own (app-host.ts), and the built renderer
 * in Chromium.
 */
export async function openAppSession(binary: string): Promise<AppSession> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-bench-app-'));
  removeAtExit(dataDir);
  const config: AppHostConfig = { dataDir, rendererDir: join(import.meta.dirname, '../../out/renderer') };
  const child = fork(HOST, [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, KUBO_BINARY: binary },
  });
  const ask = hostClient(child);
  let browser: Browser | undefined;
  try {
    const ready = await readyMessage(child);
    const servicesPid = child.pid;
    if (servicesPid === undefined) throw new Error('the app host has no process id');
    browser = await chromium.launch(chromiumLaunchOptions);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const opened = browser;
    const repo = { binary, repoPath: join(dataDir, 'kubo-repo') };
    return {
      appUrl: ready.appUrl,
      browser,
      page,
      cdp: await page.context().newCDPSession(page),
      dataDir,
      servicesPid,
      kuboPid: ready.kuboPid,
      add: (source, folder) => ask({ kind: 'add', source, folder }) as Promise<AddedUpload>,
      collectServicesGarbage: async () => {
        await ask({ kind: 'gc' });
      },
      async bigFolder(name, count) {
        const cid = await importBigFolder(ready.kuboUrl, count);
        await kubo(repo, ['files', 'cp', `/ipfs/${cid}`, `/${name}`]);
      },
      async close() {
        await opened.close();
        const exited = once(child, 'exit');
        await ask({ kind: 'stop' });
        await exited;
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    child.kill();
    throw error;
  }
}

function readyMessage(child: ChildProcess): Promise<Extract<AppHostMessage, { kind: 'ready' }>> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the app host exited (${code}) before it was ready`));
    child.once('exit', exited);
    child.on('message', (message: AppHostMessage) => {
      if (message.kind !== 'ready') return;
      child.off('exit', exited);
      resolve(message);
    });
  });
}

/** Requests to the app host, each answered by the reply with its id. */
function hostClient(child: ChildProcess): (call: AppHostCall) => Promise<unknown> {
  let lastId = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: AppHostMessage) => {
    if (message.kind !== 'reply') return;
    const request = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error === undefined) request?.resolve(message.value);
    else request?.reject(new Error(`app host: ${message.error}`));
  });
  child.on('exit', (code) => {
    for (const request of waiting.values()) request.reject(new Error(`the app host exited (${code})`));
    waiting.clear();
  });
  return (call) =>
    new Promise((resolve, reject) => {
      const id = ++lastId;
      waiting.set(id, { resolve, reject });
      child.send({ ...call, id });
    });
}

/** The page's JS heap after a full garbage collection, in MB. */
export async function heapAfterGcMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}
