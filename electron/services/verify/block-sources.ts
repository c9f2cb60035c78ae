import type { IncomingMessage } from 'node:http';
import type { CID } from 'multiformats/cid';
import { AppError } from '../../../shared/errors';
import { gatewayUrl } from '../../../shared/links/build-link';
import type { GatewayStyle } from '../../../shared/settings';
import {
  BodyTooLarge,
  contentEncodingOf,
  gatewayGet,
  oversizeBlockMessage,
  rateLimitMessage,
  readCappedParts,
  redirectOf,
  untrustlessAnswer,
  untrustlessType,
} from '../gateway-request';
import type { KuboClient } from '../kubo/kubo-client';
import { KuboRefusal } from '../kubo/kubo-errors';
import { BodyReader } from './body-reader';
import { extraAfterContent } from './car-extra';
import {
  carLayoutOf,
  MalformedCar,
  nextCarSection,
  readCarHeader,
  type CarHeader,
  type CarLayout,
  type CarSection,
} from './car-sections';
import { blockKey, checkBlock, MAX_BLOCKS, RemoteFailure, tooManyBlocks, type BlockSource } from './verify-dag';

/** Depth first with duplicates: the stream is then exactly the walk, and nothing needs keeping. */
const CAR_ACCEPT = 'application/vnd.ipld.car; version=1; order=dfs; dups=y';
const BLOCK_TIMEOUT_MS = 30_000;

/**
 * The whole DAG from a gateway as one CAR (trustless: `dag-scope=all`), read block by block as it
 * arrives. Anything that is not a CAR is refused before a byte of it is used.
 */
export async function carFromGateway(
  gateway: { url: string; style: GatewayStyle },
  cid: CID,
  options: { idleTimeoutMs: number; signal: AbortSignal; maxBlocks?: number },
): Promise<BlockSource> {
  const { maxBlocks = MAX_BLOCKS } = options;
  const host = new URL(gateway.url).host;
  const url = gatewayUrl(cid, gateway);
  const asked = `${url}?dag-scope=all`;
  let response: IncomingMessage;
  try {
    response = await gatewayGet(asked, CAR_ACCEPT, options.idleTimeoutMs, options.signal);
  } catch (error) {
    throw failureOf(error, host, options);
  }
  const status = response.statusCode ?? 0;
  if (status === 404) {
    response.resume();
    throw new RemoteFailure('not-found', `${host} does not have this CID (HTTP 404).`, { details: { status } });
  }
  refuseUnlessType(response, asked, host, 'application/vnd.ipld.car');
  const layout = carLayoutOf(response.headers['content-type'] ?? '');
  const car = new BodyReader(response);
  // Without duplicates, a block asked for again once the CAR has ended was sent already: not lost.
  // Saving a copy, the walk remembers nothing, so this is bounded as a check's own memory is.
  const served = layout.dups === 'y' ? null : new Set<string>();
  let header: CarHeader;
  try {
    header = await car.within(options.idleTimeoutMs, readCarHeader(car));
  } catch (error) {
    car.close();
    throw failureOf(error, host, options, 'its CAR broke off in its header');
  }
  const named = header.roots.some((root) => root.toV1().equals(cid.toV1()));
  return {
    async next(expected) {
      let section: CarSection | null;
      try {
        section = await car.within(options.idleTimeoutMs, nextCarSection(car, MAX_BLOCK_BYTES, header.blocksEnd));
      } catch (error) {
        throw failureOf(error, host, options, 'its CAR broke off in the middle of a block');
      }
      if (section === null) {
        if (served?.has(blockKey(expected))) {
          throw unordered(
            host,
            layout,
            `sent block ${expected.toString()} once, and the copy being saved needs it again`,
          );
        }
        return null;
      }
      if (blockKey(section.cid) !== blockKey(expected)) {
        // Where the root comes, the root another CID's CAR names: that CID's content, not this one's.
        const foreign = !named && blockKey(expected) === blockKey(cid);
        throw misplaced(section, expected, host, layout, foreign);
      }
      if (served && served.size >= maxBlocks && !served.has(blockKey(expected))) throw tooManyBlocks(maxBlocks);
      served?.add(blockKey(expected));
      return section.parts;
    },
    repeats: layout.dups === 'y',
    async notes(walked) {
      // The verdict comes from walking the CID asked; a CAR naming other roots is worth saying all the same.
      const roots = named ? {} : { carRoots: header.roots.map(String) };
      if (!walked) return roots;
      return { ...roots, ...(await extraAfterContent(car, header.blocksEnd, MAX_BLOCK_BYTES)) };
    },
    close: () => car.close(),
  };
}

/**
 * A section that is not the block the walk needs next. Its bytes are the block's under another CID
 * (another hash function, say): a CAR that names its blocks wrongly. Otherwise tampered when they are
 * `foreign` (another CID's content sent for this one, as a raw block of another CID would be) or do
 * not match the section's own CID; else a CAR in another order than the one Cairn reads as it
 * arrives. A section whose own CID Cairn cannot check is no fault of the CID asked for.
 */
