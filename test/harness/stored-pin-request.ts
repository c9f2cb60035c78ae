import type { PinRequest } from '../../shared/ipc/contract';

/** A pin request as pin-requests.json holds it (`stale` is not stored: it is set as the file is read). */
export type StoredPinRequest = Omit<PinRequest, 'stale'>;

/** The CID of the requests below: nothing asks the node for it. */
export const STORED_REQUEST_CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';

/**
 * A request made by Cairn to `serviceId`, queued and due at once, for tests that write
 * pin-requests.json by hand; `fields` replace any of its values.
 */
export function storedPinRequest(
  id: string,
  serviceId: string,
  fields: Partial<StoredPinRequest> = {},
): StoredPinRequest {
  return {
    id,
    cid: STORED_REQUEST_CID,
    serviceId,
    name: id,
    meta: {},
    origins: [],
    via: 'cairn',
    status: 'queued',
    requestId: null,
    reason: null,
    failure: null,
    problem: null,
    createdAt: 1,
    updatedAt: 1,
    nextCheckAt: 1,
    errors: 0,
    ...fields,
  };
}
