import { CID } from 'multiformats/cid';
import { AppError } from '../../../shared/errors';
import type { BufferRecycler } from '../recycled-buffers';
import { withoutSentSecrets } from '../redact';
import { createGcGuard } from './gc-guard';
import { callFailure, KuboRefusal, kuboRefusal, parseKuboJson, reasonOf } from './kubo-errors';
import { postMultipart } from './multipart-post';
import { rpcBytes } from './rpc-request';
import { streamLines } from './stream-lines';

/** Where and how to reach a Kubo RPC: its base URL and the headers every request carries. */
export interface RpcTarget {
  url: string;
  headers: Record<string, string>;
}

/** Pairs where a parameter repeats (`files/cp` and `files/mv` take two `arg`). */
export type KuboParams = Record<string, string> | [string, string][];

export interface CallOptions {
  /** Bounds the whole call, answer included; 15 s unless said. */
  timeoutMs?: number;
  /** Ends the call early (a cancel, or a stream read only in part). */
  signal?: AbortSignal;
  /** What the user asked for, named when the time runs out ("Publishing photos"). */
  what?: string;
  /** A small multipart body (`key/import`, `name/inspect`). */
  body?: FormData;
}

/** What answers at an address: Kubo (and its version), something else over HTTP, or nothing. */
export type Probe =
  | { answer: 'kubo'; version: string }
  | { answer: 'http'; status: number; contentType: string }
  /** An answer began but did not finish (the connection closed, or the rest did not come in time). */
  | { answer: 'cut'; status: number; reason: string }
  | { answer: 'none'; reason: string };

export interface NodeIdentity {
  peerId: string;
  agentVersion: string;
  addresses: string[];
}

export interface Bandwidth {
  rateIn: number;
  rateOut: number;
  totalIn: number;
  totalOut: number;
}

/**
 * The one way to the node. Every answer's status is checked, and every failure has one shape:
 * a KuboRefusal in Kubo's words (NOT_FOUND, ALREADY_EXISTS, DISK_FULL or NODE_ERROR), TIMEOUT
 * naming the call, CANCELLED, or NODE_UNREACHABLE.
 */
