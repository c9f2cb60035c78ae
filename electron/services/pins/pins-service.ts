import { AppError } from '../../../shared/errors';
import type {
  PinRequest,
  RemoteKeep,
  RemotePin,
  RemotePinPage,
  RemotePinRequestInput,
  RequestIn,
  ServiceCheck,
  ServiceInput,
} from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/settings';
import type { Logger } from '../log';
import type { NodeService } from '../node/node-service';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { DataStore } from '../store/data-store';
import { pinRequestsFile } from '../store/files/pin-requests-file';
import { openLocalPins, type LocalPins } from './local-pins';
import { dialableOrigins } from './origins';
import { kuboBackend, psaBackend } from './pin-backends';
import {
  checkKuboMayHaveToken,
  kuboCopyChanges,
  registerWithKubo,
  unregisterFromKubo,
  type KuboInUse,
} from './kubo-registration';
import { clientFor, findService, forgetService, saveService, testService, tokenKey } from './pin-services';
import { remoteStates } from './remote-states';
import { openPinTracker, type PinTracker } from './pin-tracker';
import { remotePins, type PinChanges } from './remote-pins';

export interface PinsService {
  local: LocalPins;
  /**
   * The seam for uploads and every "Pin to services" control: persists one request per CID and
   * service and returns at once; the services are called and followed in the background.
   */
  requestRemote(input: RemotePinRequestInput): Promise<PinRequest[]>;
  requests(): PinRequest[];
  /** Asks the services about pinned requests not confirmed for a few minutes (the user came back); gives how many. */
  recheckPinned(): number;
  retryRequest(id: string): Promise<PinRequest>;
  removeRequest(id: string, alsoOnService: boolean): Promise<void>;
  onRequestsChange(listener: (requests: PinRequest[]) => void): () => void;
  /** Each configured service's state for one content (its multihash key), from the tracked requests. */
  remoteStates(key: string): RemoteKeep[];
  saveService(input: ServiceInput): Promise<Settings>;
  removeService(id: string): Promise<Settings>;
  testService(input: ServiceInput): Promise<ServiceCheck>;
  /** `token`: typed for this registration; without it Kubo gets the stored one only where checkKuboMayHaveToken allows. */
  registerWithKubo(id: string, registered: boolean, token?: string): Promise<Settings>;
  listRemote(query: RequestIn<'pins.listRemote'>): Promise<RemotePinPage>;
  removeRemote(serviceId: string, requestId: string): Promise<void>;
  replaceRemote(serviceId: string, requestId: string, cid: string, changes?: PinChanges): Promise<RemotePin>;
  stop(): Promise<void>;
}

export interface PinsServiceOptions {
  store: DataStore;
  settings: SettingsService;
  secrets: SecretStore;
  node: NodeService;
  log: Logger;
  pollScale?: number;
  /** The Files path of content, to name pins. */
  filesPaths: () => Promise<(cid: string) => string | null>;
  /** Told after each local pin and unpin. */
  pinsChanged: () => void;
}

/**
 * Local pins, the configured pinning services, and the tracked remote pin requests: each kept by
 * a module of its own (local-pins, pin-services, kubo-registration, pin-tracker, remote-pins,
 * remote-states), put together here.
 */
export async function createPinsService(options: PinsServiceOptions): Promise<PinsService> {
  const { store, settings, secrets, node, log } = options;
  const kubo = () => node.kubo();
  const local = await openLocalPins(store, kubo, options.filesPaths, options.pinsChanged);
  const tracker: PinTracker = openPinTracker({
    file: await store.open(pinRequestsFile),
    log,
    ...(options.pollScale === undefined ? {} : { pollScale: options.pollScale }),
    origins: async () => {
      const status = await node.status();
      return status.info ? dialableOrigins(status.info.addresses, status.info.peerId, node.offline()) : [];
    },
    servicesKnown: settings.readWhole,
    backend: async (serviceId, via) => {
      const service = settings.get().pins.services.find((candidate) => candidate.id === serviceId);
      if (!service) return null;
      if (via === 'kubo') {
        if (!service.kuboName) return null;
        // Kubo works without it; an unreadable token only leaves Kubo's words unscrubbed.
        const token = await secrets.get(tokenKey(service.id), service.endpoint).catch(() => null);
        return kuboBackend(kubo, service.kuboName, token);
      }
      return psaBackend(await clientFor(secrets, service));
    },
  });
  const remote = remotePins(settings, secrets);
  const kuboInUse = (): KuboInUse => ({ kubo: kubo(), target: node.target() });
  const kuboToRenew = (name: string) => {
    try {
      return kuboInUse();
    } catch (error) {
      throw new AppError(
        'NODE_UNAVAILABLE',
        `${name} is registered with Kubo, which keeps its own copy of the address and token: start the node to change them, or take the registration back first.`,
        undefined,
        { cause: error },
      );
    }
  };

  return {
    local,
    async requestRemote(input) {
      for (const serviceId of input.serviceIds) {
        const service = findService(settings, serviceId);
        if (input.via === 'kubo' && !service.kuboName) {
          throw new AppError(
            'VALIDATION',
            `${service.name} is not registered with Kubo: register it in Settings first.`,
            { problem: 'not-registered', name: service.name },
          );
        }
      }
      return tracker.request(input);
    },
    requests: () => tracker.list(),
    recheckPinned: () => tracker.recheckPinned(),
    retryRequest: (id) => tracker.retry(id),
    removeRequest: (id, alsoOnService) => tracker.remove(id, alsoOnService),
    onRequestsChange: (listener) => tracker.onChange(listener),
    remoteStates: remoteStates(settings, tracker),
    async saveService(input) {
      const existing = settings.get().pins.services.find((service) => service.id === input.id);
      const renewal = input.id && kuboCopyChanges(existing, input) ? input.id : null;
      // Checked before anything is saved: a change Kubo cannot be told of yet is refused, not half made.
      const inUse = renewal ? kuboToRenew(existing?.name ?? '') : null;
      if (inUse) checkKuboMayHaveToken(input.name, input.token, inUse.target);
      const saved = await saveService(input, settings, secrets);
      if (input.id) await tracker.wake(input.id);
      if (!renewal || !inUse) return saved;
      return registerWithKubo(inUse, { settings, secrets }, renewal, true, input.token || undefined);
    },
    async removeService(id) {
      const service = findService(settings, id);
      // The settings first: a removal they cannot save changes nothing else either.
      const saved = await forgetService(id, settings, secrets);
      if (service.kuboName) {
        await unregisterFromKubo(kubo(), service.kuboName).catch((error: unknown) => log.warn(String(error)));
      }
      // Requests left by a failed write are settled as "service removed" on the tracker's next round.
      await tracker.forgetService(id).catch((error: unknown) => log.warn(String(error)));
      return saved;
    },
    testService: (input) => testService(input, secrets),
    registerWithKubo: (id, registered, token) =>
      registerWithKubo(kuboInUse(), { settings, secrets }, id, registered, token),
    listRemote: (query) => remote.list(query),
    async removeRemote(serviceId, requestId) {
      const { cid = null, name = null } = await remote.remove(serviceId, requestId);
      await tracker.changedOnService(serviceId, { requestId, cid, name }, null);
    },
    async replaceRemote(serviceId, requestId, cid, changes) {
      const { replaced, old } = await remote.replace(serviceId, requestId, cid, changes);
      await tracker.changedOnService(serviceId, old ?? { requestId, cid: null, name: null }, replaced);
      return replaced;
    },
    stop: () => tracker.stop(),
  };
}
