import type { PinKeepers, PinStatusSummary } from '../../../shared/ipc/contract';
import type { SettingsService } from '../settings/settings-service';
import type { LocalPins } from './local-pins';
import type { PinTracker } from './pin-tracker';

export interface PinSummary {
  status(cid: string): Promise<PinStatusSummary>;
  keepers(cid: string): Promise<PinKeepers>;
}

/** One CID's pins in one answer: the node's own, and each service's as the tracker last saw it. */
export function pinSummary(settings: SettingsService, local: LocalPins, tracker: PinTracker): PinSummary {
  const serviceNames = () => new Map(settings.get().pins.services.map((service) => [service.id, service.name]));
  return {
    async status(cid) {
      const { local: state, mfsPath } = await local.state(cid);
      const names = serviceNames();
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
      const names = serviceNames();
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
  };
}
