import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type {
  PinKeepers,
  PinRequest,
  PinStatusSummary,
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
import { rpc } from '../node/remote';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { openLocalPins, type LocalPins } from './local-pins';
import { dialableOrigins } from './origins';
import { kuboBackend, psaBackend } from './pin-backends';
import { clientFor, findService, forgetService, saveService, serviceToken, testService } from './pin-services';
import { openPinTracker, type PinTracker } from './pin-tracker';
import { failureReason, type PsaPinStatus } from './psa-client';

export interface PinsService {
  local: LocalPins;
  /**
   * The seam for uploads and every "Pin to services" control: persists one request per CID and
   * service and returns at once; the services are called and followed in the background.
   */
  requestRemote(input: RemotePinRequestInput): Promise<PinRequest[]>;
  requests(): PinRequest[];
  retryRequest(id: string): Promise<PinRequest>;
  removeRequest(id: string, alsoOnService: boolean): Promise<void>;
  onRequestsChange(listener: (requests: PinRequest[]) => void): () => void;
  status(cid: string): Promise<PinStatusSummary>;
  keepers(cid: string): Promise<PinKeepers>;
  saveService(input: ServiceInput): Promise<Settings>;
  removeService(id: string): Promise<Settings>;
  testService(input: ServiceInput): Promise<ServiceCheck>;
  registerWithKubo(id: string, registered: boolean): Promise<Settings>;
  listRemote(query: RequestIn<'pins.listRemote'>): Promise<RemotePinPage>;
  removeRemote(serviceId: string, requestId: string): Promise<void>;
  replaceRemote(serviceId: string, requestId: string, cid: string, name: string): Promise<RemotePin>;
  stop(): Promise<void>;
}

export interface PinsServiceOptions {
  dataDir: string;
  settings: SettingsService;
  secrets: SecretStore;
  node: NodeService;
  log: Logger;
  pollScale?: number;
}

const KUBO_NAME = /[^A-Za-z0-9_-]/g;

/** Local pins, the configured pinning services, and the tracked remote pin requests. */
export async function createPinsService(options: PinsServiceOptions): Promise<PinsService> {
  const { dataDir, settings, secrets, node, log } = options;
  const local = await openLocalPins(dataDir, () => node.rpcTarget());
  const tracker: PinTracker = await openPinTracker({
    file: join(dataDir, 'pin-requests.json'),
    log,
    ...(options.pollScale === undefined ? {} : { pollScale: options.pollScale }),
    origins: async () => {
      const status = await node.status();
      return status.info ? dialableOrigins(status.info.addresses, status.info.peerId, node.offline()) : [];
    },
    backend: async (serviceId, via) => {
      const service = settings.get().pins.services.find((candidate) => candidate.id === serviceId);
      if (!service) return null;
      if (via === 'kubo') {
        if (!service.kuboName) return null;
        return kuboBackend(() => node.rpcTarget(), service.kuboName);
      }
      return psaBackend(await clientFor(secrets, service));
    },
  });

  return {
    local,
    async requestRemote(input) {
      for (const serviceId of input.serviceIds) {
        const service = findService(settings, serviceId);
        if (input.via === 'kubo' && !service.kuboName) {
          throw new AppError(
            'VALIDATION',
            `${service.name} is not registered with Kubo: register it in Settings first.`,
          );
        }
      }
      return tracker.request(input);
    },
    requests: () => tracker.list(),
    retryRequest: (id) => tracker.retry(id),
    removeRequest: (id, alsoOnService) => tracker.remove(id, alsoOnService),
    onRequestsChange: (listener) => tracker.onChange(listener),
    async status(cid) {
      const { local: state, mfsPath } = await local.state(cid);
      const names = new Map(settings.get().pins.services.map((service) => [service.id, service.name]));
      return {
        cid,
        local: state,
        mfsPath,
        remote: tracker
          .list()
          .filter((request) => request.cid === cid && names.has(request.serviceId))
          .map((request) => ({
            serviceId: request.serviceId,
            serviceName: names.get(request.serviceId) ?? request.serviceId,
            status: request.status,
            reason: request.reason,
            problem: request.problem,
          })),
      };
    },
    async keepers(cid) {
      const names = new Map(settings.get().pins.services.map((service) => [service.id, service.name]));
      return {
        mfsPath: await local.mfsPathOf(cid),
        services: [
          ...new Set(
            tracker
              .list()
              .filter((request) => request.cid === cid && request.status === 'pinned')
              .map((request) => names.get(request.serviceId) ?? request.serviceId),
          ),
        ],
      };
    },
    async saveService(input) {
      const saved = await saveService(input, settings, secrets);
      if (input.id) await tracker.wake(input.id);
      return saved;
    },
    async removeService(id) {
      const service = findService(settings, id);
      if (service.kuboName) await unregister(service.kuboName).catch((error: unknown) => log.warn(String(error)));
      await tracker.forgetService(id);
      return forgetService(id, settings, secrets);
    },
    testService: (input) => testService(input, secrets),
    async registerWithKubo(id, registered) {
      const service = findService(settings, id);
      let kuboName: string | null = null;
      if (registered) {
        kuboName = `cairn-${service.name.replace(KUBO_NAME, '-').slice(0, 40)}-${id.slice(0, 6)}`;
        if (service.kuboName) await unregister(service.kuboName).catch(() => undefined);
        const query = new URLSearchParams([
          ['arg', kuboName],
          ['arg', service.endpoint],
          ['arg', await serviceToken(secrets, service)],
        ]);
        const response = await rpc(node.rpcTarget(), `pin/remote/service/add?${query.toString()}`);
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { Message?: string } | null;
          throw new AppError(
            'NODE_ERROR',
            `Kubo did not register ${service.name}: ${body?.Message ?? response.status}`,
          );
        }
        await response.body?.cancel();
      } else if (service.kuboName) {
        await unregister(service.kuboName);
      }
      return settings.change((current) => ({
        ...current,
        pins: {
          services: current.pins.services.map((stored) => (stored.id === id ? { ...stored, kuboName } : stored)),
        },
      }));
    },
    async listRemote(query) {
      const client = await clientFor(secrets, findService(settings, query.serviceId));
      const page = await client.list({
        ...(query.cids?.length ? { cids: query.cids } : {}),
        ...(query.name ? { name: query.name, match: query.match ?? 'exact' } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.before ? { before: query.before } : {}),
        limit: query.limit ?? 50,
      });
      return { count: page.count, pins: page.results.map(remotePin) };
    },
    async removeRemote(serviceId, requestId) {
      await (await clientFor(secrets, findService(settings, serviceId))).remove(requestId);
    },
    async replaceRemote(serviceId, requestId, cid, name) {
      const client = await clientFor(secrets, findService(settings, serviceId));
      return remotePin(await client.replace(requestId, { cid, ...(name ? { name } : {}) }));
    },
    stop: () => tracker.stop(),
  };

  async function unregister(kuboName: string): Promise<void> {
    const response = await rpc(node.rpcTarget(), 'pin/remote/service/rm', { arg: kuboName });
    await response.body?.cancel();
  }
}

function remotePin(pin: PsaPinStatus): RemotePin {
  return {
    requestId: pin.requestid,
    status: pin.status,
    created: pin.created,
    cid: pin.pin.cid,
    name: pin.pin.name ?? null,
    meta: pin.pin.meta ?? {},
    reason: failureReason(pin),
  };
}
