import type { RemoteKeep } from '../../../shared/ipc/contract';
import { contentKey } from '../keep/content-key';
import type { SettingsService } from '../settings/settings-service';
import type { PinTracker } from './pin-tracker';

/**
 * Each configured service's state for one content, by its content key (a request made for the
 * CIDv0 answers for the CIDv1 too; one for a raw CID of a folder's hash pins that block, not the
 * folder), as the tracker last saw it.
 */
export function remoteStates(settings: SettingsService, tracker: PinTracker): (key: string) => RemoteKeep[] {
  return (key) => {
    const names = new Map(settings.get().pins.services.map((service) => [service.id, service.name]));
    return tracker
      .list()
      .filter((request) => names.has(request.serviceId) && contentKey(request.cid) === key)
      .map((request) => ({
        serviceId: request.serviceId,
        serviceName: names.get(request.serviceId) ?? request.serviceId,
        status: request.status,
        reason: request.reason,
        failure: request.failure,
        problem: request.problem,
        stale: request.stale,
      }));
  };
}
