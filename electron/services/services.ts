import { mkdir } from 'node:fs/promises';
import type { EnvOverrides } from './env';
import { createListings, type Listings } from './files/listings';
import { createLocalPins, type LocalPins } from './files/local-pins';
import { createMfsChanges, type MfsChanges } from './files/mfs-changes';
import { createLogger } from './log';
import { createNodeService, type NodeService } from './node/node-service';
import type { Platform } from './platform';
import { openSecretStore, type SecretStore } from './settings/secret-store';
import { openSettings, type SettingsService } from './settings/settings-service';

export interface Services {
  settings: SettingsService;
  secrets: SecretStore;
  node: NodeService;
  /** Who changed which MFS folder: uploads and the browser's operations report here. */
  mfs: MfsChanges;
  listings: Listings;
  localPins: LocalPins;
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
  const listings = createListings();
  return {
    settings,
    secrets,
    node,
    mfs: createMfsChanges(),
    listings,
    localPins: createLocalPins(),
    platform,
    dispose: () => {
      listings.dispose();
      return node.stop();
    },
  };
}
