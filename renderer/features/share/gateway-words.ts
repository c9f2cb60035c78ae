import type { GatewayFinding, GatewayHealth } from '../../../shared/ipc/contract';
import type { FailureWords } from '../../app/failure-words';

/** A check's outcome as the views hold it: main's finding, or the call itself failed (already in words). */
export type GatewayCheck = GatewayHealth | { status: 'failed'; failure: FailureWords };

export interface CheckWords {
  sentence: string;
  /** HTTP status, digests, content type, socket error: for the Details disclosure. */
  details: string | null;
}

/** The status as a person reads it, before the sentence (Settings > Gateways). */
export const checkStatusLabels: Record<GatewayCheck['status'], string> = {
  trustworthy: 'Trustworthy',
  untrustworthy: 'Untrustworthy',
  timeout: 'Timed out',
  'too-large': 'Refused',
  unreachable: 'Unreachable',
  'rate-limited': 'Rate limited',
  error: 'Failed',
  skipped: 'Not checked',
  failed: 'Failed',
};

const NO_NODE_PROVIDES =
  'That usually means no node that is online provides it: pin it to a pinning service, or keep your node online, and try again.';

/** An HTTP status a gateway answered with, in words. */
export function httpWords(host: string, httpStatus: number): string {
  if (httpStatus === 504) return `${host} timed out looking for the content. ${NO_NODE_PROVIDES}`;
  if (httpStatus === 404 || httpStatus === 410) return `${host} does not have this content.`;
  if (httpStatus >= 500) return `${host} failed with a server error.`;
  return `${host} refused the request.`;
}

/** The wait a gateway asked for (Retry-After: seconds or a date), as a sentence to follow another. */
export function waitWords(retryAfter: string | null): string {
  if (retryAfter === null) return '';
  return /^\d+$/.test(retryAfter) ? ` It asks to wait ${retryAfter} s.` : ` It asks to wait until ${retryAfter}.`;
}

function findingWords(host: string, finding: GatewayFinding, latencyMs: number | undefined): CheckWords {
  switch (finding.kind) {
    case 'served':
      return { sentence: `${host} served the right bytes in ${latencyMs ?? 0} ms.`, details: null };
    case 'offline':
      return { sentence: 'Offline mode is on: Cairn contacts no gateway outside this machine.', details: null };
    case 'no-link':
      return { sentence: finding.reason, details: null };
    case 'no-answer':
      return { sentence: `No answer from ${host} within ${finding.seconds} s.`, details: null };
    case 'stalled':
      return { sentence: `${host} started answering but did not finish within ${finding.seconds} s.`, details: null };
    case 'unreachable':
      return { sentence: `${host} cannot be reached.`, details: finding.cause };
    case 'too-large':
      return {
        sentence: `${host} sent more than ${finding.capBytes / 1024 / 1024} MiB for one block, larger than any block can be.`,
        details: null,
      };
    case 'unknown-hash':
      return {
        sentence: 'Cairn cannot check the hash function of this CID.',
        details: `Multihash code: 0x${finding.hashCode.toString(16)}`,
      };
    case 'wrong-bytes':
      return {
        sentence: `${host} answered with bytes that do not match the CID.${finding.html ? ' It sent an HTML page instead of the block.' : ''}`,
        details: `Expected digest: ${finding.expected}\nReceived digest: ${finding.received}`,
      };
    case 'not-trustless':
      return {
        sentence: finding.contentType.includes('text/html')
          ? `${host} sent an HTML page instead of the content's blocks.`
          : `${host} sent the file rather than its blocks: it ignores trustless requests.`,
        details: `Asked for: ${finding.expectedType}\nReceived: ${finding.contentType || 'no content type'}`,
      };
    case 'encoded':
      return {
        sentence: `${host} sent the block compressed without being asked to, so its bytes cannot be checked as sent.`,
        details: `Content-Encoding: ${finding.contentEncoding}`,
      };
    case 'redirect':
      return {
        sentence: `${host} pointed elsewhere instead of sending the block: Cairn follows no redirect, so it could not check it.`,
        details: `HTTP ${finding.httpStatus}\nLocation: ${finding.location}`,
      };
    case 'rate-limited':
      return { sentence: `${host} is rate limiting requests.${waitWords(finding.retryAfter)}`, details: 'HTTP 429' };
    case 'http':
      return { sentence: httpWords(host, finding.httpStatus), details: `HTTP ${finding.httpStatus}` };
  }
}

/** The sentence for a gateway check, written here from main's finding and its parameters. */
export function gatewayCheckWords(check: GatewayCheck): CheckWords {
  if (check.status === 'failed') return { sentence: check.failure.reason, details: check.failure.details };
  return findingWords(check.host, check.finding, check.latencyMs);
}
