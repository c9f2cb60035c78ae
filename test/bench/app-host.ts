// The app's services and test bridge in a process of their own, as Electron's main process and
// `npm run dev:web` hold them: what the app benches measure of the services is then the services'
// alone, without Playwright's client or the bench's own garbage in the same heap.
// argv[2]: an AppHostConfig as JSON. Answers its parent's AppHostRequests over the IPC channel.
import { rmSync } from 'node:fs';
import { startBridgeHost } from '../../electron/bridge/start-bridge-host';
import type { QueueSource } from '../../electron/services/uploads/upload-queue';
import type { UploadItem } from '../../shared/ipc/contract';
import { defaultUploadOptions } from '../harness/uploads';

export interface AppHostConfig {
  dataDir: string;
  rendererDir: string;
}

export type AppHostCall =
  /** Queues one upload into `folder`; answered with an AddedUpload once it has landed. */
  | { kind: 'add'; source: QueueSource; folder: string }
  /** A full garbage collection of this process. */
  | { kind: 'gc' }
  /** Stops the bridge, the services and the node; the process then exits. */
  | { kind: 'stop' };

export type AppHostRequest = AppHostCall & { id: number };

export type AppHostMessage =
  | { kind: 'ready'; appUrl: string; kuboUrl: string; kuboPid: number }
  | { kind: 'reply'; id: number; value?: unknown; error?: string };

export interface AddedUpload {
  /** When it was queued: the epoch in ms, performance.timeOrigin + performance.now(). */
  enqueuedAt: number;
  item: UploadItem;
}

const config = JSON.parse(process.argv[2] ?? '{}') as AppHostConfig;
// Sent only while the bench is there to read it.
const send = (message: AppHostMessage) => process.connected && process.send?.(message);

const starting = startBridgeHost({
  dataDir: config.dataDir,
  env: { offline: true, remoteApiUrl: null, dataDir: config.dataDir },
  rendererDir: config.rendererDir,
});
// Stopped once, whether the bench asks or goes away without asking (crashed or interrupted), even mid-start.
let stopped: Promise<void> | undefined;
const stop = () => (stopped ??= starting.then((app) => app.stop()));
process.once('disconnect', () => void stopOrphaned());
// This runs after the module's imports load: the bench may have gone already.
if (!process.connected) void stopOrphaned();

/** The bench went away without asking: its own removal of the data folder may have come before this stop's last writes. */
async function stopOrphaned(): Promise<never> {
  await stop().catch(() => undefined);
  rmSync(config.dataDir, { recursive: true, force: true });
  process.exit(1);
}

const app = await starting;
const { services } = app.host;
await serveBench().catch((error: unknown) => {
  // Once the bench has gone, the node's start fails under the stop, which ends this process.
  if (process.connected) throw error;
});

/** Starts the node, then answers the bench. */
async function serveBench(): Promise<void> {
  const status = await services.node.start();
  if (status.state !== 'running' || !status.info?.binary?.pid) {
    throw new Error(`node did not start: ${status.error?.message ?? status.state}`);
  }
  process.on('message', (request: AppHostRequest) => {
    answer(request).then(
      (value) => send({ kind: 'reply', id: request.id, value }),
      (error: unknown) => send({ kind: 'reply', id: request.id, error: String(error) }),
    );
  });
  send({
    kind: 'ready',
    appUrl: app.bridge.appUrl,
    kuboUrl: services.node.kubo().url,
    kuboPid: status.info.binary.pid,
  });
}

async function answer(request: AppHostRequest): Promise<unknown> {
  switch (request.kind) {
    case 'add':
      return add(request.source, request.folder);
    case 'gc':
      global.gc?.();
      return undefined;
    case 'stop':
      await stop();
      // Once the answer is out: the parent waits for this process's exit.
      setImmediate(() => process.exit(0));
      return undefined;
  }
}

/** One upload through the queue, until it has landed. */
async function add(source: QueueSource, folder: string): Promise<AddedUpload> {
  const enqueuedAt = performance.timeOrigin + performance.now();
  const [item] = await services.uploads.enqueue({ folder, sources: [source], options: defaultUploadOptions });
  if (!item) throw new Error('nothing was queued');
  const landed = () => services.uploads.list().find((candidate) => candidate.id === item.id);
  await new Promise<void>((resolve) => {
    const check = () => {
      if (!landed()?.finishedAt) return;
      stop();
      resolve();
    };
    const stop = services.uploads.onChange(check);
    check();
  });
  const done = landed();
  if (done?.state !== 'added') throw new Error(`bench upload ${done?.state ?? 'lost'}: ${done?.error?.message ?? ''}`);
  return { enqueuedAt, item: done };
}
