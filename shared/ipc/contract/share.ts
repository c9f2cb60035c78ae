import { z } from 'zod';
import { gatewaySchema } from '../../settings';

export const shareRequests = {
  'share.checkGateway': z
    .object({
      gateway: gatewaySchema.pick({ url: true, style: true }).strict(),
      /** Content the user has; without it, main stores a small probe block on the node and asks for that. */
      cid: z.string().max(512).optional(),
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
  | { kind: 'no-answer'; seconds: number }
  | { kind: 'stalled'; seconds: number }
  | { kind: 'unreachable'; cause: string }
  | { kind: 'too-large'; capBytes: number }
  | { kind: 'unknown-hash'; hashCode: number }
  | { kind: 'wrong-bytes'; expected: string; received: string; html: boolean }
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
