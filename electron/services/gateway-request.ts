import { lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Where `localhost` and `*.localhost` connect: IPv4 loopback first, then IPv6 (Node tries each in turn). */
const LOCALHOST = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

/**
 * One GET to a gateway, for every trustless request Cairn makes (health checks and verification).
 * `localhost` and `*.localhost` names resolve to loopback (127.0.0.1 and ::1) here, as browsers do,
 * so local subdomain links work.
 * Fails with 'timeout' when the connection stays idle for `timeoutMs`, before or during the body,
 * or when the headers are not all in within `timeoutMs`.
 */
export function gatewayGet(
  url: string,
  accept: string,
  timeoutMs: number,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
): Promise<IncomingMessage> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const req = request(
      target,
      {
        headers: { ...headers, Accept: accept },
        signal,
        lookup: (host, options, callback) => {
          if (host === 'localhost' || host.endsWith('.localhost')) {
            // Both loopbacks, as a browser tries them: a gateway may listen on ::1 only.
            if (options.all) callback(null, LOCALHOST);
            else callback(null, '127.0.0.1', 4);
          } else {
            lookup(host, options, callback);
          }
        },
      },
      (response) => {
        clearTimeout(headersDue);
        answer = response;
        resolve(response);
      },
    );
    // A gateway that trickles its headers is never idle, and they may run to 16 KiB: they get a deadline.
    const headersDue = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
    req.on('close', () => clearTimeout(headersDue));
    req.setTimeout(timeoutMs, () => {
      // A stall in the middle of the body must read as a timeout too, not as a broken stream.
      const error = new Error('timeout');
      answer?.destroy(error);
      req.destroy(error);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A body that went past the cap of what was asked for: not a timeout, not a broken stream. */
export class BodyTooLarge extends Error {
  constructor(readonly cap: number) {
    super(`more than ${cap} bytes`);
  }
}

/**
 * A whole (small) body as the chunks it arrived in (hashed and written without joining), refused
 * past `cap` bytes (BodyTooLarge) or after `timeoutMs`.
 */
export async function readCappedParts(response: IncomingMessage, cap: number, timeoutMs: number): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  const deadline = setTimeout(() => response.destroy(new Error('timeout')), timeoutMs);
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > cap) {
        response.destroy();
        throw new BodyTooLarge(cap);
      }
      chunks.push(chunk);
    }
  } finally {
    clearTimeout(deadline);
  }
  return chunks;
}

/** What a gateway that sent more than any block can be is told to the user. */
export function oversizeBlockMessage(host: string, cap: number): string {
  return `${host} sent more than ${cap / 1024 / 1024} MiB for one block, larger than any block can be.`;
}

/** What a gateway answering 429 is told to the user, with the wait it asked for (Retry-After). */
export function rateLimitMessage(host: string, retryAfter: string | undefined): string {
  const wait = retryAfter ? ` It asks to wait ${retryAfter} s.` : '';
  return `${host} is rate limiting requests (HTTP 429).${wait}`;
}

/**
 * The content type a gateway sent instead of the trustless `type` asked for, or null when it sent
 * `type`: the media type itself, in any case, whatever parameters follow it (`; version=1`), and not
 * one that only begins the same (`application/vnd.ipld.rawfoo`).
 */
export function untrustlessType(response: Pick<IncomingMessage, 'headers'>, type: string): string | null {
  const sent = response.headers['content-type'] ?? '';
  const mediaType = sent.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === type ? null : sent;
}

/**
 * Why an answer is not the trustless one asked for (a gateway that ignores `format=raw` and `Accept`
 * and sends a rendered page or a deserialized file instead), or null when its type is `type`.
 */
export function untrustlessAnswer(response: IncomingMessage, host: string, type: string): string | null {
  const sent = untrustlessType(response, type);
  if (sent === null) return null;
  return sent.includes('text/html')
    ? `${host} sent an HTML page instead of the content's blocks.`
    : `${host} sent ${sent || 'no content type'} instead of ${type}: it ignores trustless requests.`;
}

/** The longest redirect target repeated to the user: a gateway writes the Location, so it is bounded. */
const MAX_LOCATION_CHARS = 500;

/**
 * Where a redirect answer points (resolved against the URL asked), or null for any other answer.
 * Cairn follows none: it checks what the gateway the user named sends, and a redirect would take
 * bytes from an address no one chose (in offline mode, perhaps off this machine).
 */
export function redirectOf(response: IncomingMessage, asked: string): { status: number; location: string } | null {
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (status < 300 || status > 399 || !location) return null;
  let target: string;
  try {
    target = new URL(location, asked).href;
  } catch {
    target = location;
  }
  return { status, location: target.slice(0, MAX_LOCATION_CHARS) };
}

/**
 * The content coding of an answer (gzip, br, deflate...), or null for its bytes as they are. Cairn
 * asks for none, and hashes the bytes it is sent: a coded body is refused, never hashed or decoded.
 */
export function contentEncodingOf(response: IncomingMessage): string | null {
  const coding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  return coding === '' || coding === 'identity' ? null : coding.slice(0, 100);
}
