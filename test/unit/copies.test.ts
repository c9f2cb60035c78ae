import { base36 } from 'multiformats/bases/base36';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { describe, expect, it } from 'vitest';
import type { PinRequest } from '../../shared/ipc/contract';
import {
  contentKey,
  keptBesidesThePin,
  requestedContent,
  unpinWarning,
  type RequestedContent,
} from '../../renderer/features/pins/copies';
import { remoteStateLabel } from '../../renderer/features/pins/pin-labels';

const DAG_PB = 0x70;
const RAW = 0x55;

function request(cid: string, serviceId: string, status: PinRequest['status'], name = ''): PinRequest {
  return {
    id: `${serviceId}-${cid}`,
    cid,
    serviceId,
    name,
    meta: {},
    origins: [],
    via: 'cairn',
    status,
    requestId: null,
    reason: null,
    failure: null,
    problem: null,
    stale: false,
    createdAt: 0,
    updatedAt: 0,
    nextCheckAt: null,
    errors: 0,
  };
}

/** Each service's state of a content, in the words the views show. */
const shown = (content: RequestedContent | undefined) =>
  Object.fromEntries([...(content?.states ?? [])].map(([service, state]) => [service, remoteStateLabel(state)]));

describe('remote pin requests, grouped by the content they name', async () => {
  const digest = await sha256.digest(new TextEncoder().encode('one folder root'));
  const v0 = CID.createV0(digest);
  const v1 = CID.createV1(DAG_PB, digest);
  const raw = CID.createV1(RAW, digest);

  it('takes a CID in v0, v1 base32 and base36 as one content, and a raw block of the same hash as another', () => {
    expect(contentKey(v0.toString())).toBe(v1.toString());
    expect(contentKey(v1.toString(base36))).toBe(v1.toString());
    expect(contentKey(raw.toString())).not.toBe(v1.toString());
    expect(contentKey('not a cid')).toBe('not a cid');
  });

  it('counts a service that pinned any form as pinned, and keeps every form the content was asked under', () => {
    const grouped = requestedContent([
      request(v0.toString(), 'a', 'pinned', 'album'),
      request(v1.toString(), 'b', 'queued'),
      request(v1.toString(base36), 'a', 'failed', 'album, again'),
      request(raw.toString(), 'b', 'pinned'),
    ]);
    expect(grouped.size).toBe(2);
    const album = grouped.get(v1.toString());
    expect(album?.cids).toEqual([v0.toString(), v1.toString(), v1.toString(base36)]);
    expect(album?.name).toBe('album, again');
    expect(shown(album)).toEqual({ a: 'pinned', b: 'queued' });
    expect(shown(grouped.get(raw.toString()))).toEqual({ b: 'pinned' });
  });

  it('shows a pin not confirmed since a restart, or that could not be asked about, as not confirmed, and a confirmed one first', () => {
    const refused = { code: 'PIN_SERVICE_AUTH', message: 'refused the access token (HTTP 401)' } as const;
    const grouped = requestedContent([
      { ...request(v0.toString(), 'a', 'pinned'), stale: true },
      { ...request(v1.toString(), 'b', 'pinned'), problem: refused },
      { ...request(v1.toString(), 'c', 'pinned'), stale: true },
      request(v1.toString(base36), 'c', 'pinned'),
      request(v1.toString(base36), 'a', 'failed'),
    ]);
    expect(shown(grouped.get(v1.toString()))).toEqual({
      a: 'pinned, not confirmed',
      b: 'pinned, not confirmed',
      c: 'pinned',
    });
  });

  it('lets a pin go without a warning only when Files or a confirmed remote pin keeps the content', () => {
    const remote = (status: PinRequest['status'], stale: boolean) => ({
      serviceId: 'a',
      serviceName: 'A',
      status,
      reason: null,
      failure: null,
      problem: null,
      stale,
    });
    expect(keptBesidesThePin({ inFiles: true, remote: [] })).toBe(true);
    expect(keptBesidesThePin({ inFiles: false, remote: [remote('pinned', false)] })).toBe(true);
    expect(keptBesidesThePin({ inFiles: false, remote: [remote('pinned', true)] })).toBe(false);
    expect(keptBesidesThePin({ inFiles: false, remote: [remote('queued', false)] })).toBe(false);
  });

  it('asks the node’s other pins only when Files and services keep nothing, and cannot tell when that ask fails', async () => {
    const none = { inFiles: false, remote: [] };
    const neverAsked = () => Promise.reject(new Error('walked although Files keeps it'));
    expect(await unpinWarning({ inFiles: true, remote: [] }, neverAsked)).toBeNull();
    expect(await unpinWarning(none, () => Promise.resolve('otherPin'))).toBeNull();
    expect(await unpinWarning(none, () => Promise.resolve('insidePin'))).toBeNull();
    expect(await unpinWarning(none, () => Promise.resolve(null))).toBe('removes');
    expect(await unpinWarning(none, () => Promise.resolve('unknown'))).toBe('cannotTell');
    expect(await unpinWarning(none, () => Promise.reject(new Error('node gone')))).toBe('cannotTell');
  });
});
