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

export interface GatewayHealth {
  status:
    'trustworthy' | 'untrustworthy' | 'timeout' | 'too-large' | 'unreachable' | 'rate-limited' | 'error' | 'skipped';
  message: string;
  /** For 'rate-limited': the gateway's Retry-After, as it sent it (seconds or an HTTP date). */
  retryAfter?: string;
  latencyMs?: number;
}

export interface ShareResponses {
  'share.checkGateway': GatewayHealth;
}
