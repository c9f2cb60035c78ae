import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import { withoutSentSecrets } from '../redact';
import type { KuboParams, RpcTarget } from './kubo-client';
import { KuboRefusal, kuboRefusal } from './kubo-errors';

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
  options: { timeoutMs: number; signal?: AbortSignal; body?: FormData },
): AsyncGenerator<string> {
  const url = new URL(`${target.url}/api/v0/${command}`);
  url.search = new URLSearchParams(params).toString();
  const bound = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([bound, options.signal]) : bound;
  const form = options.body ? new Response(options.body) : null;
  const headers = { ...target.headers, ...(form ? { 'Content-Type': form.headers.get('content-type') ?? '' } : {}) };
  try {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'POST', headers, signal });
    const answer = new Promise<IncomingMessage>((resolve, reject) => {
      request.once('response', resolve);
      request.once('error', reject);
    });
    request.end(form ? Buffer.from(await form.arrayBuffer()) : undefined);
    const response = await answer;
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      throw kuboRefusal(command, status, withoutSentSecrets(Buffer.concat(chunks).toString(), target.headers));
    }
    try {
      yield* createInterface({ input: response });
    } finally {
      // A reader that stops early leaves the rest unread: the request ends, not Kubo's stream into a paused socket.
      if (!response.complete) response.destroy();
    }
    const trailer = response.trailers['x-stream-error'];
    if (trailer) throw new KuboRefusal(command, withoutSentSecrets(trailer, target.headers), status);
  } catch (error) {
    // A timeout reads as one, as fetch reports it.
    throw bound.aborted ? bound.reason : error;
  }
}
