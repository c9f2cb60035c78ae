import type { IncomingMessage } from 'node:http';
import type { CID } from 'multiformats/cid';
import type { GatewayFinding, GatewayHealth } from '../../../shared/ipc/contract';
import { gatewayUrl } from '../../../shared/links/build-link';
import { LinkError } from '../../../shared/links/content-ref';
import type { GatewayStyle } from '../../../shared/settings';
import { isLoopback } from '../../../shared/links/loopback';
import { gatewayGet } from '../gateway-request';
import { RAW_ACCEPT, rawBlockOf } from '../verify/block-sources';
import { checkBlock, IDENTITY, RemoteFailure } from '../verify/verify-dag';

export interface HealthOptions {
  timeoutMs: number;
  /** Offline mode: only gateways on this machine may be contacted. */
  offline: boolean;
}

/**
 * Asks a gateway for one block the user has, as a raw block (trustless), and judges its answer as
 * verification judges a block (rawBlockOf, checkBlock): a gateway that answers with other bytes, or
 * with the right bytes but not as the raw block asked for, is untrustworthy, not "up". The result is
 * a finding with its parameters; the renderer words it as Verify words the same answer.
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
  // Whatever a gateway sent for it, or failed to, says nothing about the gateway.
  if (cid.multihash.code === IDENTITY) return { status: 'skipped', host, finding: { kind: 'inline' } };
  const started = performance.now();
  let response: IncomingMessage;
  try {
    response = await gatewayGet(url, RAW_ACCEPT, options.timeoutMs);
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
  try {
    const block = await rawBlockOf(response, url, host, cid, options.timeoutMs);
    if (block === null) return answered('error', { kind: 'http', httpStatus: 404 });
    checkBlock(cid, block);
    return answered('trustworthy', { kind: 'served' });
  } catch (error) {
    if (!(error instanceof RemoteFailure)) throw error;
    const [status, finding] = healthOf(error, seconds);
    return answered(status, finding);
  }
}

/** What a block's answer was judged (as verification judges it), as a gateway check says it. */
function healthOf(failure: RemoteFailure, seconds: number): [GatewayHealth['status'], GatewayFinding] {
  const { details = {}, block, retryAfter } = failure.details;
  switch (failure.outcome) {
    case 'tampered':
      return [
        'untrustworthy',
        { kind: 'wrong-bytes', expected: block?.expected ?? '', received: block?.received ?? '' },
      ];
    case 'wrong-type':
      return details.contentEncoding
        ? ['untrustworthy', { kind: 'encoded', contentEncoding: details.contentEncoding }]
        : ['untrustworthy', { kind: 'not-trustless', contentType: details.sentType ?? '', expectedType: RAW_ACCEPT }];
    case 'redirected':
      return ['error', { kind: 'redirect', httpStatus: details.status ?? 0, location: details.redirectedTo ?? '' }];
    case 'rate-limited':
      return ['rate-limited', { kind: 'rate-limited', retryAfter: retryAfter ?? null }];
    case 'refused':
      return ['error', { kind: 'http', httpStatus: details.status ?? 0 }];
    case 'truncated':
      return ['error', details.partialContent ? { kind: 'partial' } : { kind: 'cut-short' }];
    case 'timeout':
      return ['timeout', { kind: 'stalled', seconds }];
    case 'too-large':
      return ['too-large', { kind: 'too-large', capBytes: (details.capMiB ?? 0) * 1024 * 1024 }];
    case 'unsupported': {
      const { hashFunction = '', digestProblem, digestBytes } = details;
      return ['error', { kind: 'uncheckable', hashFunction, ...(digestProblem ? { digestProblem, digestBytes } : {}) }];
    }
    default:
      // A raw block's answer is judged one of the above: anything else is a fault here, not the gateway's.
      throw failure;
  }
}
