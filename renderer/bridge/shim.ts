import { fail, type Result } from '../../shared/errors';
import type { CairnApi } from '../../shared/ipc/api';
import { isEventName, type EventName } from '../../shared/ipc/channels';
import type { Events } from '../../shared/ipc/contract';
import { encodeRequest } from '../../shared/ipc/wire';
import { previewPath } from '../../shared/preview';
import { refusalCode } from './refusal-code';

const TOKEN_KEY = 'cairn-bridge-token';
const PREFIX = '/__cairn/';
const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 2_000;

/**
 * `window.cairn` for a plain browser, on top of the loopback test bridge that served this page.
 * The token arrives in the URL fragment once, is kept for this tab only and removed from the URL.
 */
export function createBridgeApi(): CairnApi | null {
  const token = takeToken();
  if (!token) return null;
  const headers = {
    Authorization: `Bearer ${token}`,
    'X-Cairn-Client': crypto.randomUUID(),
  };
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const connection = connectionState();
  // Requests wait for the event stream, so that no progress event is sent before it can arrive.
  let eventsOpen = followEvents();
  let retryMs = FIRST_RETRY_MS;

  /**
   * Opens the event stream; when it cannot open or closes (the bridge stopped), the connection is
   * lost and the stream is opened again, less and less often, until the bridge answers.
   */
  function followEvents(): Promise<void> {
    const lost = () => {
      connection.set(false);
      setTimeout(() => {
        eventsOpen = followEvents();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
    };
    const opened = openEvents(
      headers,
      (event, payload) => {
        for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
      },
      lost,
    );
    opened.then(() => {
      retryMs = FIRST_RETRY_MS;
      connection.set(true);
    }, lost);
    // A request made meanwhile goes ahead and fails on its own.
    return opened.catch(() => undefined);
  }

  async function post(route: string, body: BodyInit, extraHeaders: Record<string, string> = {}): Promise<Response> {
    await eventsOpen;
    try {
      const response = await fetch(PREFIX + route, { method: 'POST', headers: { ...headers, ...extraHeaders }, body });
      connection.set(true);
      return response;
    } catch (error) {
      connection.set(false);
      throw error;
    }
  }

  /**
   * The File itself is the body of an XMLHttpRequest, not of a fetch: Chromium then has its network
   * process read the file from disk, where a fetch pumps the File, as a Blob, through the browser
   * process. A 20 MiB drop cost Chromium about 50 ms of CPU this way against 90 to 150 by fetch, and
   * on two cores that CPU is taken from the upload running meanwhile.
   */
  function sendFileBody(route: string, file: File): void {
    const request = new XMLHttpRequest();
    request.open('POST', PREFIX + route);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.send(file);
  }

  return {
    async invoke(channel, request) {
      try {
        const response = await post(`invoke/${channel}`, encodeRequest(request));
        if (!response.ok)
          return fail(refusalCode(response.status), `The bridge refused the request: ${await response.text()}`);
        return (await response.json()) as Result<never>;
      } catch (error) {
        return fail('BACKEND_UNREACHABLE', `The bridge did not answer: ${String(error)}`);
      }
    },
    async cancel(opId) {
      await post('cancel', encodeRequest(opId));
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnection: connection.listen,
    grantForFile: () => Promise.resolve(null),
    async sendFile(file) {
      const id = crypto.randomUUID();
      // Not awaited: the bytes go at once, and the upload reads them as they arrive; if they stop,
      // main fails the upload, whose row says so.
      sendFileBody(`file/${id}/bytes`, file);
      const announced = await post(`file/${id}`, '', {
        'X-Cairn-File-Name': encodeURIComponent(file.name),
        'X-Cairn-File-Size': String(file.size),
      });
      if (!announced.ok) throw new Error(`The bridge refused ${file.name}: ${await announced.text()}`);
      return ((await announced.json()) as { grant: string }).grant;
    },
    copyText: (text) => navigator.clipboard.writeText(text),
    previewUrl: (cid, name) => `${previewPath(cid, name)}&token=${encodeURIComponent(token)}`,
  };
}

function takeToken(): string | null {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Opens the stream; resolves once it is open; `closed` is called when it ends or breaks after that. */
async function openEvents(
  headers: Record<string, string>,
  deliver: <E extends EventName>(event: E, payload: Events[E]) => void,
  closed: () => void,
): Promise<void> {
  const response = await fetch(`${PREFIX}events`, { method: 'POST', headers });
  if (!response.ok || !response.body) throw new Error(`event stream refused: ${response.status}`);
  void readLines(response.body, (line) => {
    const message = JSON.parse(line) as { event: string; payload: unknown };
    if (isEventName(message.event)) deliver(message.event, message.payload as never);
  })
    .catch(() => undefined)
    .then(closed);
}

/** Whether the bridge answers, told to listeners when it changes. */
function connectionState() {
  let connected = true;
  const listeners = new Set<(connected: boolean) => void>();
  return {
    set: (now: boolean) => {
      if (now === connected) return;
      connected = now;
      for (const listener of listeners) listener(now);
    },
    listen: (listener: (connected: boolean) => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function readLines(body: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  }
}
