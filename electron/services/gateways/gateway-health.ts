import type { IncomingMessage } from 'node:http';
import type { CID } from 'multiformats/cid';
import type { GatewayFinding, GatewayHealth } from '../../../shared/ipc/contract';
import { gatewayUrl } from '../../../shared/links/build-link';
import { LinkError } from '../../../shared/links/content-ref';
import type { GatewayStyle } from '../../../shared/settings';
import { isLoopback } from '../../../shared/links/loopback';
import { digestOf } from '../digests';
import {
  BodyTooLarge,
  contentEncodingOf,
  gatewayGet,
  readCapped,
  redirectOf,
  untrustlessType,
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
 * raw block asked for (verification would refuse it), is untrustworthy, not "up". The result is a
 * finding with its parameters; the renderer words it.
 */
export async function checkGateway(
  gateway: { url: string; style: GatewayStyle },
  cid: CID,
  options: HealthOptions,
): Promise<GatewayHealth> {
  const origin = new URL(gateway.url);
  const host = origin.host;
  const seconds = options.timeoutMs / 1000;
  if (options.offline && !isLoopback(origin.hostname)) {
    return { status: 'skipped', host, finding: { kind: 'offline' } };
  }
  let url: string;
  try {
    url = `${gatewayUrl(cid, gateway)}?format=raw`;
  } catch (error) {
    if (!(error instanceof LinkError)) throw error;
    return { status: 'skipped', host, finding: { kind: 'no-link', reason: error.message } };
  }
  const started = performance.now();
  let response: IncomingMessage;
  try {
    response = await gatewayGet(url, RAW, options.timeoutMs);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    if (cause === 'timeout') return { status: 'timeout', host, finding: { kind: 'no-answer', seconds } };
    return { status: 'unreachable', host, finding: { kind: 'unreachable', cause } };
  }
  const latencyMs = Math.round(performance.now() - started);
  const answered = (status: GatewayHealth['status'], finding: GatewayFinding): GatewayHealth => ({
    status,
    host,
    finding,
    latencyMs,
  });
  const httpStatus = response.statusCode ?? 0;
  const redirect = redirectOf(response, url);
  if (redirect) {
    response.resume();
    return answered('error', { kind: 'redirect', httpStatus: redirect.status, location: redirect.location });
  }
  if (httpStatus !== 200) {
    response.resume();
    if (httpStatus === 429) {
      return answered('rate-limited', { kind: 'rate-limited', retryAfter: response.headers['retry-after'] ?? null });
    }
    return answered('error', { kind: 'http', httpStatus });
  }
  const coding = contentEncodingOf(response);
  if (coding) {
    response.destroy();
    return answered('untrustworthy', { kind: 'encoded', contentEncoding: coding });
  }
  let body: Buffer;
  try {
    body = await readCapped(response, MAX_BLOCK_BYTES, options.timeoutMs);
  } catch (error) {
    if (error instanceof BodyTooLarge) return answered('too-large', { kind: 'too-large', capBytes: error.cap });
    return answered('timeout', { kind: 'stalled', seconds });
  }
  const digest = digestOf(cid.multihash.code, body, cid.multihash.size);
  if (digest === null) return answered('error', { kind: 'unknown-hash', hashCode: cid.multihash.code });
  const expected = Buffer.from(cid.multihash.digest).toString('hex');
  if (digest !== expected) {
    const html = (response.headers['content-type'] ?? '').includes('text/html');
    return answered('untrustworthy', { kind: 'wrong-bytes', expected, received: digest, html });
  }
  const sent = untrustlessType(response, RAW);
  if (sent !== null) return answered('untrustworthy', { kind: 'not-trustless', contentType: sent, expectedType: RAW });
  return answered('trustworthy', { kind: 'served' });
}
