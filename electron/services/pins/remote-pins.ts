import type { RemotePin, RemotePinPage, RequestIn } from '../../../shared/ipc/contract';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { clientFor, findService } from './pin-services';
import { failureReason, heldPin, PsaError, type PsaPinStatus } from './psa-client';

export interface RemotePins {
  list(query: RequestIn<'pins.listRemote'>): Promise<RemotePinPage>;
  remove(serviceId: string, requestId: string): Promise<void>;
  replace(serviceId: string, requestId: string, cid: string, name: string): Promise<RemotePin>;
}

/** What a pinning service holds, asked of the service itself, page by page. */
export function remotePins(settings: SettingsService, secrets: SecretStore): RemotePins {
  const client = (serviceId: string) => clientFor(secrets, findService(settings, serviceId));
  return {
    async list(query) {
      const page = await (
        await client(query.serviceId)
      ).list({
        ...(query.cids?.length ? { cids: query.cids } : {}),
        ...(query.name ? { name: query.name, match: query.match ?? 'exact' } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.before ? { before: query.before } : {}),
        limit: query.limit ?? 50,
      });
      return { count: page.count, pins: page.results.map(remotePin) };
    },
    async remove(serviceId, requestId) {
      await (await client(serviceId)).remove(requestId);
    },
    async replace(serviceId, requestId, cid, name) {
      const service = await client(serviceId);
      try {
        return remotePin(await service.replace(requestId, { cid, ...(name ? { name } : {}) }));
      } catch (error) {
        // A replace whose answer was lost is done: asked again, the old request is gone, the new pin there.
        if (!(error instanceof PsaError && error.code === 'NOT_FOUND')) throw error;
        const done = await heldPin(service, { cid, name });
        if (!done) throw error;
        return remotePin(done);
      }
    },
  };
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
