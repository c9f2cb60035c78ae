import { AppError } from '../../../shared/errors';
import { rpc, type RpcTarget } from '../node/remote';

/** Kubo refused the call: its own message, kept for the caller to turn into a specific one. */
export class KuboRefusal extends Error {}

/**
 * One Kubo RPC call whose answer is JSON. Kubo's refusal (`{ Message }`) becomes a KuboRefusal, and
 * running out of time an IPNS_TIMEOUT that names what took too long.
 */
export async function kuboJson<T>(
  target: RpcTarget,
  command: string,
  params: Record<string, string> | [string, string][],
  options: { timeoutMs?: number; body?: FormData; what?: string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let response: Response;
  let text: string;
  try {
    response = await rpc(target, command, params, timeoutMs, options.body);
    text = await response.text();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new AppError('IPNS_TIMEOUT', `${options.what ?? command} got no answer within ${timeoutMs / 1000} s.`);
    }
    throw new AppError('NODE_UNAVAILABLE', `The node did not answer ${command}: ${String(error)}`, undefined, {
      cause: error,
    });
  }
  if (!response.ok) throw new KuboRefusal(refusalText(text, response.status));
  // Some commands (files/cp) answer success with an empty body.
  return (text ? JSON.parse(text) : null) as T;
}

function refusalText(text: string, status: number): string {
  try {
    const parsed = JSON.parse(text) as { Message?: unknown };
    if (typeof parsed.Message === 'string') return parsed.Message;
  } catch {
    // Kubo's auth layer and unknown commands answer in plain text.
  }
  return text.trim() || `HTTP ${status}`;
}
