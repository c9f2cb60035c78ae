import type { CairnError } from '../../shared/errors';
import type { CairnApi } from '../../shared/ipc/api';
import type { Channel } from '../../shared/ipc/channels';
import type { RequestIn, Responses } from '../../shared/ipc/contract';

export function cairn(): CairnApi {
  if (!window.cairn) throw new Error('window.cairn is missing: open Cairn from the app or from `npm run dev:web`.');
  return window.cairn;
}

/** A failed Result as an exception, for callers that show the message and move on. */
export class CallError extends Error {
  readonly error: CairnError;
  constructor(error: CairnError) {
    super(error.message);
    this.error = error;
  }
}

export async function call<C extends Channel>(channel: C, request: RequestIn<C>): Promise<Responses[C]> {
  const result = await cairn().invoke(channel, request);
  if (!result.ok) throw new CallError(result.error);
  return result.data;
}
