import { AppError, type ErrorCode, type ErrorDetails } from '../../../shared/errors';
import type { NameMatch, PinStatus } from '../../../shared/pins/presets';
import { BodyTooLarge } from '../gateway-request';
import { cidForms, sameContent } from './cid-forms';
import { withoutSentSecrets } from '../redact';
import {
  defaultRetryPolicy,
  nextAttemptDelay,
  retryAfterMs,
  type AttemptOutcome,
  type RetryPolicy,
} from './retry-policy';

/** A pin status object of the Pinning Service API v1. */
export interface PsaPinStatus {
  requestid: string;
  status: PinStatus;
  created: string;
  pin: { cid: string; name?: string | null; origins?: string[]; meta?: Record<string, string> | null };
  delegates?: string[];
  info?: Record<string, string> | null;
}

export interface PsaPinList {
  count: number;
  results: PsaPinStatus[];
}

export interface PsaQuery {
  cids?: string[];
  name?: string;
  match?: NameMatch;
  status?: PinStatus[];
  before?: string;
  limit?: number;
}

export interface PsaPin {
  cid: string;
  name?: string;
  origins?: string[];
  meta?: Record<string, string>;
}

/**
 * A failed call, with the error code and parameters the renderer words it from (`service`: the
 * service's host, and the HTTP status or cause); the message is for the log and Details.
 * `retryAfterMs` is set when the service asked to be left alone for a while (429), `transient`
 * when trying later may work.
 */
export class PsaError extends AppError {
  readonly transient: boolean;
  readonly retryAfterMs: number | null;
  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetails,
    options: { transient: boolean; retryAfterMs?: number | null },
  ) {
    super(code, message, details);
    this.transient = options.transient;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

export interface PsaClient {
  /** The service's host, as errors name it. */
  readonly host: string;
  list(query?: PsaQuery, signal?: AbortSignal): Promise<PsaPinList>;
  add(pin: PsaPin, signal?: AbortSignal): Promise<PsaPinStatus>;
  get(requestId: string, signal?: AbortSignal): Promise<PsaPinStatus>;
  replace(requestId: string, pin: PsaPin, signal?: AbortSignal): Promise<PsaPinStatus>;
  remove(requestId: string, signal?: AbortSignal): Promise<void>;
}

export interface PsaClientOptions {
  endpoint: string;
  token: string;
  policy?: RetryPolicy;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const ALL_STATUSES: PinStatus[] = ['queued', 'pinning', 'pinned', 'failed'];

/**
 * The Pinning Service API over plain fetch. Every call goes through one `send`, which applies the
 * retry policy: transient failures (no answer, 429, 5xx) are retried with backoff and Retry-After
 * honoured; the rest fail at once with a specific code. The token is sent, never logged or thrown.
 */
export function createPsaClient(options: PsaClientOptions): PsaClient {
  const { token, policy = defaultRetryPolicy, timeoutMs = 20_000 } = options;
  const base = options.endpoint.replace(/\/+$/, '');
  const where = new URL(base).host;
  const sent = { Authorization: `Bearer ${token}` };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function send(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    retrySafe: (outcome: AttemptOutcome) => boolean,
  ): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
          // A redirect is answered, not followed: the token goes to the service's own address only.
          redirect: 'manual',
        });
      } catch (error) {
        if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
        const failure = networkFailure(error, where, timeoutMs);
        const delay = retrySafe({ network: true })
          ? nextAttemptDelay({ network: true }, attempt, Date.now(), policy)
          : null;
        if (delay === null) throw failure;
        await sleep(delay);
        continue;
      }
      if (response.ok) {
        if (response.status === 202 && method === 'DELETE') return undefined;
        return readJson(response, where, sent);
      }
      const outcome: AttemptOutcome = { status: response.status, retryAfter: response.headers.get('retry-after') };
      const delay = retrySafe(outcome) ? nextAttemptDelay(outcome, attempt, Date.now(), policy) : null;
      if (delay === null) throw await httpFailure(response, where, sent);
      await response.body?.cancel();
      await sleep(delay);
    }
  }
  // Reads are safe to repeat; a create only when the service surely did not act on it (429).
  const always = () => true;
  const onlyRateLimit = (outcome: AttemptOutcome) => 'status' in outcome && outcome.status === 429;

  return {
    host: where,
    async list(query = {}, signal) {
      const params = new URLSearchParams();
      if (query.cids?.length) params.set('cid', query.cids.join(','));
      if (query.name) params.set('name', query.name);
      if (query.match) params.set('match', query.match);
      params.set('status', (query.status ?? ALL_STATUSES).join(','));
      if (query.before) params.set('before', query.before);
      if (query.limit) params.set('limit', String(query.limit));
      return pinList(await send('GET', `/pins?${params.toString()}`, undefined, signal, always), where, sent);
    },
    async add(pin, signal) {
      return pinStatus(await send('POST', '/pins', pin, signal, onlyRateLimit), where, sent);
    },
    async get(requestId, signal) {
      return pinStatus(
        await send('GET', `/pins/${encodeURIComponent(requestId)}`, undefined, signal, always),
        where,
        sent,
      );
    },
    async replace(requestId, pin, signal) {
      return pinStatus(
        await send('POST', `/pins/${encodeURIComponent(requestId)}`, pin, signal, onlyRateLimit),
        where,
        sent,
      );
    },
    async remove(requestId, signal) {
      await send('DELETE', `/pins/${encodeURIComponent(requestId)}`, undefined, signal, always);
    },
  };
}

