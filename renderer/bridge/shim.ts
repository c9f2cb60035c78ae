import { fail, type Result } from '../../shared/errors';
import type { CairnApi } from '../../shared/ipc/api';
import { isEventName, type EventName } from '../../shared/ipc/channels';
import type { Events } from '../../shared/ipc/contract';
import { encodeRequest } from '../../shared/ipc/wire';
import { previewPath } from '../../shared/preview';

const TOKEN_KEY = 'cairn-bridge-token';
const PREFIX = '/__cairn/';

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
  // Requests wait for the event stream, so that no progress event is sent before it can arrive.
  const eventsOpen = openEvents(headers, (event, payload) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
  });

  async function post(route: string, body: unknown): Promise<Response> {
    await eventsOpen;
    return fetch(PREFIX + route, { method: 'POST', headers, body: encodeRequest(body) });
  }

  return {
    async invoke(channel, request) {
      try {
        const response = await post(`invoke/${channel}`, request);
        if (!response.ok) return fail('FORBIDDEN', `The bridge refused the request: ${await response.text()}`);
        return (await response.json()) as Result<never>;
      } catch (error) {
        return fail('INTERNAL', `The bridge did not answer: ${String(error)}`);
      }
    },
    async cancel(opId) {
      await post('cancel', opId);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    grantForFile: () => Promise.resolve(null),
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

async function openEvents(
  headers: Record<string, string>,
  deliver: <E extends EventName>(event: E, payload: Events[E]) => void,
): Promise<void> {
  const response = await fetch(`${PREFIX}events`, { method: 'POST', headers });
  if (!response.ok || !response.body) throw new Error(`event stream refused: ${response.status}`);
  void readLines(response.body, (line) => {
    const message = JSON.parse(line) as { event: string; payload: unknown };
    if (isEventName(message.event)) deliver(message.event, message.payload as never);
  });
}

async function readLines(body: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  }
}
