import { AppError } from '../../../shared/errors';
import { rpc, type RpcTarget } from './remote';

/**
 * A Kubo RPC call whose answer is one JSON value (or nothing): the node's own message when it
 * refuses, NODE_UNREACHABLE when nothing answers in time.
 */
export async function kuboCall<T>(
  target: RpcTarget,
  command: string,
  params: Record<string, string> | [string, string][] = {},
  timeoutMs?: number,
): Promise<T> {
  let response: Response;
  let body: string;
  try {
    response = await rpc(target, command, params, timeoutMs);
    body = await response.text();
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : String(error);
    throw new AppError('NODE_UNREACHABLE', `The node did not answer ${command}: ${reason}.`);
  }
  if (!response.ok) throw new AppError('NODE_ERROR', `${command}: ${kuboMessage(body)}`, { status: response.status });
  return (body.trim() ? JSON.parse(body) : null) as T;
}

/** Kubo's errors come as JSON `{ Message }`, or as plain text from its auth layer. */
export function kuboMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { Message?: string };
    if (parsed.Message) return parsed.Message;
  } catch {
    // plain text
  }
  return body.trim().slice(0, 300);
}
