import { AppError } from '../../../shared/errors';
import { rpc, type RpcTarget } from '../node/remote';

/**
 * One Kubo call whose answer is JSON (or nothing), with Kubo's refusal turned into an AppError
 * whose code says what went wrong: a missing path, a name already taken, anything else as Kubo said it.
 */
export async function kuboJson<T>(
  target: RpcTarget,
  command: string,
  params: Record<string, string> | [string, string][],
  timeoutMs?: number,
): Promise<T> {
  const response = await rpc(target, command, params, timeoutMs);
  const text = await response.text();
  if (!response.ok) throw kuboError(command, response.status, text);
  return (text.trim() ? JSON.parse(text) : null) as T;
}

export function kuboError(command: string, status: number, body: string): AppError {
  const said = messageOf(body);
  if (/does not exist|not found|no link named/i.test(said)) return new AppError('NOT_FOUND', said);
  if (/already exists/i.test(said)) return new AppError('ALREADY_EXISTS', said);
  return new AppError('NODE_ERROR', `The node refused ${command} (HTTP ${status}): ${said.slice(0, 300)}`);
}

function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { Message?: string };
    if (parsed.Message) return parsed.Message;
  } catch {
    // plain text, from Kubo's auth layer
  }
  return body.trim();
}
