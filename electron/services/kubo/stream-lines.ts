import { createInterface } from 'node:readline';
import { withoutSentSecrets } from '../redact';
import type { KuboParams, RpcTarget } from './kubo-client';
import { KuboRefusal } from './kubo-errors';
import { openRpc, type RpcOptions } from './rpc-request';

/**
 * Sends a streamed Kubo command and yields each line of its answer. An error Kubo meets after it
 * started answering (`pin ls --type=indirect` reaching a block the node lacks) often comes only in
 * the `X-Stream-Error` trailer, which fetch cannot read: over fetch the cut-short answer read as
 * whole. Here it throws, after the lines that came before it.
 */
export async function* streamLines(
  target: RpcTarget,
  command: string,
  params: KuboParams,
  options: RpcOptions,
): AsyncGenerator<string> {
  const { response, settle } = await openRpc(target, command, params, options);
  try {
    try {
      yield* createInterface({ input: response });
    } finally {
      // A reader that stops early leaves the rest unread: the request ends, not Kubo's stream into a paused socket.
      if (!response.complete) response.destroy();
    }
  } catch (error) {
    throw settle(error);
  }
  const trailer = response.trailers['x-stream-error'];
  if (trailer) throw new KuboRefusal(command, withoutSentSecrets(trailer, target.headers), response.statusCode ?? 0);
}
