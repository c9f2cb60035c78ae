import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import type { RpcTarget } from '../node/remote';

export interface AddedBlob {
  cid: string;
  size: number;
}

export interface AddStreamOptions {
  signal: AbortSignal;
  /** Bytes Kubo has taken in so far, as Kubo reports them. */
  progress(bytes: number): void;
}

/**
 * `POST /api/v0/add` with the file streamed as multipart over node:http, so that reading from disk
 * waits for the socket. (fetch, and so kubo-rpc-client's add, buffered a whole 512 MiB file in
 * memory here before Kubo had read it; this path stays under 20 MB.)
 */
export async function addStream(
  target: RpcTarget,
  file: { name: string; content: Iterable<Uint8Array> | AsyncIterable<Uint8Array> },
  options: AddStreamOptions,
): Promise<AddedBlob> {
  const boundary = `cairn-${randomBytes(12).toString('hex')}`;
  const url = new URL(`${target.url}/api/v0/add`);
  url.search = new URLSearchParams({ pin: 'true', progress: 'true', 'stream-channels': 'true' }).toString();
  const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
    method: 'POST',
    headers: { ...target.headers, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    signal: options.signal,
  });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  const sending = pipeline(Readable.from(multipart(boundary, file)), request);
  const [answer] = await Promise.all([response, sending]).catch((error: unknown) => {
    throw options.signal.aborted ? new Error('add aborted', { cause: error }) : error;
  });
  return readAddResponse(answer, options);
}

async function* multipart(
  boundary: string,
  file: { name: string; content: Iterable<Uint8Array> | AsyncIterable<Uint8Array> },
) {
  yield Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(file.name)}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  yield* file.content;
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

interface AddLine {
  Name?: string;
  Hash?: string;
  Size?: string;
  Bytes?: number;
  Message?: string;
}

async function readAddResponse(response: IncomingMessage, options: AddStreamOptions): Promise<AddedBlob> {
  if (response.statusCode !== 200) {
    let text = '';
    for await (const chunk of response) text += String(chunk);
    const said = messageOf(text);
    throw new AppError('NODE_ERROR', `The node refused the file (HTTP ${response.statusCode}): ${said.slice(0, 300)}`);
  }
  let added: AddedBlob | undefined;
  let failure: string | undefined;
  for await (const line of createInterface({ input: response })) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as AddLine;
    if (message.Hash) added = { cid: message.Hash, size: Number(message.Size ?? 0) };
    else if (typeof message.Bytes === 'number') options.progress(message.Bytes);
    else if (message.Message) failure = message.Message;
  }
  // Kubo reports an error met after the headers went out (a full disk, say) in a trailer.
  const streamError = response.trailers['x-stream-error'];
  if (failure || streamError) {
    throw new AppError('NODE_ERROR', `The node could not add the file: ${failure ?? String(streamError)}`);
  }
  if (!added) throw new AppError('NODE_ERROR', 'The node ended the add without a CID.');
  return added;
}

/** Kubo's errors come as JSON `{ Message }`, or as plain text from its auth layer. */
function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as AddLine;
    if (parsed.Message) return parsed.Message;
  } catch {
    // plain text
  }
  return body.trim();
}