/**
 * The most an answer is read to: a page of 1000 pins with names and meta is a few MiB. A service
 * that sends more (in a loop, or out to fill Cairn's memory) is cut off there.
 */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** An error answer is read for its reason only. */
const MAX_ERROR_BYTES = 64 * 1024;

async function readJson(response: Response, where: string, sent: Record<string, string>): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    await response.body?.cancel();
    // Written by the service, like its words: cut of the token sent to it.
    throw notPsa(where, response.status, withoutSentSecrets(type, sent) || 'no content type');
  }
  let text: string;
  try {
    text = await cappedText(response, MAX_ANSWER_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    throw notPsa(where, response.status, `more than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw notPsa(where, response.status, 'JSON that does not parse');
  }
}

/** The body as UTF-8 text, refused (BodyTooLarge) past `cap` bytes, said or sent. */
async function cappedText(response: Response, cap: number): Promise<string> {
  if (Number(response.headers.get('content-length')) > cap) {
    await response.body?.cancel();
    throw new BodyTooLarge(cap);
  }
  if (!response.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts).toString('utf8');
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new BodyTooLarge(cap);
    }
    parts.push(value);
  }
}

function notPsa(where: string, status: number, what: string): PsaError {
  return new PsaError(
    'NOT_PINNING_SERVICE',
    `${where} answers, but not as a pinning service (HTTP ${status}, ${what}). Check the endpoint: it is the Pinning Service API URL, e.g. https://api.pinata.cloud/psa.`,
    { service: where, status },
    { transient: false },
  );
}

async function httpFailure(response: Response, where: string, sent: Record<string, string>): Promise<PsaError> {
  const { status } = response;
  const type = response.headers.get('content-type') ?? '';
  const text = await cappedText(response, MAX_ERROR_BYTES).catch(() => '');
  // The API's failure object is { error: { reason, details } }; an HTML page is not the API talking.
  let reason: string | null = null;
  if (type.includes('json')) {
    try {
      const error = (JSON.parse(text) as { error?: { reason?: unknown; details?: unknown } }).error;
      const words = [error?.reason, error?.details].filter((part) => typeof part === 'string' && part).join(': ');
      // A service may echo the token it refused.
      reason = withoutSentSecrets(words, sent) || null;
    } catch {
      reason = null;
    }
  }
  const said = reason ? `: ${reason}` : '';
  if (status >= 300 && status < 400) {
    // The service writes the Location: it may hold what it was sent (a token in a query), like any of its words.
    const written = response.headers.get('location');
    const location = written === null ? null : withoutSentSecrets(written, sent);
    return new PsaError(
      'NOT_PINNING_SERVICE',
      `${where} redirects to ${location ?? 'another address'} (HTTP ${status}). Cairn does not follow it, so the access token goes nowhere else: if that is the service's new address, enter it in the service's settings.`,
      { service: where, status, location },
      { transient: false },
    );
  }
  if (status === 401 || status === 403) {
    return new PsaError(
      'PIN_SERVICE_AUTH',
      `${where} refused the access token (HTTP ${status})${said}. Check the token.`,
      { service: where, status },
      { transient: false },
    );
  }
  if (status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'), Date.now());
    const when = wait === null ? '' : ` It asks to wait ${Math.ceil(wait / 1000)} s.`;
    const waitS = wait === null ? null : Math.ceil(wait / 1000);
    return new PsaError(
      'PIN_SERVICE_RATE_LIMITED',
      `${where} is rate limiting Cairn (HTTP 429).${when}`,
      { service: where, waitS },
      { transient: true, retryAfterMs: wait },
    );
  }
  if (status >= 500) {
    const page = type.includes('html') ? ' (an HTML error page)' : said;
    return new PsaError(
      'PIN_SERVICE_DOWN',
      `${where} is having trouble (HTTP ${status})${page}. Cairn will try again.`,
      { service: where, status },
      { transient: status !== 501 },
    );
  }
  if (!type.includes('json') || status === 404) {
    return new PsaError(
      status === 404 && reason ? 'NOT_FOUND' : 'NOT_PINNING_SERVICE',
      status === 404 && reason
        ? `${where}: not found${said}.`
        : `${where} answers, but not as a pinning service (HTTP ${status}, ${withoutSentSecrets(type, sent) || 'no content type'}). Check the endpoint URL.`,
      { service: where, status, serviceReason: reason },
      { transient: false },
    );
  }
  return new PsaError(
    'PIN_SERVICE_ERROR',
    `${where} refused the request (HTTP ${status})${said}.`,
    { service: where, status, serviceReason: reason },
    { transient: false },
  );
}

function networkFailure(error: unknown, where: string, timeoutMs: number): PsaError {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new PsaError(
      'PIN_SERVICE_UNREACHABLE',
      `${where} did not answer within ${timeoutMs / 1000} s.`,
      { service: where, timeoutS: timeoutMs / 1000 },
      { transient: true },
    );
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(`${reason} ${cause?.message ?? ''}`)) {
    return new PsaError(
      'PIN_SERVICE_TLS',
      `The TLS connection to ${where} failed (${reason}).`,
      { service: where, cause: reason },
      { transient: false },
    );
  }
  return new PsaError(
    'PIN_SERVICE_UNREACHABLE',
    `Nothing answers at ${where} (${reason}).`,
    { service: where, cause: reason },
    { transient: true },
  );
}

