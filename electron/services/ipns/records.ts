import { AppError } from '../../../shared/errors';
import type { IpnsRecordInfo, PublishResult } from '../../../shared/ipc/contract';
import { LinkError, parseContentRef } from '../../../shared/links/content-ref';
import { rpc, type RpcTarget } from '../node/remote';
import { findKey, unknownKey } from './keys';
import { kuboCall, KuboRefusal } from '../node/kubo-call';
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
export async function contentPath(target: RpcTarget, value: string): Promise<string> {
  const text = value.trim();
  if (text.startsWith('/') && !/^\/(ipfs|ipns)\//.test(text)) return `/ipfs/${await filesCid(target, text)}`;
  try {
    const ref = parseContentRef(text);
    if (ref.namespace === 'ipns') {
      throw new AppError('VALIDATION', 'Publish a CID or a Files path: a name cannot point to another name here.');
    }
    return kuboPath(ref);
  } catch (error) {
    if (error instanceof LinkError) {
      throw new AppError('VALIDATION', `${error.message} Publish a CID, an /ipfs/ path or a Files path (/photos).`);
    }
    throw error;
  }
}

/** The CID of a Files (MFS) entry now. */
export async function filesCid(target: RpcTarget, mfsPath: string): Promise<string> {
  const stat = await kuboCall<{ Hash: string }>(target, 'files/stat', { arg: mfsPath, hash: 'true' }).catch(
    (error: unknown) => {
      if (error instanceof KuboRefusal && /does not exist|not found/i.test(error.kuboMessage)) {
        throw new AppError('NOT_FOUND', `Files has nothing at ${mfsPath}.`, { path: mfsPath });
      }
      throw error;
    },
  );
  return stat.Hash;
}

/**
 * Signs and publishes a record for `key`. Offline, Kubo keeps it in its own datastore only
 * (`allow-offline`): the name resolves on this node, and nowhere else until published online.
 */
export async function publishName(
  target: RpcTarget,
  request: PublishRequest,
  options: { offline: boolean; log: PublishLog },
): Promise<PublishResult> {
  const key = await findKey(target, request.key);
  const path = await contentPath(target, request.value);
  const published = await kuboCall<{ Name: string; Value: string }>(
    target,
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
  ).catch((error: unknown) => {
    if (!(error instanceof KuboRefusal)) throw error;
    if (/no key/i.test(error.kuboMessage)) throw unknownKey(request.key);
    if (/not found locally|could not find/i.test(error.kuboMessage)) {
      throw new AppError('NOT_FOUND', `The node does not have ${path}, so it cannot vouch for it: add it first.`);
    }
    throw new AppError('NODE_ERROR', `Kubo could not publish ${key.name}: ${error.kuboMessage}`);
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
export async function inspectName(
  target: RpcTarget,
  keyName: string,
  options: { gatewayUrl: string | null; log: PublishLog },
): Promise<IpnsRecordInfo> {
  const key = await findKey(target, keyName);
  const ours = options.log.get(key.id);
  const known: IpnsRecordInfo = {
    name: key.id,
    published: false,
    ...(ours ? { lastPublishedAt: ours.publishedAt, reachedNetwork: ours.reachedNetwork } : {}),
  };
  const record = await fetchRecord(target, key.id, options.gatewayUrl);
  if ('missing' in record) return known;
  if ('unavailable' in record) return { ...known, note: record.unavailable };
  const body = new FormData();
  body.append('file', new Blob([record.bytes]), 'record');
  const inspected = await kuboCall<InspectedRecord>(
    target,
    'name/inspect',
    { verify: key.id, dump: 'false' },
    { body },
  ).catch((error: unknown) => {
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
  target: RpcTarget,
  name: string,
  gatewayUrl: string | null,
): Promise<{ bytes: ArrayBuffer } | { missing: true } | { unavailable: string }> {
  if (gatewayUrl) {
    const response = await fetch(`${gatewayUrl}/ipns/${name}`, {
      headers: { Accept: IPNS_RECORD },
      signal: AbortSignal.timeout(RECORD_TIMEOUT_MS),
      redirect: 'manual',
    });
    if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith(IPNS_RECORD)) return { missing: true };
    return { bytes: await response.arrayBuffer() };
  }
  const response = await rpc(target, 'name/get', { arg: `/ipns/${name}` }, RECORD_TIMEOUT_MS);
  if (response.ok) return { bytes: await response.arrayBuffer() };
  const message = await response.text();
  if (/online mode/i.test(message)) {
    return {
      unavailable:
        'This node is offline and Cairn does not reach its gateway: Kubo hands a record over only online or through the gateway, so its details are not shown.',
    };
  }
  return { missing: true };
}
