import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to one request instead of (or before) passing it on. */
export type Fault =
  | { kind: 'rate-limit'; retryAfter: string }
  | { kind: 'server-error'; status: number }
  | { kind: 'html-page'; status: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'hang-up' }
  /** Passed on at once, its answer held back `ms`: the target acted, the client hears late (or gave up). */
  | { kind: 'late-answer'; ms: number }
  /** Passed on; once the target answered in full, the connection is dropped: it acted, the client never hears. */
  | { kind: 'lost-answer' }
  /** Passed on; the target's answer is replaced by this one: it acted, the client reads something else. */
  | { kind: 'answer-replaced'; status: number; contentType: string; body: string }
  /** Answered with a redirect to `location` instead of being passed on. */
  | { kind: 'redirect'; status: number; location: string }
  /** A list of pins answered with at most `limit` results, whatever was asked: a service's own page size. */
  | { kind: 'short-page'; limit: number };

export interface FaultProxy {
  url: string;
  /**
   * Applies `fault` to the next `times` requests, after the faults already waiting; with `where`, to
   * the next requests it names only: a path (`/api/v0/add`), a method and path (`POST /pins`), or a
   * method and a path prefix ending in `*` (`DELETE /pins/*`).
   */
  inject(fault: Fault, times?: number, where?: string): void;
  /** Drops the faults still waiting: every request passes from now on. */
  clear(): void;
  /**
   * Passes the next request `where` names (as `inject` reads it) on and keeps its answer from the
   * client: resolves once the target has answered it in full, the client still waiting (a moment to
   * kill the client at).
   */
  hold(where: string): Promise<void>;
  /** Resolves once no request is in the proxy: every one passed on has been answered or dropped. */
  idle(): Promise<void>;
  /** Every request seen: when, and what was done with it. */
  seen: { at: number; method: string; path: string; fault: Fault['kind'] | 'passed' | 'held' }[];
  stop(): Promise<void>;
}

/**
 * A loopback server of the tests' own in front of a pinning service, for what the real peer never
 * does: rate limits with Retry-After, 5xx, slow answers, HTML error pages, dropped connections,
 * pages shorter than asked for.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const faults: { fault: Fault; where: string | undefined }[] = [];
  const seen: FaultProxy['seen'] = [];
  const holds: { where: string; answered: () => void }[] = [];
  let inside = 0;
  let idlers: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    inside += 1;
    res.on('close', () => {
      inside -= 1;
      if (inside > 0) return;
      for (const idler of idlers) idler();
      idlers = [];
    });
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const heldAt = holds.findIndex((hold) => names(hold.where, req.method ?? '', pathname));
    const held = heldAt === -1 ? undefined : holds.splice(heldAt, 1)[0];
    if (held) {
      seen.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', fault: 'held' });
      const onward = forward(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => answer.on('end', held.answered).resume(),
      );
      req.pipe(onward);
      return;
    }
    const at = faults.findIndex((waiting) => names(waiting.where, req.method ?? '', pathname));
    const fault = at === -1 ? undefined : faults.splice(at, 1)[0]?.fault;
    seen.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', fault: fault?.kind ?? 'passed' });
    if (fault?.kind === 'rate-limit') {
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': fault.retryAfter });
      res.end(JSON.stringify({ error: { reason: 'RATE_LIMITED', details: 'slow down' } }));
      return;
    }
    if (fault?.kind === 'server-error') {
      res.writeHead(fault.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { reason: 'INTERNAL_SERVER_ERROR' } }));
      return;
    }
    if (fault?.kind === 'html-page') {
      res.writeHead(fault.status, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><h1>Bad Gateway</h1><p>cloud proxy error</p></body></html>');
      return;
    }
    if (fault?.kind === 'hang-up') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(fault.status, { Location: fault.location });
      res.end();
      return;
    }
    const pass = () => {
      const path = fault?.kind === 'short-page' ? withLimit(req.url ?? '/', fault.limit) : req.url;
      const onward = forward(
        { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers },
        (answer) => {
          if (fault?.kind === 'lost-answer') {
            answer.on('end', () => req.socket.destroy()).resume();
            return;
          }
          if (fault?.kind === 'answer-replaced') {
            answer.on('end', () => {
              res.writeHead(fault.status, { 'Content-Type': fault.contentType });
              res.end(fault.body);
            });
            answer.resume();
            return;
          }
          const answerNow = () => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          };
          if (fault?.kind === 'late-answer') setTimeout(answerNow, fault.ms);
          else answerNow();
        },
      );
      onward.on('error', () => res.destroy());
      req.pipe(onward);
    };
    if (fault?.kind === 'slow') setTimeout(pass, fault.ms);
    else pass();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    inject(fault, times = 1, where) {
      for (let i = 0; i < times; i++) faults.push({ fault, where });
    },
    clear() {
      faults.length = 0;
    },
    hold(where) {
      return new Promise((answered) => holds.push({ where, answered }));
    },
    idle: () => (inside === 0 ? Promise.resolve() : new Promise((resolve) => idlers.push(resolve))),
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** True when `where` (a path, `METHOD /path`, or `METHOD /prefix*`; none: any) names this request. */
function names(where: string | undefined, method: string, pathname: string): boolean {
  if (where === undefined) return true;
  const [first = '', second] = where.split(' ');
  const [wanted, path] = second === undefined ? [method, first] : [first, second];
  if (wanted !== method) return false;
  return path.endsWith('*') ? pathname.startsWith(path.slice(0, -1)) : pathname === path;
}

/** The same `GET /pins` asking for at most `limit` results; any other request as it was. */
function withLimit(path: string, limit: number): string {
  const url = new URL(path, 'http://127.0.0.1');
  if (url.pathname !== '/pins') return path;
  url.searchParams.set('limit', String(limit));
  return `${url.pathname}${url.search}`;
}
