import type { EnvOverrides } from './env';
import { createGrants, type Grants } from './grants/grants';
import { openIpns, type IpnsService } from './ipns/ipns-service';
import { createDiagnostics, type Diagnostics } from './diagnostics';
import { createMfsChanges, type MfsChanges } from './files/mfs-changes';
import { createKeepService, type KeepService } from './keep/keep-service';
import { createLogger } from './log';
import { createNodeService, type NodeService } from './node/node-service';
import { createPinsService, type PinsService } from './pins/pins-service';
import type { Platform } from './platform';
import { secretEndpoints } from './settings/secret-owners';
import { openSecretStore, type SecretStore } from './settings/secret-store';
import {
  openSettings,
  openWindowState,
  type SettingsService,
  type WindowStateStore,
} from './settings/settings-service';
import { lockDataFolder, type DataFolderLock } from './store/data-folder-lock';
import { openDataStore, type DataStore } from './store/data-store';
import { kuboDaemonFile } from './store/files/kubo-daemon-file';
import { kuboVersionsFile } from './store/files/kubo-versions-file';
import { afterLanding } from './uploads/after-landing';
import { openUploadQueue, type UploadQueue } from './uploads/upload-queue';
import { createVerifyService, type VerifyService } from './verify/verify-service';

export interface Services {
  /** The data folder: every persisted file, and what went wrong reading or writing them. */
  store: DataStore;
  settings: SettingsService;
  windowState: WindowStateStore;
  secrets: SecretStore;
  node: NodeService;
  uploads: UploadQueue;
  ipns: IpnsService;
  verify: VerifyService;
  /** Who changed which MFS folder: uploads and the browser's operations report here. */
  mfs: MfsChanges;
  /** What keeps content: every view asks here, every change is reported here. */
  keep: KeepService;
  pins: PinsService;
  diagnostics: Diagnostics;
  platform: Platform;
  /** Paths the user chose, held by the renderer as opaque grants. */
  grants: Grants;
  dispose(): Promise<void>;
}

interface ServicesOptions {
  dataDir: string;
  env: EnvOverrides;
  platform: Platform;
}

/**
 * Builds every service for one app instance. The host (Electron main or the test bridge) owns it.
 * The data folder is locked first, and stays locked until dispose: a second process on it is refused.
 */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const lock = await lockDataFolder(options.dataDir);
  try {
    return await openServices(options, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openServices(options: ServicesOptions, lock: DataFolderLock): Promise<Services> {
  const { dataDir, env, platform } = options;
  const store = await openDataStore(dataDir, createLogger('store'));
  // Before settings, whose migration to version 3 rewrites settings.json without the window's geometry.
  const windowState = await openWindowState(store);
  const settings = await openSettings(store);
  const secrets = await openSecretStore(
    store,
    platform.keychain,
    settings.readWhole ? secretEndpoints(settings.get()) : null,
    () => settings.get().secrets.obfuscated,
  );
  const versions = await store.open(kuboVersionsFile);
  const owned = await store.open(kuboDaemonFile);
  const node = createNodeService({
    dataDir,
    versions,
    owned,
    settings,
    secrets,
    env,
    log: createLogger('node'),
  });
  const keep = createKeepService({
    kubo: () => node.kubo(),
    remote: (key) => pins.remoteStates(key),
  });
  const pins = await createPinsService({
    store,
    settings,
    secrets,
    node,
    log: createLogger('pins'),
    filesPaths: () => keep.filesPaths(),
    pinsChanged: () => keep.changed(),
    ...(env.pinPollScale === undefined ? {} : { pollScale: env.pinPollScale }),
  });
  pins.onRequestsChange(() => keep.remoteChanged());
  const mfs = createMfsChanges();
  mfs.onChange(() => keep.changed());
  const uploadsLog = createLogger('uploads');
  const uploads = await openUploadQueue({
    store,
    kubo: () => node.kubo(),
    onNodeRunning: (listener) =>
      node.onChange((status) => {
        if (status.state === 'running') listener();
      }),
    log: uploadsLog,
    onLanded: afterLanding({ mfs, pins, log: uploadsLog }),
    pinnedBefore: () => keep.pinnedAsLastRead(),
  });
  const ipns = await openIpns({ store, node, log: createLogger('ipns') });
  mfs.onChange(() => ipns.bindings.wake());
  const verify = createVerifyService({ dataDir, node, settings });
  const diagnostics = createDiagnostics({ dataDir, settings, node });
  return {
    store,
    settings,
    windowState,
    secrets,
    node,
    uploads,
    ipns,
    verify,
    mfs,
    keep,
    pins,
    diagnostics,
    platform,
    grants: createGrants(),
    /**
     * Stops everything; the node is stopped whatever failed before it, and the failures are reported
     * after. The data folder is unlocked last, whatever failed.
     */
    async dispose() {
      const failures: unknown[] = [];
      const steps = [() => uploads.dispose(), () => ipns.dispose(), () => pins.stop()];
      for (const step of steps)
        await Promise.resolve()
          .then(step)
          .catch((error: unknown) => failures.push(error));
      try {
        await node.stop();
      } finally {
        await lock.release();
      }
      if (failures.length > 0) throw new AggregateError(failures, 'Some services did not stop cleanly.');
    },
  };
}
