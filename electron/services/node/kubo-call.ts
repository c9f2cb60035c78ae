import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { rpc, type RpcTarget } from './remote';

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Kubo refused a call. A missing path and a taken name get codes of their own; `kuboMessage` keeps
 * Kubo's own words for callers that turn them into a more specific error.
 */
export class KuboRefusal extends AppError {
  readonly kuboMessage: string;
  constructor(command: string, kuboMessage: string, status: number) {
    const code = /does not exist|not found|no link named/i.test(kuboMessage)
      ? 'NOT_FOUND'
      : /already exists/i.test(kuboMessage)
        ? 'ALREADY_EXISTS'
        : 'NODE_ERROR';
    const message =
      code === 'NODE_ERROR' ? `The node refused ${command} (HTTP ${status}): ${kuboMessage}` : kuboMessage;
    super(code, message, { status });
    this.name = 'KuboRefusal';
    this.kuboMessage = kuboMessage;
  }
}

/** The refusal in a failed answer's body (streamed commands read the status themselves). */
export function kuboRefusal(command: string, status: number, body: string): KuboRefusal {
  return new KuboRefusal(command, kuboMessage(body) || `HTTP ${status}`, status);
}

/**
 * One Kubo RPC call whose answer is one JSON value (or nothing, as `files/cp` answers): a refusal
 * becomes a KuboRefusal, running out of time a TIMEOUT that names what took too long, and no
 * answer at all NODE_UNREACHABLE.
 */
export async function kuboCall<T>(
  target: RpcTarget,
  command: string,
  params: Record<string, string> | [string, string][] = {},
  options: { timeoutMs?: number; body?: FormData; what?: string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  let body: string;
  try {
    response = await rpc(target, command, params, timeoutMs, { body: options.body });
    body = await response.text();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new AppError('TIMEOUT', `${options.what ?? command} got no answer within ${timeoutMs / 1000} s.`);
    }
    throw new AppError('NODE_UNREACHABLE', `The node did not answer ${command}: ${String(error)}`, undefined, {
      cause: error,
    });
  }
  if (!response.ok) throw kuboRefusal(command, response.status, body);
  return (body.trim() ? JSON.parse(body) : null) as T;
}

/** Kubo's errors come as JSON `{ Message }`, or as plain text from its auth layer and for unknown commands. */
export function kuboMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { Message?: unknown };
    if (typeof parsed.Message === 'string') return parsed.Message;
  } catch {
    // plain text
  }
  return body.trim().slice(0, 300);
}

/**
 * A Kubo command that answers one JSON value a line (`ls --stream`, `pin/ls --stream`), each value
 * as it arrives. An error Kubo meets after it started answering comes as a line with only a Message.
 */
export async function* kuboLines<T extends object>(
  target: RpcTarget,
  command: string,
  params: Record<string, string>,
  options: { timeoutMs: number; signal?: AbortSignal },
): AsyncGenerator<T> {
  const response = await rpc(target, command, params, options.timeoutMs, { signal: options.signal });
  if (!response.ok || !response.body) throw kuboRefusal(command, response.status, await response.text());
  for await (const line of createInterface({ input: Readable.fromWeb(response.body as never) })) {
    if (!line.trim()) continue;
    const value = JSON.parse(line) as T | { Message: string };
    if ('Message' in value) throw new AppError('NODE_ERROR', `The node stopped ${command}: ${value.Message}`);
    yield value;
  }
}
