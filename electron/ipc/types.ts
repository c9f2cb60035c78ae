import type { Channel, EventName } from '../../shared/ipc/channels';
import type { Events, ProgressStage, RequestOut, Responses } from '../../shared/ipc/contract';

/** Where events for one renderer go: a WebContents in Electron, an event stream in the bridge. */
export interface EventSink {
  send<E extends EventName>(event: E, payload: Events[E]): void;
}

export interface OpContext {
  /** Aborted when the renderer cancels the request's opId. */
  signal: AbortSignal;
  /** Throttled progress for the request's opId, sent to the requesting renderer only. */
  progress(bytes: number, totalBytes: number | null, stage?: ProgressStage): void;
  /** An event for the requesting renderer only (results streamed in parts, such as pin lists). */
  emit: EventSink['send'];
}

export type Handler<C extends Channel> = (request: RequestOut<C>, op: OpContext) => Promise<Responses[C]>;

/** A handler for every channel, or the handler table does not compile. */
export type Handlers = { [C in Channel]: Handler<C> };

/** The handlers of the channels whose names start with one of these prefixes (`files` → `files.*`). */
export type HandlersOf<Prefix extends string> = { [C in Extract<Channel, `${Prefix}.${string}`>]: Handler<C> };
