import { AppError } from '../../../shared/errors';
import type { IpnsRecordInfo, PublishResult } from '../../../shared/ipc/contract';
import { LinkError, parseContentRef } from '../../../shared/links/content-ref';
import type { KuboClient } from '../kubo/kubo-client';
import { findKey, unknownKey } from './keys';
import { KuboRefusal } from '../kubo/kubo-errors';
import type { PublishLog } from './publish-log';
import { kuboPath } from '../content-argument';

/** An online publish puts the record into the DHT, which takes a while. */
const PUBLISH_TIMEOUT_MS = 120_000;
const RECORD_TIMEOUT_MS = 15_000;
const IPNS_RECORD = 'application/vnd.ipfs.ipns-record';

export interface PublishRequest {
  key: string;
  value: string;
  lifetimeSeconds: number;
  ttlSeconds: number;
}

/** What `value` means as an IPFS path: a CID or /ipfs/ link as it is, a Files path by its current CID. */
export async function contentPath(kubo: KuboClient, value: string): Promise<string> {
  const text = value.trim();
  if (text.startsWith('/') && !/^\/(ipfs|ipns)\//.test(text)) return `/ipfs/${await filesCid(kubo, text)}`;
  try {
    const ref = parseContentRef(text);
    if (ref.namespace === 'ipns') {
      throw new AppError('VALIDATION', 'Publish a CID or a Files path: a name cannot point to another name here.', {
        input: text,
        problem: 'name-to-name',
      });
    }
    return kuboPath(ref);
  } catch (error) {
    if (error instanceof LinkError) {
      throw new AppError('VALIDATION', `${error.message} Publish a CID, an /ipfs/ path or a Files path (/photos).`, {
        input: text,
        problem: 'not-publishable',
      });
    }
    throw error;
  }
}

/** The CID of a Files (MFS) entry now. */
export async function filesCid(kubo: KuboClient, mfsPath: string): Promise<string> {
  const stat = await kubo
    .call<{ Hash: string }>('files/stat', { arg: mfsPath, hash: 'true' })
    .catch((error: unknown) => {
      if (error instanceof KuboRefusal && /does not exist|not found/i.test(error.kuboMessage)) {
        throw new AppError('NOT_FOUND', `Files has nothing at ${mfsPath}.`, { path: mfsPath });
      }
      throw error;
    });
  return stat.Hash;
}

/**
 * Signs and publishes a record for `key`. Offline, Kubo keeps it in its own datastore only
 * (`allow-offline`): the name resolves on this node, and nowhere else until published online.
 */
export async function publishName(
  kubo: KuboClient,
  request: PublishRequest,
  options: { offline: boolean; log: PublishLog },
): Promise<PublishResult> {
  const key = await findKey(kubo, request.key);
  const path = await contentPath(kubo, request.value);
  const published = await kubo
    .call<{ Name: string; Value: string }>(
      'name/publish',
      {
        arg: path,
        key: key.name,
        lifetime: `${request.lifetimeSeconds}s`,
        ttl: `${request.ttlSeconds}s`,
        'allow-offline': String(options.offline),
        'ipns-base': 'base36',
      },
      { timeoutMs: PUBLISH_TIMEOUT_MS, what: `Publishing ${key.name}` },
    )
    .catch((error: unknown) => {
      if (!(error instanceof KuboRefusal)) throw error;
      if (/no key/i.test(error.kuboMessage)) throw unknownKey(request.key);
      if (/not found locally|could not find/i.test(error.kuboMessage)) {
        throw new AppError('NOT_FOUND', `The node does not have ${path}, so it cannot vouch for it: add it first.`, {
          unpublishable: path,
        });
      }
      throw new AppError('NODE_ERROR', `Kubo could not publish ${key.name}: ${error.kuboMessage}`, {
        action: 'publish',
        target: key.name,
      });
    });
  const now = new Date();
  await options.log.record(key.id, {
    value: published.Value,
    publishedAt: now.toISOString(),
    validUntil: new Date(now.getTime() + request.lifetimeSeconds * 1000).toISOString(),
    reachedNetwork: !options.offline,
  });
  return { name: key.id, value: published.Value, reachedNetwork: !options.offline };
}

interface InspectedRecord {
  Entry: { Value: string; Validity: string; Sequence: number; TTL: number };
  Validation?: { Valid: boolean; Reason: string };
}

/**
 * The record a key's name has now: fetched from the node's own gateway (which answers offline) or
 * with `name/get` (online only), decoded and checked against the key by Kubo's `name/inspect`.
 */
export async function inspectName(kubo: KuboClient, keyName: string, log: PublishLog): Promise<IpnsRecordInfo> {
  // The view asks by ID; a name is taken too.
  const key = await findKey(kubo, keyName, ['id', 'name']);
  const ours = log.get(key.id);
  const known: IpnsRecordInfo = {
    name: key.id,
    published: false,
    ...(ours ? { lastPublishedAt: ours.publishedAt, reachedNetwork: ours.reachedNetwork } : {}),
  };
  const record = await fetchRecord(kubo, key.id);
  if ('missing' in record) return known;
  if ('unavailable' in record) return { ...known, note: record.unavailable };
  const body = new FormData();
  body.append('file', new Blob([record.bytes]), 'record');
  const inspected = await kubo
    .call<InspectedRecord>('name/inspect', { verify: key.id, dump: 'false' }, { body })
    .catch((error: unknown) => {
      if (error instanceof KuboRefusal) return null;
      throw error;
    });
  if (!inspected?.Validation?.Valid) {
    return {
      ...known,
      note: `The node's record for this name does not verify: ${inspected?.Validation?.Reason ?? ''}`,
    };
  }
  const { Entry } = inspected;
  return {
    ...known,
    published: true,
    value: Entry.Value,
    sequence: Entry.Sequence,
    validUntil: Entry.Validity,
    expired: Date.parse(Entry.Validity) < Date.now(),
    ttlSeconds: Math.round(Entry.TTL / 1e9),
  };
}

/** The signed record, or why there is none: the node has no record, or cannot hand it over. */
async function fetchRecord(
  kubo: KuboClient,
  name: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer> } | { missing: true } | { unavailable: string }> {
  if (kubo.gatewayUrl) {
    const bytes = await kubo.fromGateway(`/ipns/${name}`, IPNS_RECORD, { timeoutMs: RECORD_TIMEOUT_MS });
    return bytes ? { bytes } : { missing: true };
  }
  return kubo.bytes('name/get', { arg: `/ipns/${name}` }, { timeoutMs: RECORD_TIMEOUT_MS }).then(
    (bytes) => ({ bytes }),
    (error: unknown) => {
      if (!(error instanceof KuboRefusal)) throw error;
      if (/online mode/i.test(error.kuboMessage)) {
        return {
          unavailable:
            'This node is offline and Cairn does not reach its gateway: Kubo hands a record over only online or through the gateway, so its details are not shown.',
        };
      }
      return { missing: true } as const;
    },
  );
}
