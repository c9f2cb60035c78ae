import { timingSafeEqual } from 'node:crypto';

export interface BridgeRequestHead {
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
}

export interface BridgeAccess {
  token: string;
  /** The bridge's own origin, `http://127.0.0.1:<port>`. */
  origin: string;
}

export type Refusal = { status: 403 | 401; reason: string } | null;

/**
 * Who may call the bridge: a page served from the bridge itself (Host and Origin are its own
 * loopback address, which also defeats DNS rebinding) that holds the random token.
 */
export function checkBridgeRequest(head: BridgeRequestHead, access: BridgeAccess): Refusal {
  const expectedHost = new URL(access.origin).host;
  if (head.host !== expectedHost) return { status: 403, reason: `unexpected Host ${head.host ?? '(none)'}` };
  if (head.origin !== access.origin) return { status: 403, reason: `foreign Origin ${head.origin ?? '(none)'}` };
  const presented = /^Bearer (.+)$/.exec(head.authorization ?? '')?.[1];
  if (!presented || !sameSecret(presented, access.token)) return { status: 401, reason: 'missing or wrong token' };
  return null;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
