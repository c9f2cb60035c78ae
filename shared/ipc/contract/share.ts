import { z } from 'zod';
import { gatewaySchema } from '../../settings';
import { contentTextSchema } from './common';

export const shareRequests = {
  'share.checkGateway': z
    .object({
      gateway: gatewaySchema.pick({ url: true, style: true }).strict(),
      /**
       * Content the user has: a CID, or a path inside one, whose end is what is asked for. Without it,
       * main stores a small probe block on the node and asks for that.
       */
      cid: contentTextSchema.optional(),
    })
    .strict(),
};

/**
 * What a gateway check found, as a code and its parameters: the renderer writes the sentence and
 * keeps the technical part (HTTP status, digests, content type, the socket's error) for Details.
 */
export type GatewayFinding =
  | { kind: 'served' }
  | { kind: 'offline' }
  /** The gateway cannot serve this CID at all (too long for its subdomains): it was not asked. */
  | { kind: 'no-link'; reason: string }
  /** The node cannot follow this path to its end (a name missing, a block not here): what it names is unknown, so nothing was asked. */
  | { kind: 'unresolved'; path: string }
  | { kind: 'no-answer'; seconds: number }
  | { kind: 'stalled'; seconds: number }
  | { kind: 'unreachable'; cause: string }
  /** The CID holds its content itself (identity hash): whatever a gateway sent, it would say nothing. */
  | { kind: 'inline' }
  | { kind: 'too-large'; capBytes: number }
  /**
   * No bytes can be checked against this CID: a hash function Cairn cannot compute, or a digest
   * longer than its function gives or too short to prove anything (with its length).
   */
  | { kind: 'uncheckable'; hashFunction: string; digestProblem?: 'too-long' | 'too-short'; digestBytes?: number }
  | { kind: 'wrong-bytes'; expected: string; received: string }
  /** It answered 206 Partial Content to a request for the whole block: none of it was used. */
  | { kind: 'partial' }
  /** Its answer ended before the block did (a body shorter than its Content-Length, a dropped connection). */
  | { kind: 'cut-short' }
  | { kind: 'not-trustless'; contentType: string; expectedType: string }
  /** It answered with a coding (gzip, br...) no one asked for: its bytes are not checked. */
  | { kind: 'encoded'; contentEncoding: string }
  /** It redirected (never followed: its own bytes are what is checked). */
  | { kind: 'redirect'; httpStatus: number; location: string }
  | { kind: 'rate-limited'; retryAfter: string | null }
  | { kind: 'http'; httpStatus: number };

export interface GatewayHealth {
  status:
    'trustworthy' | 'untrustworthy' | 'timeout' | 'too-large' | 'unreachable' | 'rate-limited' | 'error' | 'skipped';
  /** The gateway's host (and port), as the sentence names it. */
  host: string;
  finding: GatewayFinding;
  latencyMs?: number;
}

export interface ShareResponses {
  'share.checkGateway': GatewayHealth;
}
