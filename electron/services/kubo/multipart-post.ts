import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import { AppError } from '../../../shared/errors';
import { bufferRecycler, type BufferRecycler } from '../recycled-buffers';
import { withoutSentSecrets } from '../redact';
import { kuboMessage, parseKuboJson, refusalCode } from './kubo-errors';
import type { RpcTarget } from './kubo-client';

/**
 * Sends a multipart body to a Kubo command and hands each JSON line of its answer to `onLine`.
 * Whichever fails first is what the user hears about: the node's own message (a full disk, a bad
 * parameter), our side (a file that changed), or the connection (the node went away).
 * The body reads into buffers from the recycler it is given, and gets each back once it is sent.
 */
export async function postMultipart(
  target: RpcTarget,
  command: string,
  params: Record<string, string>,
  boundary: string,
  body: (buffers: BufferRecycler) => AsyncIterable<Buffer>,
  signal: AbortSignal,
  onLine: (line: unknown) => void,
): Promise<void> {
  const url = new URL(`${target.url}/api/v0/${command}`);
  url.search = new URLSearchParams(params).toString();
  const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
    method: 'POST',
    headers: { ...target.headers, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    signal,
  });
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  let sendError: unknown;
  const buffers = bufferRecycler();
  const sending = send(coalesce(body(buffers), buffers), request, buffers).catch((error: unknown) => {
    sendError ??= error;
    request.destroy();
  });
  let response: IncomingMessage;
  try {
    response = await answer;
  } catch (error) {
    await sending;
    throw explain(sendError ?? error, signal);
  }
  if (response.statusCode !== 200) {
    request.destroy();
    const message = withoutSentSecrets(await text(response), target.headers);
    throw new AppError(
      refusalCode(message),
      `The node refused the ${command} (HTTP ${response.statusCode}): ${message}`,
    );
  }
  let failure: string | undefined;
  try {
    for await (const line of createInterface({ input: response })) {
      if (!line.trim()) continue;
      const message = parseKuboJson(line, command) as { Message?: string };
      // A line with only a message is Kubo reporting an error in the stream.
      if (message.Message) failure = message.Message;
      else onLine(message);
    }
  } catch (error) {
    await sending;
    throw explain(sendError ?? error, signal);
  }
  await sending;
  if (sendError) throw explain(sendError, signal);
  // Kubo reports an error met after the headers went out (a full disk, say) in a trailer.
  const said = failure ?? response.trailers['x-stream-error'];
  const streamError = said && withoutSentSecrets(said, target.headers);
  if (streamError) {
    throw new AppError(refusalCode(streamError), `The node could not finish the ${command}: ${streamError}`);
  }
  if (!response.complete) throw explain(new Error('the answer was cut short'), signal);
}

/** Writes the body with the socket's backpressure, giving each buffer back once the socket has it. */
async function send(body: AsyncIterable<Buffer>, request: ClientRequest, buffers: BufferRecycler): Promise<void> {
  for await (const chunk of body) {
    // A destroyed request takes writes without a word and never drains.
    if (request.destroyed) throw new Error('the connection closed');
    if (!request.write(chunk, () => buffers.give(chunk))) await drained(request);
  }
  request.end();
}

function drained(request: ClientRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    if (request.destroyed) {
      reject(new Error('the connection closed'));
      return;
    }
    const done = (error?: Error) => {
      request.off('drain', done);
      request.off('close', closed);
      if (error) reject(error);
      else resolve();
    };
    const closed = () => done(new Error('the connection closed'));
    request.once('drain', done);
    request.once('close', closed);
  });
}

/** Small writes (a part header, a tiny file) joined into chunks of at least this size. */
const MIN_WRITE = 256 * 1024;

/**
 * Joins small buffers before they reach the socket: thousands of tiny writes (a folder of small
 * files) otherwise become thousands of packets, each waiting on the peer's delayed ACK. A buffer
 * copied into a join goes back to `buffers` at once (the end of a file read into a recycled one).
 */
async function* coalesce(body: AsyncIterable<Buffer>, buffers: BufferRecycler): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  const joined = () => {
    const all = Buffer.concat(pending, size);
    for (const chunk of pending) buffers.give(chunk);
    pending = [];
    size = 0;
    return all;
  };
  for await (const chunk of body) {
    // A large chunk (a read of a big file) goes as it is: joining would copy it.
    if (chunk.byteLength >= MIN_WRITE) {
      if (size > 0) yield joined();
      yield chunk;
      continue;
    }
    pending.push(chunk);
    size += chunk.byteLength;
    if (size >= MIN_WRITE) yield joined();
  }
  if (size > 0) yield joined();
}

/** Our own errors as they are; a cancel as a cancel; anything else means the connection broke. */
function explain(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return new AppError('CANCELLED', 'Cancelled.');
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError(
    'NODE_UNREACHABLE',
    `The node stopped answering during the upload (${reason}). Retry once it runs again.`,
  );
}

async function text(response: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of response) body += String(chunk);
  return kuboMessage(body);
}