export interface KuboClient {
  /** The RPC's base URL, to show and to hand to tools. */
  readonly url: string;
  /** A command that answers one JSON value (null when it answers nothing, as `files/cp` does). */
  call<T>(command: string, params?: KuboParams, options?: CallOptions): Promise<T>;
  /** A command that answers one JSON value a line (`pin/ls --stream`, `ls --stream`, `refs`), each as it arrives. */
  lines<T extends object>(command: string, params?: KuboParams, options?: CallOptions): AsyncGenerator<T>;
  /** A command that answers bytes (`block/get`, `name/get`, the first bytes of `cat`). */
  bytes(command: string, params?: KuboParams, options?: CallOptions): Promise<Uint8Array<ArrayBuffer>>;
  /** The node's own gateway, where Cairn knows it (the embedded node); null otherwise. */
  readonly gatewayUrl: string | null;
  /** A path from the node's gateway in the given type (an IPNS record, say); null when it has none. */
  fromGateway(path: string, accept: string, options?: CallOptions): Promise<Uint8Array<ArrayBuffer> | null>;
  /** A command that answers a byte stream (`cat`, `dag/export`), its status checked before the first byte. */
  stream(command: string, params?: KuboParams, options?: CallOptions): Promise<ReadableStream<Uint8Array>>;
  /**
   * A command that takes a large multipart body (`add`, `dag/import`), read as the socket takes it;
   * each JSON line of the answer goes to `onLine`.
   */
  upload(
    command: 'add' | 'dag/import',
    params: Record<string, string>,
    multipart: { boundary: string; body: (buffers: BufferRecycler) => AsyncIterable<Buffer> },
    signal: AbortSignal,
    onLine: (line: unknown) => void,
  ): Promise<void>;
  /** Asks `version` and says what answered, without throwing. */
  probe(timeoutMs?: number): Promise<Probe>;
  identity(): Promise<NodeIdentity>;
  version(): Promise<string>;
  /** The repo's size and limit only (`size-only`: without it Kubo counts every object). */
  repoSize(): Promise<{ repoSize: bigint; storageMax: bigint }>;
  /** Connected peers; an offline node refuses. */
  peerCount(): Promise<number>;
  /** Bandwidth totals and rates; an offline node refuses. */
  bandwidth(): Promise<Bandwidth | undefined>;
  /**
   * Garbage collection, one result per removed block and one per problem (in Kubo's words); it
   * starts when the uploads holding it off have landed.
   */
  gc(signal: AbortSignal): AsyncIterable<{ err?: Error }>;
  /** Held by an upload from its add until Files links it, so that this client's `gc` waits meanwhile. */
  holdAgainstGc(signal: AbortSignal): Promise<() => void>;
  /** Stores a few bytes as one raw block, unpinned. */
  addBytes(bytes: Uint8Array): Promise<CID>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** A collection of a large repo takes minutes; only a cancel should end it. */
const GC_TIMEOUT_MS = 24 * 60 * 60_000;

/**
 * Which transport serves which command, and why. Redirects are never followed: a remote node's
 * credentials and header values go to its own address only. kubo-rpc-client is not used for that
 * reason: it follows redirects and takes no option against it, and fetch, when it follows one to
 * another origin, drops Authorization but sends custom headers (an API key) on.
 * - node:http (rpc-request.ts): `call` and `bytes`, at half fetch's CPU an exchange.
 * - fetch, here: `cat` and `dag/export`, piped as they arrive, `probe`, and the node's own gateway
 *   (an IPNS record it serves offline).
 * - node:http (stream-lines.ts): the streams read line by line (`pin/ls`, `ls`, `refs`, `repo/gc`), as
 *   they arrive (the 100k-row listings show their first rows before the last arrives), and with the
 *   trailer in which Kubo says it stopped partway, which fetch cannot read.
 * - node:http (multipart-post.ts): `add` and `dag/import`. fetch kept a whole 512 MiB file in memory
 *   before Kubo had read it; streamed over node:http with the socket's backpressure, an add stays
 *   under 25 MB.
 */
export interface KuboClientOptions {
  /** The node's own gateway, where Cairn knows it (the embedded node). */
  gatewayUrl?: string | null;
  /** Told whenever a call finds nothing answering (NODE_UNREACHABLE), before the call fails so. */
  onUnreachable?: () => void;
}

export function createKuboClient(target: RpcTarget, options: KuboClientOptions = {}): KuboClient {
  const { gatewayUrl = null, onUnreachable } = options;
  const gcGuard = createGcGuard();

  /** The error, once told to `onUnreachable` if it says the node did not answer. */
  function noticed(error: unknown): unknown {
    if (error instanceof AppError && error.code === 'NODE_UNREACHABLE') onUnreachable?.();
    return error;
  }

  function request(command: string, params: KuboParams, options: CallOptions): Promise<Response> {
    const query = new URLSearchParams(params).toString();
    const bound = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return fetch(`${target.url}/api/v0/${command}${query ? `?${query}` : ''}`, {
      method: 'POST',
      headers: target.headers,
      signal: options.signal ? AbortSignal.any([bound, options.signal]) : bound,
      redirect: 'manual',
      ...(options.body ? { body: options.body } : {}),
    });
  }

  /** Runs one exchange; whatever goes wrong leaves as one of the client's errors. */
  async function exchange<T>(
    command: string,
    options: CallOptions,
    run: (signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> {
    try {
      return await run(options.signal);
    } catch (error) {
      throw noticed(failure(error, command, options));
    }
  }

  /** A refused answer becomes a KuboRefusal; an ok one is handed on. */
  async function answer(command: string, params: KuboParams, options: CallOptions): Promise<Response> {
    const response = await request(command, params, options);
    if (!response.ok) {
      throw kuboRefusal(command, response.status, withoutSentSecrets(await response.text(), target.headers));
    }
    return response;
  }

  /** A command's whole answer, over node:http (see rpc-request.ts). */
  function answerBytes(command: string, params: KuboParams, options: CallOptions): Promise<Buffer> {
    return rpcBytes(target, command, params, { ...options, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  }

  function call<T>(command: string, params: KuboParams = {}, options: CallOptions = {}): Promise<T> {
    return exchange(command, options, async () => {
      const body = (await answerBytes(command, params, options)).toString();
      return (body.trim() ? parseKuboJson(body, command) : null) as T;
    });
  }

  async function* lines<T extends object>(command: string, params: KuboParams = {}, options: CallOptions = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      for await (const line of streamLines(target, command, params, { ...options, timeoutMs })) {
        if (!line.trim()) continue;
        const value = parseKuboJson(line, command) as T | { Message: string };
        // An error Kubo meets after it started answering may also come as a line with only a Message.
        if ('Message' in value) {
          throw new KuboRefusal(command, withoutSentSecrets(value.Message, target.headers), 200);
        }
        yield value;
      }
    } catch (error) {
      throw noticed(failure(error, command, options));
    }
  }

  return {
    url: target.url,
    call,
    lines,
    bytes: (command, params = {}, options = {}) =>
      exchange(command, options, async () => {
        const body = await answerBytes(command, params, options);
        // A copy of its own: Node's small buffers are views into a shared pool.
        return new Uint8Array(body);
      }),
    gatewayUrl,
    fromGateway: (path, accept, options = {}) =>
      exchange(`the gateway's ${path}`, options, async () => {
        if (!gatewayUrl)
          throw new AppError('UNSUPPORTED', 'Cairn does not know this node’s gateway.', { problem: 'no-gateway' });
        const response = await fetch(`${gatewayUrl}${path}`, {
          headers: { Accept: accept },
          signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
          redirect: 'manual',
        });
        if (response.ok && (response.headers.get('content-type') ?? '').startsWith(accept)) {
          return new Uint8Array(await response.arrayBuffer());
        }
        await response.body?.cancel();
        return null;
      }),
    stream: (command, params = {}, options = {}) =>
      exchange(command, options, async () => {
        const response = await answer(command, params, options);
        if (!response.body) throw kuboRefusal(command, response.status, '');
        return response.body;
      }),
    upload: (command, params, { boundary, body }, signal, onLine) =>
      postMultipart(target, command, params, boundary, body, signal, onLine).catch((error: unknown) => {
        throw noticed(error);
      }),
    async probe(timeoutMs = DEFAULT_TIMEOUT_MS) {
      const timedOut = (error: unknown) => error instanceof Error && error.name === 'TimeoutError';
      let response: Response;
      try {
        response = await request('version', {}, { timeoutMs });
      } catch (error) {
        return { answer: 'none', reason: timedOut(error) ? `no answer within ${timeoutMs / 1000} s` : reasonOf(error) };
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        const reason = timedOut(error) ? `the rest did not come within ${timeoutMs / 1000} s` : reasonOf(error);
        return { answer: 'cut', status: response.status, reason };
      }
      const body = parseJson(text) as { Version?: unknown } | null;
      if (response.ok && typeof body?.Version === 'string') return { answer: 'kubo', version: body.Version };
      return {
        answer: 'http',
        status: response.status,
        // Written by what answers, like its words: cut of the secrets sent to it.
        contentType: withoutSentSecrets(response.headers.get('content-type') ?? 'no content type', target.headers),
      };
    },
    async identity() {
      const id = await call<{ ID: string; AgentVersion: string; Addresses: string[] | null }>('id');
      // Kubo sends null, not [], when it has no addresses (offline).
      return { peerId: id.ID, agentVersion: id.AgentVersion, addresses: id.Addresses ?? [] };
    },
    version: async () => (await call<{ Version: string }>('version')).Version,
    async repoSize() {
      // `size-only`: without it Kubo counts every object.
      const stat = await call<{ RepoSize: number; StorageMax: number }>('repo/stat', { 'size-only': 'true' });
      return { repoSize: BigInt(stat.RepoSize), storageMax: BigInt(stat.StorageMax) };
    },
    peerCount: async () => (await call<{ Peers: unknown[] | null }>('swarm/peers')).Peers?.length ?? 0,
    async bandwidth() {
      const bw = await call<{ TotalIn: number; TotalOut: number; RateIn: number; RateOut: number }>('stats/bw');
      return { rateIn: bw.RateIn, rateOut: bw.RateOut, totalIn: bw.TotalIn, totalOut: bw.TotalOut };
    },
    async *gc(signal) {
      const release = await gcGuard.holdAlone(signal);
      try {
        // Each problem as its own line: without stream-errors Kubo joins them all into one trailer,
        // which past 16 KiB (a hundred missing blocks) fetch refuses as a header overflow.
        const results = lines<{ Error?: string }>(
          'repo/gc',
          { 'stream-errors': 'true' },
          { signal, timeoutMs: GC_TIMEOUT_MS },
        );
        let problems = 0;
        try {
          for await (const result of results) {
            if (result.Error) problems += 1;
            yield result.Error ? { err: new Error(result.Error) } : {};
          }
        } catch (error) {
          // A run that met problems ends with one more, in the trailer, summing them up: the lines said them all.
          if (!(error instanceof KuboRefusal && problems > 0)) throw error;
        }
      } finally {
        release();
      }
    },
    holdAgainstGc: (signal) => gcGuard.hold(signal),
    async addBytes(bytes) {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(bytes)]), 'bytes');
      const params = { 'cid-version': '1', 'raw-leaves': 'true', pin: 'false' };
      return CID.parse((await call<{ Hash: string }>('add', params, { body })).Hash);
    },
  };
}

function failure(error: unknown, command: string, options: CallOptions): AppError {
  return callFailure(error, {
    command,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    what: options.what,
    signal: options.signal,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
