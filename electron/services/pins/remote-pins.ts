import type { RemotePageCursor, RemotePin, RemotePinPage, RequestIn } from '../../../shared/ipc/contract';
import { MAX_PAGE_SEEN } from '../../../shared/ipc/limits';
import type { SecretStore } from '../settings/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { clientFor, findService } from './pin-services';
import { failureReason, heldPin, PsaError, type PsaPinStatus } from './psa-client';

export interface RemotePins {
  list(query: RequestIn<'pins.listRemote'>): Promise<RemotePinPage>;
  /**
   * Gives the pin removed, read first where the service still tells it (requests made through Kubo
   * know it by CID and name only).
   */
  remove(serviceId: string, requestId: string): Promise<Pick<RemotePin, 'requestId'> & Partial<RemotePin>>;
  /** Gives the new pin, and the old one where it could still be read. */
  replace(
    serviceId: string,
    requestId: string,
    cid: string,
    changes?: PinChanges,
  ): Promise<{ replaced: RemotePin; old: RemotePin | null }>;
}

/** What a replace changes of the pin besides its CID: what is absent, the new pin keeps. */
export interface PinChanges {
  name?: string | undefined;
  meta?: Record<string, string> | undefined;
}

/** What a pinning service holds, asked of the service itself, page by page. */
export function remotePins(settings: SettingsService, secrets: SecretStore): RemotePins {
  const client = (serviceId: string) => clientFor(secrets, findService(settings, serviceId));
  return {
    async list(query) {
      const limit = query.limit ?? 50;
      const seen = new Set(query.before ? query.seen : []);
      // Pins created at the cursor's very instant that earlier pages did not reach are asked for again
      // (the API's `before` is strict), together with those they did, which are then left out.
      const before =
        query.before && seen.size > 0 ? new Date(Date.parse(query.before) + 1).toISOString() : query.before;
      const asked = limit + seen.size;
      const page = await (
        await client(query.serviceId)
      ).list({
        ...(query.cids?.length ? { cids: query.cids } : {}),
        ...(query.name ? { name: query.name, match: query.match ?? 'exact' } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(before ? { before } : {}),
        limit: asked,
      });
      const pins = page.results
        .filter((pin) => !seen.has(pin.requestid))
        .slice(0, limit)
        .map(remotePin);
      // More to come: a page as long as asked, or a count (of all that match) beyond it.
      const more = page.results.length >= asked || page.count > page.results.length;
      return { count: page.count, pins, next: more ? nextCursor(pins, query) : null };
    },
    async remove(serviceId, requestId) {
      const service = await client(serviceId);
      // Only to tell which requests tracked it: a read that fails does not stand in the removal's way.
      const removed = await service.get(requestId).then(remotePin, () => ({ requestId }));
      await service.remove(requestId);
      return removed;
    },
    async replace(serviceId, requestId, cid, changes = {}) {
      const service = await client(serviceId);
      try {
        // A replace sends the whole pin (POST /pins/{requestid}): what the request does not change is
        // the old pin's, read from the service and sent again, or it would be lost.
        const before = await service.get(requestId);
        const { pin: old } = before;
        const name = changes.name ?? old.name ?? '';
        const meta = changes.meta ?? stringEntries(old.meta);
        const origins = Array.isArray(old.origins) ? old.origins.filter((origin) => typeof origin === 'string') : [];
        const replaced = await service.replace(requestId, {
          cid,
          ...(name ? { name } : {}),
          ...(Object.keys(meta).length > 0 ? { meta } : {}),
          ...(origins.length > 0 ? { origins } : {}),
        });
        return { replaced: remotePin(replaced), old: remotePin(before) };
      } catch (error) {
        // A replace whose answer was lost is done: asked again, the old request is gone, the new pin there.
        if (!(error instanceof PsaError && error.code === 'NOT_FOUND')) throw error;
        const done = await heldPin(service, { cid, name: changes.name });
        if (!done) throw error;
        return { replaced: remotePin(done), old: null };
      }
    },
  };
}

/**
 * The next page's cursor: the oldest pin's instant (as the API asks), with the pins listed at that
 * very instant, so that others created then are not skipped; null when this page listed none.
 */
function nextCursor(pins: RemotePin[], query: RequestIn<'pins.listRemote'>): RemotePageCursor | null {
  if (pins.length === 0) return null;
  const oldest = Math.min(...pins.map((pin) => Date.parse(pin.created)));
  const at = pins.filter((pin) => Date.parse(pin.created) === oldest).map((pin) => pin.requestId);
  // Still at the previous cursor's instant: what earlier pages listed there stays seen.
  const earlier = query.before && Date.parse(query.before) === oldest ? (query.seen ?? []) : [];
  const seen = [...earlier, ...at];
  const before = new Date(oldest).toISOString();
  // More pins at one instant than a cursor carries: the rest of that instant is passed over.
  return { before, seen: seen.length <= MAX_PAGE_SEEN ? seen : [] };
}

function remotePin(pin: PsaPinStatus): RemotePin {
  return {
    requestId: pin.requestid,
    status: pin.status,
    created: pin.created,
    cid: pin.pin.cid,
    name: pin.pin.name ?? null,
    meta: stringEntries(pin.pin.meta),
    reason: failureReason(pin),
  };
}

/** A pin's `meta` as the API has it, string keys to strings: whatever else a service sent is left out. */
function stringEntries(meta: unknown): Record<string, string> {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return {};
  return Object.fromEntries(
    Object.entries(meta).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
