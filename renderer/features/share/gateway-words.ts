import type { GatewayFinding, GatewayHealth } from '../../../shared/ipc/contract';
import * as answer from '../../app/answer-words';
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

function findingWords(host: string, finding: GatewayFinding, latencyMs: number | undefined): CheckWords {
  switch (finding.kind) {
    case 'served':
      return { sentence: `${host} served the right bytes in ${latencyMs ?? 0} ms.`, details: null };
    case 'offline':
      return { sentence: 'Offline mode is on: Cairn contacts no gateway outside this machine.', details: null };
    case 'no-link':
      return { sentence: finding.reason, details: null };
    case 'unresolved':
      return {
        sentence: `This node cannot follow ${finding.path} to its end (a name on the way is missing, or a block is not on this node), so ${host} was not asked.`,
        details: null,
      };
    case 'no-answer':
      return { sentence: `No answer from ${host} within ${finding.seconds} s.`, details: null };
    case 'stalled':
      return { sentence: answer.stalledWords(host, finding.seconds), details: null };
    case 'unreachable':
      return { sentence: answer.unreachableWords(host), details: finding.cause };
    case 'inline':
      return { sentence: answer.inlineWords, details: null };
    case 'too-large':
      return {
        sentence: answer.tooLargeWords(host),
        details: `At most ${finding.capBytes / 1024 / 1024} MiB for one block`,
      };
    case 'uncheckable':
      return {
        sentence: answer.uncheckableWords(finding),
        details: `Hash function: ${finding.hashFunction}${finding.digestBytes === undefined ? '' : `\nDigest: ${finding.digestBytes} bytes`}`,
      };
    case 'wrong-bytes':
      return {
        sentence: answer.tamperedWords(host),
        details: `Expected digest: ${finding.expected}\nReceived digest: ${finding.received}`,
      };
    case 'not-trustless':
      return {
        sentence: answer.untrustlessWords(host, finding.contentType),
        details: `Asked for: ${finding.expectedType}\nReceived: ${finding.contentType || 'no content type'}`,
      };
    case 'encoded':
      return {
        sentence: answer.encodedWords(host, finding.contentEncoding),
        details: `Content-Encoding: ${finding.contentEncoding}`,
      };
    case 'redirect':
      return {
        sentence: answer.redirectWords(host, finding.location),
        details: `HTTP ${finding.httpStatus}\nLocation: ${finding.location}`,
      };
    case 'partial':
      return { sentence: `${answer.partialWords(host)}.`, details: 'HTTP 206' };
    case 'cut-short':
      return { sentence: `${answer.cutShortWords(host)}.`, details: null };
    case 'rate-limited':
      return { sentence: answer.rateLimitedWords(host, finding.retryAfter), details: 'HTTP 429' };
    case 'http':
      return { sentence: answer.httpWords(host, finding.httpStatus), details: `HTTP ${finding.httpStatus}` };
  }
}

/** The sentence for a gateway check, written here from main's finding and its parameters. */
export function gatewayCheckWords(check: GatewayCheck): CheckWords {
  if (check.status === 'failed') return { sentence: check.failure.reason, details: check.failure.details };
  return findingWords(check.host, check.finding, check.latencyMs);
}