/** A pin status as the service gave it; a failed one's reasons without the token, if it echoed it. */
function pinStatus(value: unknown, where: string, sent: Record<string, string>): PsaPinStatus {
  const pin = value as Partial<PsaPinStatus> | null;
  if (!pin || typeof pin.requestid !== 'string' || typeof pin.status !== 'string' || typeof pin.pin?.cid !== 'string') {
    throw new PsaError(
      'NOT_PINNING_SERVICE',
      `${where} sent something that is not a pin status.`,
      { service: where },
      { transient: false },
    );
  }
  if (pin.status !== 'failed' || !pin.info) return pin as PsaPinStatus;
  const info = Object.fromEntries(
    Object.entries(pin.info).map(([key, said]) => [
      key,
      typeof said === 'string' ? withoutSentSecrets(said, sent) : said,
    ]),
  );
  return { ...(pin as PsaPinStatus), info };
}

function pinList(value: unknown, where: string, sent: Record<string, string>): PsaPinList {
  const list = value as Partial<PsaPinList> | null;
  if (!list || typeof list.count !== 'number' || !Array.isArray(list.results)) {
    throw new PsaError(
      'NOT_PINNING_SERVICE',
      `${where} sent something that is not a list of pins.`,
      { service: where },
      { transient: false },
    );
  }
  return { count: list.count, results: list.results.map((pin) => pinStatus(pin, where, sent)) };
}

/**
 * The pin the service holds for a CID and name (any name when none is wanted), not failed: for a
 * request whose request id Cairn never heard (an answer lost, a crash before it was saved).
 */
export async function heldPin(
  client: PsaClient,
  wanted: { cid: string; name?: string | undefined },
): Promise<PsaPinStatus | undefined> {
  const { results } = await client.list({ cids: cidForms(wanted.cid), status: ['queued', 'pinning', 'pinned'] });
  const named = (pin: PsaPinStatus) => wanted.name === undefined || (pin.pin.name ?? '') === wanted.name;
  return results.find((pin) => sameContent(wanted.cid, pin.pin.cid) && named(pin));
}

/** The service's reason for a failed pin, from the free-form `info` object. */
export function failureReason(pin: PsaPinStatus): string | null {
  if (pin.status !== 'failed') return null;
  const info = pin.info ?? {};
  return (
    info.status_details ??
    info.reason ??
    info.error ??
    (Object.values(info).find(Boolean) || 'the service gave no reason')
  );
}
