import { join } from 'node:path';
import type { EnvOverrides } from '../services/env';
import { startHost, type Host } from '../ipc/host';
import { previewResponse } from '../services/files/preview';
import { forgetReceived } from '../services/uploads/staging';
import { createNodePlatform } from './node-platform';
import { fileReceiver } from './receive-file';
import { startBridge, type Bridge } from './server';

export interface BridgeHost {
  host: Host;
  bridge: Bridge;
  /**
   * Stops the bridge alone, as if the app's backend went away under its pages; the function it gives
   * serves again on the same address and token, and pages still open reconnect.
   */
  interrupt(): Promise<() => Promise<void>>;
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
  const serve = (reopen?: Bridge) =>
    startBridge({
      dispatcher: host.dispatcher,
      hub: host.hub,
      rendererDir: options.rendererDir,
      preview: (url, range) => previewResponse(() => host.services.node.kubo(), url, range),
      receiveFile: fileReceiver(host.services),
      ...(reopen ? { reopen } : {}),
    });
  const running: BridgeHost = {
    host,
    bridge: await serve(),
    async interrupt() {
      const stopped = running.bridge;
      await stopped.close();
      return async () => {
        running.bridge = await serve(stopped);
      };
    },
    async stop() {
      await running.bridge.close();
      await forgetReceived(host.services.store.dir);
      await host.dispose();
    },
  };
  return running;
}
