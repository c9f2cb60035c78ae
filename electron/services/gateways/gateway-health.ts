import type { IncomingMessage } from 'node:http';
import type { CID } from 'multiformats/cid';
import type { GatewayHealth } from '../../../shared/ipc/contract';
import { buildLink } from '../../../shared/links/build-link';
import type { GatewayStyle } from '../../../shared/settings';
import { isLoopback } from '../../../shared/links/loopback';
import { digestOf } from '../digests';
import {
  BodyTooLarge,
  gatewayGet,
  oversizeBlockMessage,
  rateLimitMessage,
  readCapped,
  untrustlessAnswer,
} from '../gateway-request';

const MAX_BLOCK_BYTES = 4 * 1024 * 1024;
const RAW = 'application/vnd.ipld.raw';

export interface HealthOptions {
  timeoutMs: number;
  /** Offline mode: only gateways on this machine may be contacted. */
  offline: boolean;
}

/**
 * Asks a gateway for one block the user has, as a raw block (trustless), and checks its bytes
 * against the CID: a gateway that answers with other bytes, or with the right bytes but not as the
 * raw block asked for (verification would refuse it), is untrustworthy, not "up".
 */
export async function checkGateway(
  gateway: { url: string; style: GatewayStyle },
  cid: CID,
  options: HealthOptions,
): Promise<GatewayHealth> {
  const origin = new URL(gateway.url);
  if (options.offline && !isLoopback(origin.hostname)) {
    return { status: 'skipped', message: 'Offline mode is on: Cairn contacts no gateway outside this machine.' };
  }
  const link = buildLink({ namespace: 'ipfs', cid, path: [] }, gateway.style, gateway.url);
  const started = performance.now();
  let response: IncomingMessage;
  try {
    response = await gatewayGet(`${link.url}?format=raw`, RAW, options.timeoutMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason === 'timeout') {
      return { status: 'timeout', message: `No answer from ${origin.host} within ${options.timeoutMs / 1000} s.` };
    }
    return { status: 'unreachable', message: `${origin.host} cannot be reached (${reason}).` };
  }
  const latencyMs = Math.round(performance.now() - started);
  const httpStatus = response.statusCode ?? 0;
  if (httpStatus !== 200) {
    response.resume();
    return refusal(origin.host, httpStatus, response.headers['retry-after'], latencyMs);
  }
  let body: Buffer;
  try {
    body = await readCapped(response, MAX_BLOCK_BYTES, options.timeoutMs);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      return {
        status: 'too-large',
        message: oversizeBlockMessage(origin.host, error.cap),
        latencyMs,
      };
    }
    return {
      status: 'timeout',
      message: `${origin.host} started answering but did not finish within ${options.timeoutMs / 1000} s.`,
      latencyMs,
    };
  }
  const type = response.headers['content-type'] ?? '';
  const digest = digestOf(cid.multihash.code, body);
  if (digest === null) {
    return {
      status: 'error',
      message: `Cairn cannot check hash function 0x${cid.multihash.code.toString(16)}.`,
      latencyMs,
    };
  }
  const expected = Buffer.from(cid.multihash.digest).toString('hex');
  if (digest !== expected) {
    const html = type.includes('text/html') ? ' It sent an HTML page instead of the block.' : '';
    return {
      status: 'untrustworthy',
      message: `${origin.host} answered with bytes that do not match the CID (expected sha digest ${expected.slice(0, 16)}…, received ${digest.slice(0, 16)}…).${html}`,
      latencyMs,
    };
  }
  const untrustless = untrustlessAnswer(response, origin.host, RAW);
  if (untrustless) return { status: 'untrustworthy', message: untrustless, latencyMs };
  return { status: 'trustworthy', message: `${origin.host} served the right bytes in ${latencyMs} ms.`, latencyMs };
}

function refusal(host: string, status: number, retryAfter: string | undefined, latencyMs: number): GatewayHealth {
  if (status === 429) {
    return {
      status: 'rate-limited',
      message: rateLimitMessage(host, retryAfter),
      ...(retryAfter ? { retryAfter } : {}),
      latencyMs,
    };
  }
  if (status === 504) {
    return {
      status: 'error',
      message: `${host} timed out looking for the content (HTTP 504). That usually means no node that is online provides it: pin it to a pinning service, or keep your node online, and try again.`,
      latencyMs,
    };
  }
  return { status: 'error', message: `${host} answered HTTP ${status}.`, latencyMs };
}
