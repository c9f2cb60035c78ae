import { AppError, type ErrorCode } from '../../../shared/errors';

/**
 * Kubo refused a call. A missing path, a taken name and a full disk get codes of their own;
 * `kuboMessage` keeps Kubo's own words for callers that turn them into a more specific error.
 */
export class KuboRefusal extends AppError {
  readonly kuboMessage: string;
  constructor(command: string, kuboMessage: string, status: number) {
    const code = refusalCode(kuboMessage);
    const message =
      code === 'NODE_ERROR' || code === 'DISK_FULL'
        ? `The node refused ${command} (HTTP ${status}): ${kuboMessage}`
        : kuboMessage;
    super(code, message, { status });
    this.name = 'KuboRefusal';
    this.kuboMessage = kuboMessage;
  }
}

/** The code a refusal in Kubo's words deserves. */
export function refusalCode(kuboMessage: string): ErrorCode {
  if (/does not exist|not found|no link named/i.test(kuboMessage)) return 'NOT_FOUND';
  if (/already exists/i.test(kuboMessage)) return 'ALREADY_EXISTS';
  if (/no space left on device/i.test(kuboMessage)) return 'DISK_FULL';
  return 'NODE_ERROR';
}

/** For a `.catch`: a refusal (not there, not pinned) answers `value`; a node that does not answer still fails. */
export function refusedAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof KuboRefusal) return value;
    throw error;
  };
}

/**
 * A line or body of Kubo's answer, as the JSON Kubo sends. One that does not parse is said without
 * its text, under the code it had before: JSON.parse's own error quotes the characters where it
 * stopped, and what answered (a proxy before a remote node) may have written the request's
 * credentials there.
 */
export function parseKuboJson(text: string, command: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The code a cut-short answer always had (callers wait for the node, or retry), the words without the text.
    throw new AppError(
      'NODE_UNREACHABLE',
      `The node's answer to ${command} is not the JSON Kubo sends: it was cut short, or something other than Kubo answers at this address.`,
    );
  }
}

/** The refusal in a failed answer's body. */
export function kuboRefusal(command: string, status: number, body: string): KuboRefusal {
  return new KuboRefusal(command, kuboMessage(body) || `HTTP ${status}`, status);
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

export interface FailureContext {
  command: string;
  timeoutMs: number;
  /** What the user asked for, to name in a timeout ("Publishing photos"); the command otherwise. */
  what?: string | undefined;
  /** The caller's own signal: its abort is a cancel, not a broken node. */
  signal?: AbortSignal | undefined;
}

/**
 * What a call that got no answer means: the caller cancelled, the time bound ran out (naming the
 * call), or the node cannot be reached. Refusals and our own errors pass as they are.
 */
export function callFailure(error: unknown, context: FailureContext): AppError {
  if (error instanceof AppError) return error;
  if (context.signal?.aborted) return new AppError('CANCELLED', 'Cancelled.', undefined, { cause: error });
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new AppError(
      'TIMEOUT',
      `${context.what ?? context.command} got no answer within ${context.timeoutMs / 1000} s.`,
      undefined,
      { cause: error },
    );
  }
  return new AppError('NODE_UNREACHABLE', `The node did not answer ${context.command}: ${reasonOf(error)}`, undefined, {
    cause: error,
  });
}

/** The lowest-level reason a request failed (ECONNREFUSED, a TLS code...), nested by fetch, on the error by node:http. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? (error as NodeJS.ErrnoException).code ?? error.message;
}
