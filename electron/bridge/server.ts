import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { resolve } from 'node:path';
import type { Dispatcher } from '../ipc/dispatch';
import type { EventHub } from '../ipc/event-hub';
import type { EventSink } from '../ipc/types';
import { MAX_INLINE_BYTES } from '../../shared/ipc/limits';
import { decodeRequest } from '../../shared/ipc/wire';
import { PREVIEW_PREFIX } from '../../shared/preview';
import { rendererCsp } from '../shell/renderer-csp';
import { checkBridgeRequest, type BridgeAccess } from './access';
import { createBodyBudget } from './body-budget';
import type { FileReceiver } from './receive-file';
import { serveStatic } from './static-files';

/** Room for the largest inline upload (64 MiB, as bytes) and the JSON naming its files. */
export const MAX_BODY_BYTES = MAX_INLINE_BYTES + 16 * 1024 * 1024;
/** Two of the largest bodies in memory at once; parallel drops past that wait their turn, unread. */
export const BODY_BUDGET_BYTES = 2 * MAX_BODY_BYTES;
export const MAX_WAITING_BODIES = 32;
export const BRIDGE_PREFIX = '/__cairn/';

export interface Bridge {
  /** Where a browser opens the app: the token rides in the fragment, which never reaches a server. */
  appUrl: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The development and test bridge: the handler table of the Electron app, served on 127.0.0.1 to
 * the renderer running in a plain browser. Never part of a packaged build.
 */
export async function startBridge(options: {
  dispatcher: Dispatcher;
  hub: EventHub;
  rendererDir: string;
  /** Answers the preview route (PREVIEW_PREFIX), the same function as Electron's app:// route. */
  preview: (url: URL, range: string | null) => Promise<Response>;
  /** Takes dropped files: announced first for a grant, their bytes streamed to disk after. */
  receiveFile: FileReceiver;
  /** The address and token of a bridge that stopped, for pages still open on it to reconnect; new ones otherwise. */
  reopen?: Pick<Bridge, 'origin' | 'token'>;
}): Promise<Bridge> {
  const { dispatcher, hub } = options;
  const rendererDir = resolve(options.rendererDir);
  const token = options.reopen?.token ?? randomBytes(32).toString('base64url');
  const clients = new Map<string, ServerResponse>();
  const access: BridgeAccess = { token, origin: '' };
  const bodies = createBodyBudget(BODY_BUDGET_BYTES, MAX_WAITING_BODIES);

  const write = (stream: ServerResponse | undefined, event: string, payload: unknown) =>
    stream?.write(`${JSON.stringify({ event, payload })}\n`);
  /** A request's own events (its progress) go to its client's newest stream. */
  const sinkFor = (clientId: string | undefined): EventSink => ({
    send: (event, payload) => write(clientId ? clients.get(clientId) : undefined, event, payload),
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const refusal = checkBridgeRequest(
      { host: req.headers.host, origin: req.headers.origin, authorization: req.headers.authorization },
      access,
    );
    if (refusal) {
      res.writeHead(refusal.status, { 'Content-Type': 'text/plain' }).end(refusal.reason);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const clientId = headerValue(req.headers['x-cairn-client']);
    if (route === 'events') {
      if (!clientId) {
        res.writeHead(400).end('x-cairn-client header required');
        return;
      }
      openEventStream(clientId, res);
      return;
    }
    // A dropped file's bytes go to disk as they come, never held here: no body budget.
    const file = /^file\/([0-9a-f-]{36})(\/bytes)?$/.exec(route);
    if (file?.[1]) {
      await receiveFile(req, res, file[1], file[2] !== undefined);
      return;
    }
    const declared = declaredSize(req);
    if (declared > MAX_BODY_BYTES) {
      res.writeHead(413, { 'Content-Type': 'text/plain' }).end(`request body over ${MAX_BODY_BYTES} bytes`);
      return;
    }
    // The body stays reserved until the answer is sent: the handler holds its bytes until then.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const turn = bodies.reserve(declared, gone.signal);
    if (turn === 'busy') {
      res
        .writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' })
        .end('The bridge is busy: too many large requests at once. Try again in a moment.');
      return;
    }
    const release = await turn;
    try {
      await answer(req, res, route, clientId);
    } finally {
      release();
    }
  }

  /**
   * A dropped file is sent as two requests at once, under an id the page chose: `file/<id>`
   * announces it by name and size, answered with its grant at once; `file/<id>/bytes` carries its
   * bytes, which its upload reads as they arrive.
   */
  async function receiveFile(req: IncomingMessage, res: ServerResponse, id: string, bytes: boolean): Promise<void> {
    if (bytes) {
      await options.receiveFile.fill(id, req);
      res.writeHead(204).end();
      return;
    }
    const size = Number(headerValue(req.headers['x-cairn-file-size']));
    if (!Number.isSafeInteger(size) || size < 0) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('X-Cairn-File-Size header required');
      return;
    }
    if (size > MAX_INLINE_BYTES) {
      res.writeHead(413, { 'Content-Type': 'text/plain' }).end(`file over ${MAX_INLINE_BYTES} bytes`);
      return;
    }
    const name = decodeURIComponent(headerValue(req.headers['x-cairn-file-name']) ?? '');
    const grant = await options.receiveFile.open(id, name, size);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ grant }));
  }

  async function answer(req: IncomingMessage, res: ServerResponse, route: string, clientId: string | undefined) {
    const body = decodeRequest(await readBody(req));
    if (route === 'cancel') {
      dispatcher.cancel(body);
      res.writeHead(204).end();
      return;
    }
    if (route.startsWith('invoke/')) {
      const result = await dispatcher.dispatch(route.slice('invoke/'.length), body, sinkFor(clientId));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
      return;
    }
    res.writeHead(404).end();
  }

  function openEventStream(clientId: string, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' });
    res.write('\n');
    clients.set(clientId, res);
    // Events for every page go to this stream itself: one sink per stream, whatever its client id.
    const unsubscribe = hub.add({ send: (event, payload) => write(res, event, payload) });
    res.on('close', () => {
      unsubscribe();
      // A stream the client opened again meanwhile (its reader saw this one end first) stays its stream.
      if (clients.get(clientId) === res) clients.delete(clientId);
    });
  }

  /**
   * Previews are loaded by <img>, <video> and frames, which cannot send the Authorization header:
   * the token rides in the query instead, and only this read-only route takes it there.
   */
  async function handlePreview(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const refusal = checkBridgeRequest(
      { host: req.headers.host, origin: access.origin, authorization: `Bearer ${url.searchParams.get('token') ?? ''}` },
      access,
    );
    const site = headerValue(req.headers['sec-fetch-site']);
    if (refusal || (site !== undefined && site !== 'same-origin')) {
      res.writeHead(refusal?.status ?? 403, { 'Content-Type': 'text/plain' }).end(refusal?.reason ?? 'cross-site');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const answer = await options.preview(url, headerValue(req.headers.range) ?? null);
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (req.method === 'HEAD' || !answer.body) {
      await answer.body?.cancel();
      res.end();
      return;
    }
    await pipeline(Readable.fromWeb(answer.body as never), res).catch(() => res.destroy());
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const path = url.pathname;
    const work = path.startsWith(PREVIEW_PREFIX)
      ? handlePreview(req, res, url)
      : path.startsWith(BRIDGE_PREFIX)
        ? handleApi(req, res, path.slice(BRIDGE_PREFIX.length))
        : serveStatic(rendererDir, path, res, rendererCsp(access.origin));
    work.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(message);
    });
  });

  const port = options.reopen ? Number(new URL(options.reopen.origin).port) : 0;
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  access.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    appUrl: `${access.origin}/#token=${token}`,
    origin: access.origin,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const stream of clients.values()) stream.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The body size a request declares; a chunked one (no Content-Length) may be as large as allowed. */
function declaredSize(req: IncomingMessage): number {
  const length = Number(req.headers['content-length']);
  return Number.isSafeInteger(length) && length >= 0 ? length : MAX_BODY_BYTES;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
