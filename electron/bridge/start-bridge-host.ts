import { join } from 'node:path';
import type { EnvOverrides } from '../services/env';
import { startHost, type Host } from '../ipc/host';
import { previewResponse } from '../services/files/preview';
import { createNodePlatform } from './node-platform';
import { startBridge, type Bridge } from './server';

export interface BridgeHost {
  host: Host;
  bridge: Bridge;
  stop(): Promise<void>;
}

/** The whole app minus Electron: real services and a real node behind the loopback bridge. */
export async function startBridgeHost(options: {
  dataDir: string;
  env: EnvOverrides;
  rendererDir: string;
}): Promise<BridgeHost> {
  const host = await startHost({
    dataDir: options.dataDir,
    env: options.env,
    platform: createNodePlatform({ dialogDir: join(options.dataDir, 'exports') }),
  });
  const bridge = await startBridge({
    dispatcher: host.dispatcher,
    hub: host.hub,
    rendererDir: options.rendererDir,
    preview: (url, range) => previewResponse(() => host.services.node.kubo(), url, range),
  });
  return {
    host,
    bridge,
    async stop() {
      await bridge.close();
      await host.dispose();
    },
  };
}
