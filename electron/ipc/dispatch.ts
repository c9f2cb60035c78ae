import { z } from 'zod';
import { AppError, fail, ok, type Result } from '../../shared/errors';
import { isChannel, type Channel } from '../../shared/ipc/channels';
import { requestSchemas, type ProgressStage, type RequestOut } from '../../shared/ipc/contract';
import { fieldFault } from '../../shared/ipc/field-fault';
import type { Logger } from '../services/log';
import { throttle } from './throttle';
import type { EventSink, Handlers, OpContext } from './types';

const PROGRESS_INTERVAL_MS = 100;

export interface Dispatcher {
  dispatch(channel: string, payload: unknown, sink: EventSink): Promise<Result<unknown>>;
  cancel(opId: unknown): void;
}

/** The one path every request takes, from Electron IPC or the test bridge: validate, run, wrap. */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatcher {
  const running = new Map<string, AbortController>();

  async function run(channel: Channel, payload: unknown, sink: EventSink): Promise<Result<unknown>> {
    const parsed = validate(channel, payload);
    if (!parsed.ok) {
      log.warn(parsed.error.message);
      return parsed;
    }
    const request = parsed.data;
    const opId = 'opId' in request ? request.opId : undefined;
    if (opId !== undefined && running.has(opId)) {
      return fail('VALIDATION', `Operation ${opId} is already running; each operation needs its own opId.`);
    }
    const controller = new AbortController();
    if (opId !== undefined) running.set(opId, controller);
    const progress = throttle(
      (bytes: number, totalBytes: number | null, stage?: ProgressStage) =>
        sink.send('op.progress', { opId: opId ?? '', bytes, totalBytes, ...stage }),
      PROGRESS_INTERVAL_MS,
    );
    // The request has passed this channel's own schema, which is what its handler takes.
    const handler = handlers[channel] as (request: unknown, op: OpContext) => Promise<unknown>;
    try {
      const data = await handler(request, {
        signal: controller.signal,
        progress: opId === undefined ? () => undefined : progress.call,
        emit: (event, eventPayload) => sink.send(event, eventPayload),
      });
      progress.flush();
      return ok(data);
    } catch (error) {
      return toFailure(channel, error, controller.signal, log);
    } finally {
      if (opId !== undefined) running.delete(opId);
    }
  }

  return {
    dispatch(channel, payload, sink) {
      if (!isChannel(channel)) return Promise.resolve(fail('UNKNOWN_CHANNEL', `No such channel: ${channel}`));
      return run(channel, payload, sink);
    },
    cancel(opId) {
      if (typeof opId === 'string') running.get(opId)?.abort();
    },
  };
}

/**
 * The channel's schema decides; a schema that throws on input it did not foresee (a refinement
 * parsing a URL) refuses that input too, so no request makes the dispatcher reject.
 */
function validate<C extends Channel>(channel: C, payload: unknown): Result<RequestOut<C>> {
  try {
    const parsed = requestSchemas[channel].safeParse(payload);
    if (parsed.success) return ok(parsed.data as RequestOut<C>);
    return fail(
      'VALIDATION',
      `Invalid request for ${channel}: ${z.prettifyError(parsed.error)}`,
      fieldFault(parsed.error),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('VALIDATION', `Invalid request for ${channel}: ${reason}`);
  }
}

function toFailure(channel: Channel, error: unknown, signal: AbortSignal, log: Logger): Result<never> {
  if (signal.aborted) return fail('CANCELLED', 'Cancelled.');
  if (error instanceof AppError) {
    log.warn(`${channel} failed: ${error.code}: ${error.message}`);
    return fail(error.code, error.message, error.details);
  }
  log.error(`${channel} failed unexpectedly`, error);
  const message = error instanceof Error ? error.message : String(error);
  return fail('INTERNAL', `Unexpected error in ${channel}: ${message}`);
}
