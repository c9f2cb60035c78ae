// The app's services in a process of their own, so that a test can kill -9 them at any moment.
// argv[2]: a ChildConfig as JSON. Prints one line per step ("ready", "enqueued", "change"), so the
// parent can choose its moment from what really happens.
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startHost } from '../../electron/ipc/host';
import type { UploadOptions } from '../../shared/ipc/contract';
import { defaultUploadOptions } from './uploads';

export interface ChildConfig {
  dataDir: string;
  /** A Kubo RPC to use as a remote node; null starts the embedded node (KUBO_BINARY) in the data folder. */
  kuboApi: string | null;
  /** Hex: the keychain key, the same in every run so that stored tokens open again. */
  secretKey: string;
  /** Paths to upload into Files' root, each asking `pinServices` for a pin once it lands. */
  uploads: string[];
  pinServices: string[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const say = (line: string) => process.stdout.write(`${line}\n`);

const host = await startHost({
  dataDir: config.dataDir,
  env: { offline: true, remoteApiUrl: config.kuboApi, dataDir: config.dataDir, pinPollScale: 0.01 },
  platform: createNodePlatform({ secretKey: Buffer.from(config.secretKey, 'hex') }),
});
const status = await host.services.node.start();
if (status.state !== 'running') throw new Error(`the node did not start: ${status.error?.message ?? ''}`);
host.services.uploads.onChange(() => say('change'));
host.services.pins.onRequestsChange(() => say('change'));
say('ready');
if (config.uploads.length === 0) await new Promise(() => undefined);
const options: UploadOptions = { ...defaultUploadOptions, pinServices: config.pinServices };
await host.services.uploads.enqueue({
  folder: '/',
  sources: config.uploads.map((path) => ({ kind: 'path' as const, path })),
  options,
});
say('enqueued');