function misplaced(
  section: CarSection,
  expected: CID,
  host: string,
  layout: CarLayout,
  foreign: boolean,
): RemoteFailure {
  const asExpected = failedCheck(expected, section.parts);
  if (!asExpected) {
    return malformed(host, `it names block ${expected.toString()} by another CID, ${section.cid.toString()}`);
  }
  if (foreign || asExpected.outcome === 'unsupported') return asExpected;
  const asItself = failedCheck(section.cid, section.parts);
  if (asItself?.outcome === 'tampered') return asItself;
  return unordered(host, layout, `sent block ${section.cid.toString()} where ${expected.toString()} comes next`);
}

/** Why `bytes` are not the block of `cid` (tampered, or cannot be checked), or null when they are. */
function failedCheck(cid: CID, bytes: readonly Uint8Array[]): RemoteFailure | null {
  try {
    checkBlock(cid, bytes);
    return null;
  } catch (error) {
    if (error instanceof RemoteFailure) return error;
    throw error;
  }
}

/** A CAR whose order is not the walk's, said with the order and dups it was labelled with. */
function unordered(host: string, layout: CarLayout, what: string): RemoteFailure {
  return new RemoteFailure(
    'unordered',
    `${host} ${what}: its CAR (order=${layout.order}; dups=${layout.dups}) is not in the depth-first order ` +
      'with every duplicate (order=dfs; dups=y) that Cairn checks and saves as it arrives.',
    { details: { carOrder: layout.order, carDups: layout.dups } },
  );
}

export const RAW_ACCEPT = 'application/vnd.ipld.raw';
/** Blocks asked for ahead of the walk: enough to keep a fast gateway busy, few enough to bound memory. */
const WINDOW = 8;
/** The largest block Kubo makes or accepts is 2 MiB (bitswap's 4 MiB wire limit as a safe bound). */
export const MAX_BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * Each block from a gateway as `application/vnd.ipld.raw` (trustless), the next few asked for while
 * the current one is checked. Kubo serves a raw block far faster than it writes a CAR, so this is
 * how the node's own gateway is read; blocks are still used strictly in walk order.
 */
export function blocksFromGateway(
  gateway: { url: string; style: GatewayStyle },
  options: { idleTimeoutMs: number; signal: AbortSignal },
): BlockSource {
  const host = new URL(gateway.url).host;
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  // By multihash, as the walk knows blocks: one block linked as a CIDv0 and as a CIDv1 is fetched once.
  // By CID string, the second fetch ahead was never claimed (the walk skips a block it verified) and
  // held one of the window's places for the rest of the walk.
  const inFlight = new Map<string, Promise<Uint8Array[] | null>>();

  const fetchBlock = async (cid: CID): Promise<Uint8Array[] | null> => {
    const asked = `${gatewayUrl(cid, gateway)}?format=raw`;
    let response: IncomingMessage;
    try {
      response = await gatewayGet(asked, RAW_ACCEPT, options.idleTimeoutMs, signal);
    } catch (error) {
      throw failureOf(error, host, options);
    }
    return rawBlockOf(response, asked, host, cid, options.idleTimeoutMs);
  };
  const start = (cid: CID) => {
    const pending = fetchBlock(cid);
    // Blocks asked for ahead may never be awaited (the walk stopped at a bad one): not an error then.
    pending.catch(() => undefined);
    inFlight.set(blockKey(cid), pending);
  };

  return {
    ahead(upcoming) {
      for (const { cid } of upcoming) {
        if (inFlight.size >= WINDOW) return;
        if (!inFlight.has(blockKey(cid))) start(cid);
      }
    },
    next(expected) {
      const key = blockKey(expected);
      if (!inFlight.has(key)) start(expected);
      const pending = inFlight.get(key) as Promise<Uint8Array[] | null>;
      inFlight.delete(key);
      return pending;
    },
    close: () => stop.abort(),
  };
}

/**
 * The block in a gateway's answer to `asked` (`?format=raw`), unchecked: null when the gateway says it
 * has none (404). Anything but the whole block as the raw type (a redirect, a 206, an HTML page, a
 * coding, more than a block can be, a body cut short or too slow) is refused with why, before a byte
 * of it is used. Verification and a gateway's health check read a block's answer here, and only here.
 */
export async function rawBlockOf(
  response: IncomingMessage,
  asked: string,
  host: string,
  cid: CID,
  idleTimeoutMs: number,
): Promise<Uint8Array[] | null> {
  if (response.statusCode === 404) {
    response.resume();
    return null;
  }
  refuseUnlessType(response, asked, host, RAW_ACCEPT);
  try {
    return await readCappedParts(response, MAX_BLOCK_BYTES, idleTimeoutMs);
  } catch (error) {
    throw failureOf(error, host, { idleTimeoutMs }, `block ${cid.toString()} broke off`);
  }
}

