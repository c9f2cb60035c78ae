import { mkdir } from 'node:fs/promises';
import type { EnvOverrides } from './env';
import { createLogger } from './log';
import { createNodeService, type NodeService } from './node/node-service';
import { createPinsService, type PinsService } from './pins/pins-service';
import type { Platform } from './platform';
import { openSecretStore, type SecretStore } from './settings/secret-store';
import { openSettings, type SettingsService } from './settings/settings-service';

export interface Services {
  settings: SettingsService;
  secrets: SecretStore;
  node: NodeService;
  pins: PinsService;
  platform: Platform;
  dispose(): Promise<void>;
}

/** Builds every service for one app instance. The host (Electron main or the test bridge) owns it. */
export async function createServices(options: {
  dataDir: string;
  env: EnvOverrides;
  platform: Platform;
}): Promise<Services> {
  const { dataDir, env, platform } = options;
  await mkdir(dataDir, { recursive: true });
  const settings = await openSettings(dataDir, createLogger('settings'));
  const secrets = await openSecretStore(dataDir, platform.keychain);
  const node = createNodeService({ dataDir, settings, secrets, env, log: createLogger('node') });
  const pins = await createPinsService({
    dataDir,
    settings,
    secrets,
    node,
    log: createLogger('pins'),
    ...(env.pinPollScale === undefined ? {} : { pollScale: env.pinPollScale }),
  });
  return {
    settings,
    secrets,
    node,
    pins,
    platform,
    dispose: async () => {
      await pins.stop();
      await node.stop();
    },
  };
}
