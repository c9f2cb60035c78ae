// The test bridge in a process of its own, so that a test measures the bridge's memory, not its own.
// argv[2]: { dataDir, kuboApi } as JSON. Prints one JSON line when it listens (origin, token, RSS),
// then one line with its current and peak RSS for every line it reads on stdin.
import { createInterface } from 'node:readline';
import { createNodePlatform } from '../../electron/bridge/node-platform';
import { startBridge } from '../../electron/bridge/server';
import { fileReceiver } from '../../electron/bridge/receive-file';
import { startHost } from '../../electron/ipc/host';
import { previewResponse } from '../../electron/services/files/preview';

export interface BridgeChildConfig {
  dataDir: string;
  kuboApi: string;
}

export interface BridgeChildMemory {
  rss: number;
  /** The process's peak RSS so far, in bytes. */
  peakRss: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as BridgeChildConfig;
const memory = (): BridgeChildMemory => ({
  rss: process.memoryUsage().rss,
  peakRss: process.resourceUsage().maxRSS * 1024,
});

const host = await startHost({
  dataDir: config.dataDir,
  env: { offline: true, remoteApiUrl: config.kuboApi, dataDir: config.dataDir },
  platform: createNodePlatform({}),
});
await host.services.node.start();
const bridge = await startBridge({
  dispatcher: host.dispatcher,
  hub: host.hub,
  rendererDir: config.dataDir,
  preview: (url, range) => previewResponse(() => host.services.node.kubo(), url, range),
  receiveFile: fileReceiver(host.services),
});
process.stdout.write(`${JSON.stringify({ origin: bridge.origin, token: bridge.token, ...memory() })}\n`);
createInterface({ input: process.stdin }).on('line', () => process.stdout.write(`${JSON.stringify(memory())}\n`));