/** Each block from the node's own blockstore (`offline`: never a network search). */
export function blocksFromNode(kubo: KuboClient): BlockSource {
  return {
    async next(expected) {
      try {
        return [
          await kubo.bytes('block/get', { arg: expected.toString(), offline: 'true' }, { timeoutMs: BLOCK_TIMEOUT_MS }),
        ];
      } catch (error) {
        if (!(error instanceof KuboRefusal)) throw failureOf(error, 'The node', { idleTimeoutMs: BLOCK_TIMEOUT_MS });
        if (/not found/i.test(error.kuboMessage)) return null;
        throw new RemoteFailure(
          'refused',
          `The node refused block ${expected.toString()}: ${error.kuboMessage.slice(0, 200)}`,
        );
      }
    },
    close: () => undefined,
  };
}

/** Anything but a 200 with the asked-for type is refused before a byte of it is used. */
function refuseUnlessType(response: IncomingMessage, asked: string, host: string, type: string): void {
  refuseUnlessUsable(response, asked, host);
  const untrustless = untrustlessAnswer(response, host, type);
  if (!untrustless) return;
  response.destroy();
  throw new RemoteFailure('wrong-type', untrustless, {
    details: { sentType: untrustlessType(response, type) ?? '', expectedType: type },
  });
}

/**
 * Any status but those in `ok` is refused (a 429 as rate limiting, with the wait it asks for; a
 * redirect with where it points, not followed), and so is a body in a content coding.
 */
export function refuseUnlessUsable(response: IncomingMessage, asked: string, host: string, ok = [200]): void {
  const status = response.statusCode ?? 0;
  const redirect = redirectOf(response, asked);
  if (redirect) {
    response.resume();
    throw new RemoteFailure(
      'redirected',
      `${host} redirected (HTTP ${redirect.status}) to ${redirect.location}, which Cairn does not follow.`,
      { details: { status: redirect.status, redirectedTo: redirect.location } },
    );
  }
  if (status === 429) {
    response.resume();
    const retryAfter = response.headers['retry-after'];
    throw new RemoteFailure('rate-limited', rateLimitMessage(host, retryAfter), retryAfter ? { retryAfter } : {});
  }
  if (status === 206 && !ok.includes(status)) {
    // Part of a block (or of a CAR) cannot be hashed against anything: none of it is used.
    response.destroy();
    throw new RemoteFailure(
      'truncated',
      `${host} sent only part of what was asked (HTTP 206 Partial Content, ${response.headers['content-range'] ?? 'no Content-Range'}) although the whole was asked for.`,
      { details: { status, partialContent: true } },
    );
  }
  if (!ok.includes(status)) {
    response.resume();
    throw new RemoteFailure(
      'refused',
      `${host} answered HTTP ${status}${status === 504 ? ': it could not find the content in time' : ''}.`,
      { details: { status } },
    );
  }
  const coding = contentEncodingOf(response);
  if (coding) {
    response.destroy();
    throw new RemoteFailure(
      'wrong-type',
      `${host} sent its answer compressed (Content-Encoding: ${coding}) although none was asked for.`,
      { details: { contentEncoding: coding } },
    );
  }
}

function malformed(host: string, what: string): RemoteFailure {
  return new RemoteFailure('malformed', `${host} sent a CAR that breaks the format: ${what}.`);
}

export function failureOf(
  error: unknown,
  host: string,
  options: { idleTimeoutMs: number },
  broken?: string,
): RemoteFailure {
  if (error instanceof RemoteFailure) return error;
  if (error instanceof BodyTooLarge) {
    return new RemoteFailure('too-large', oversizeBlockMessage(host, error.cap), {
      details: { capMiB: error.cap / 1024 / 1024 },
    });
  }
  if (error instanceof MalformedCar) return malformed(host, error.message);
  const message = error instanceof Error ? error.message : String(error);
  const timedOut =
    error instanceof AppError ? error.code === 'TIMEOUT' : (error as Error | null)?.name === 'TimeoutError';
  if (message === 'timeout' || timedOut) {
    const idleSeconds = options.idleTimeoutMs / 1000;
    return new RemoteFailure(
      'timeout',
      `${host} stopped sending, or was too slow to finish a block, in ${idleSeconds} s.`,
      {
        details: { idleSeconds },
      },
    );
  }
  if (broken) return new RemoteFailure('truncated', `${host} did not send everything: ${broken} (${message}).`);
  // Node's parser refused the answer's head (headers past 16 KiB, bytes that are not HTTP): the gateway
  // answered, wrongly. A body it refused broke off, said above, as a gateway's check also reads it.
  if (/^HPE_/.test(String((error as { code?: unknown } | null)?.code))) {
    return new RemoteFailure('malformed', `${host} sent an answer that is not valid HTTP (${message}).`);
  }
  return new RemoteFailure('unreachable', `${host} cannot be reached (${message}).`);
}
