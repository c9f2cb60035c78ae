import { mkdtemp, rm } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import type { Dispatcher } from '../../electron/ipc/dispatch';
import { createEventHub, type EventHub } from '../../electron/ipc/event-hub';
import type { EventSink } from '../../electron/ipc/types';
import { ok } from '../../shared/errors';
import { until } from '../harness/until';

interface Stream {
  events: { event: string; payload: { folder?: string; opId?: string } }[];
  request: ClientRequest;
}

/** The real bridge over real HTTP; its dispatcher only sends the caller one progress event, and its hub says when a stream left it. */
describe("the bridge's event streams", () => {
  let bridge: Bridge;
  let rendererDir: string;
  const hub = createEventHub();
  const left: EventSink[] = [];
  const watchedHub: EventHub = {
    send: (event, payload) => hub.send(event, payload),
    add(sink) {
      const remove = hub.add(sink);
      return () => {
        left.push(sink);
        remove();
      };
    },
  };
  const dispatcher: Dispatcher = {
    dispatch(_channel, _payload, sink) {
      sink.send('op.progress', { opId: 'op-1', bytes: 1, totalBytes: 1 });
      return Promise.resolve(ok(null));
    },
    cancel: () => undefined,
  };

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'cairn-renderer-'));
    bridge = await startBridge({
      dispatcher,
      hub: watchedHub,
      rendererDir,
      preview: () => Promise.resolve(new Response(null, { status: 404 })),
      receiveFile: { open: () => Promise.reject(new Error('unused')), fill: () => Promise.resolve() },
    });
  });
  afterAll(async () => {
    await bridge.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  const headers = (client: string) => ({
    Host: new URL(bridge.origin).host,
    Origin: bridge.origin,
    Authorization: `Bearer ${bridge.token}`,
    'X-Cairn-Client': client,
  });

  function post(path: string, client: string): Promise<number> {
    return fetch(`${bridge.origin}${path}`, { method: 'POST', headers: headers(client), body: '{}' }).then(
      (reply) => reply.status,
    );
  }

  function openStream(client: string): Promise<Stream> {
    const { port } = new URL(bridge.origin);
    return new Promise((resolve, reject) => {
      const stream: Stream = { events: [], request: undefined as never };
      stream.request = request(
        { host: '127.0.0.1', port, path: '/__cairn/events', method: 'POST', headers: headers(client) },
        (res) => {
          let rest = '';
          res.setEncoding('utf8').on('data', (chunk: string) => {
            const lines = (rest + chunk).split('\n');
            rest = lines.pop() ?? '';
            for (const line of lines) if (line) stream.events.push(JSON.parse(line) as Stream['events'][number]);
          });
          resolve(stream);
        },
      );
      stream.request.on('error', reject).end();
    });
  }

  /** Sends `marker` to every page, and waits until each of `streams` has it. */
  async function broadcast(marker: number, ...streams: Stream[]): Promise<void> {
    hub.send('files.changed', { folder: `/${marker}` });
    await until(`event ${marker} arrives`, () => streams.every((stream) => count(stream, marker) > 0), 3_000);
  }
  const count = (stream: Stream, marker: number) =>
    stream.events.filter((e) => e.payload.folder === `/${marker}`).length;

  it('a client that opens its stream again, before the old one is seen to close, gets every event once, and keeps getting them', async () => {
    const old = await openStream('client-a');
    const again = await openStream('client-a');
    await broadcast(1, again, old);
    // Anything sent twice has arrived by the time the next event has.
    await broadcast(2, again, old);
    expect(count(again, 1)).toBe(1);
    expect(count(old, 1)).toBe(1);

    old.request.destroy();
    await until('the old stream left the hub', () => left.length === 1, 3_000);
    await broadcast(3, again);
    expect(await post('/__cairn/invoke/node.status', 'client-a')).toBe(200);
    await until('its progress arrives', () => again.events.some((e) => e.payload.opId === 'op-1'), 3_000);
    again.request.destroy();
  });
});
