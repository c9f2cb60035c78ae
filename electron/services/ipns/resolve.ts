import { AppError } from '../../../shared/errors';
import type { ResolvedName } from '../../../shared/ipc/contract';
import { ipnsRef, LinkError } from '../../../shared/links/content-ref';
import { kuboPath } from '../content-argument';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal } from '../kubo/kubo-errors';
import type { PublishLog } from './publish-log';

const RESOLVE_TIMEOUT_MS = 30_000;

/** The IPNS name and path in what the user pasted, or a specific reason it is not one. */
export function parseName(input: string): { name: string; path: string[]; dnslink: boolean } {
  try {
    const ref = ipnsRef(input);
    return { name: ref.name, path: ref.path, dnslink: ref.dnslink };
  } catch (error) {
    if (error instanceof LinkError) {
      throw new AppError('IPNS_NAME_INVALID', error.message, { input, problem: error.problem ?? null });
    }
    throw error;
  }
}

/**
 * What a name points to now. A DNSLink name needs DNS, which offline mode never asks; a key's name
 * is looked up by the node (its own datastore offline, the network online), within a time bound.
 */
export async function resolveName(
  kubo: KuboClient,
  input: string,
  options: { offline: boolean; log: PublishLog; timeoutMs?: number },
): Promise<ResolvedName> {
  const { name, path, dnslink } = parseName(input);
  if (dnslink && options.offline) {
    throw new AppError(
      'DNS_OFFLINE',
      `${name} is a DNSLink name: resolving it means asking DNS, and offline mode is on, so Cairn does not try.`,
      { name },
    );
  }
  const timeoutMs = options.timeoutMs ?? RESOLVE_TIMEOUT_MS;
  const resolved = await kubo
    .call<{ Path: string }>(
      'name/resolve',
      // The path as it is: Kubo reads a content path literally (a%20b is a name of its own).
      {
        arg: kuboPath({ namespace: 'ipns', name, path }),
        recursive: 'true',
        'dht-timeout': `${Math.floor(timeoutMs / 1000)}s`,
      },
      { timeoutMs, what: `Resolving ${name}` },
    )
    .catch((error: unknown) => {
      if (!(error instanceof KuboRefusal)) throw error;
      if (/could not resolve|not found/i.test(error.kuboMessage)) throw notResolved(name, options);
      if (/deadline|timeout/i.test(error.kuboMessage)) {
        throw new AppError('TIMEOUT', `Resolving ${name} took longer than ${timeoutMs / 1000} s: ${error.kuboMessage}`);
      }
      throw new AppError('NODE_ERROR', `Kubo could not resolve ${name}: ${error.kuboMessage}`, {
        action: 'resolve',
        target: name,
      });
    });
  const cid = /^\/ipfs\/([^/]+)/.exec(resolved.Path)?.[1];
  if (!cid) {
    throw new AppError('NODE_ERROR', `${name} points to ${resolved.Path}, which is not an /ipfs/ path.`, {
      action: 'resolve-to-content',
      target: name,
    });
  }
  return { name, inside: path, path: resolved.Path, cid };
}

/**
 * What the node's own record of `name` points to now, as `ipfs name resolve --offline` answers:
 * the network is not asked, and null stands for no valid record (never published, removed or expired).
 */
export async function ownRecordValue(kubo: KuboClient, name: string): Promise<string | null> {
  return kubo
    .call<{ Path: string }>('name/resolve', { arg: `/ipns/${name}`, recursive: 'false', offline: 'true' })
    .then(
      (resolved) => resolved.Path,
      (error: unknown) => {
        if (error instanceof KuboRefusal && /could not resolve|not found/i.test(error.kuboMessage)) return null;
        throw error;
      },
    );
}

/** An expired record looks like no record to Kubo; Cairn's own publish log tells the two apart. */
function notResolved(name: string, options: { offline: boolean; log: PublishLog }): AppError {
  const ours = options.log.get(name);
  if (ours && Date.parse(ours.validUntil) < Date.now()) {
    return new AppError(
      'IPNS_RECORD_EXPIRED',
      `The record for ${name} expired on ${ours.validUntil}: publish the name again (with a longer lifetime) to bring it back.`,
      { name, validUntil: ours.validUntil },
    );
  }
  const where = options.offline
    ? 'on this node (offline mode: the network is not asked)'
    : 'on the node or the network';
  return new AppError(
    'IPNS_NOT_FOUND',
    `No valid record for ${name} ${where}: it was never published, or its record expired.`,
    { name, offline: options.offline },
  );
}

/** Copies what a name points to into Files, under `/<fileName>`. */
export async function importToFiles(
  kubo: KuboClient,
  input: string,
  fileName: string,
  options: { offline: boolean; log: PublishLog },
): Promise<{ mfsPath: string; cid: string }> {
  const { cid, path } = await resolveName(kubo, input, options);
  const mfsPath = `/${fileName}`;
  await kubo
    .call('files/cp', [
      ['arg', path],
      ['arg', mfsPath],
    ])
    .catch((error: unknown) => {
      if (!(error instanceof KuboRefusal)) throw error;
      if (/already has entry|exists/i.test(error.kuboMessage)) {
        throw new AppError('ALREADY_EXISTS', `Files already has ${mfsPath}: choose another name.`, { path: mfsPath });
      }
      throw new AppError('NODE_ERROR', `Kubo could not copy ${cid} into Files: ${error.kuboMessage}`, {
        action: 'copy-into-files',
        target: mfsPath,
      });
    });
  return { mfsPath, cid: path === `/ipfs/${cid}` ? cid : path };
}
