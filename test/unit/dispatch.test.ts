import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/ipc/dispatch';
import type { EventSink, Handlers, OpContext } from '../../electron/ipc/types';
import { createLogger } from '../../electron/services/log';
import type { Events } from '../../shared/ipc/contract';
import { wordsFor } from '../../renderer/app/failure-words';

const emptyGc = {
  removedBlocks: 0,
  freedBytes: 0,
  unreadableBlocks: 0,
  undeletedBlocks: 0,
  problemCount: 0,
  problems: [],
};

/** The dispatcher with one long operation of our own, on the `node.gc` channel (which takes an opId). */
function dispatcherWith(gc: (op: OpContext) => Promise<typeof emptyGc>) {
  // Only the channel under test is called; the rest of the table is never reached.
  const handlers = { 'node.gc': (_request: unknown, op: OpContext) => gc(op) } as unknown as Handlers;
  return createDispatcher(handlers, createLogger('test'));
}

function recordingSink() {
  const progress: Events['op.progress'][] = [];
  const sink: EventSink = {
    send: (event, payload) => {
      if (event === 'op.progress') progress.push(payload as Events['op.progress']);
    },
  };
  return { sink, progress };
}

describe('long operations in the dispatcher', () => {
  it('sends throttled progress to the requesting sink only, ending on the last report', async () => {
    const dispatcher = dispatcherWith(async (op) => {
      for (let bytes = 1; bytes <= 1000; bytes++) op.progress(bytes, 1000);
      await Promise.resolve();
      return emptyGc;
    });
    const { sink, progress } = recordingSink();
    const other = recordingSink();
    expect(await dispatcher.dispatch('node.gc', { opId: 'op-progress-1' }, sink)).toEqual({ ok: true, data: emptyGc });
    expect(progress.length).toBeLessThan(10);
    expect(progress.at(-1)).toEqual({ opId: 'op-progress-1', bytes: 1000, totalBytes: 1000 });
    expect(other.progress).toEqual([]);
  });

  it('says the stage a report counts, when it has one, and ends on the stage last reported', async () => {
    const dispatcher = dispatcherWith(async (op) => {
      op.progress(1000, 1000);
      for (let bytes = 0; bytes <= 1000; bytes++) op.progress(bytes, 1000, { stage: 'node-copy' });
      await Promise.resolve();
      return emptyGc;
    });
    const { sink, progress } = recordingSink();
    await dispatcher.dispatch('node.gc', { opId: 'op-progress-stage' }, sink);
    expect(progress[0]).toEqual({ opId: 'op-progress-stage', bytes: 1000, totalBytes: 1000 });
    expect(progress.at(-1)).toEqual({ opId: 'op-progress-stage', bytes: 1000, totalBytes: 1000, stage: 'node-copy' });
  });

  it('refuses a second operation with the opId of one still running, and cancels by opId', async () => {
    const dispatcher = dispatcherWith(
      (op) =>
        new Promise((_resolve, reject) => {
          op.signal.addEventListener('abort', () => reject(new Error('stopped')));
        }),
    );
    const first = dispatcher.dispatch('node.gc', { opId: 'op-twice-1' }, recordingSink().sink);
    expect(await dispatcher.dispatch('node.gc', { opId: 'op-twice-1' }, recordingSink().sink)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/already running/) as string },
    });
    dispatcher.cancel('op-twice-1');
    expect(await first).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } });
  });
});

describe('validation in the dispatcher', () => {
  // No handler is reached: every request below is refused by its schema first.
  const dispatcher = createDispatcher({} as Handlers, createLogger('test'));
  const refused = { ok: false, error: { code: 'VALIDATION' } };

  it('refuses text that is not a URL where settings, services and gateway checks want one', async () => {
    const gateway = { id: 'gw', name: 'Gateway', url: 'not a url', style: 'path', enabled: true };
    const service = { name: 'Service', preset: 'custom', endpoint: 'https://[', token: 't' };
    const requests: [string, unknown][] = [
      ['settings.update', { share: { gateways: [gateway] } }],
      ['share.checkGateway', { gateway: { url: 'http://', style: 'path' } }],
      ['pins.saveService', { service }],
      ['pins.testService', { service: { ...service, endpoint: 'nope' } }],
    ];
    for (const [channel, payload] of requests) {
      expect(await dispatcher.dispatch(channel, payload, recordingSink().sink)).toMatchObject(refused);
    }
  });

  it('turns a schema that throws into a refusal, never a rejection', async () => {
    const hostile = {
      get theme(): string {
        throw new Error('a getter that throws');
      },
    };
    expect(await dispatcher.dispatch('settings.update', hostile, recordingSink().sink)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/a getter that throws/) as string },
    });
  });
});

describe('a request refused by its schema', () => {
  const profile = { name: 'Lab', url: 'http://127.0.0.1:5001', auth: 'none', username: '', secret: '', headers: [] };
  const service = { name: 'Lab', preset: 'pinata', endpoint: 'https://api.pinata.cloud/psa', token: 't' };
  const rpcWords =
    'This is not an RPC address: enter an http(s) URL like http://127.0.0.1:5001 (credentials go under Authentication) or a multiaddr like /ip4/127.0.0.1/tcp/5001.';
  const endpointWords =
    'This is not a pinning service address: enter an https URL such as https://api.pinata.cloud/psa (plain http only on 127.0.0.1), without credentials or query.';

  it.each([
    ['node.saveProfile', { profile: { ...profile, url: 'ftp://x' } }, 'profile.url', rpcWords],
    ['node.saveProfile', { profile: { ...profile, url: 'localhost:5001' } }, 'profile.url', rpcWords],
    ['node.saveProfile', { profile: { ...profile, url: 'http://' } }, 'profile.url', rpcWords],
    ['node.saveProfile', { profile: { ...profile, name: ' ' } }, 'profile.name', 'A name is required.'],
    ['pins.saveService', { service: { ...service, endpoint: 'ftp://x' } }, 'service.endpoint', endpointWords],
    ['pins.saveService', { service: { ...service, endpoint: 'http://' } }, 'service.endpoint', endpointWords],
    [
      'pins.saveService',
      { service: { ...service, endpoint: 'http://pins.example' } },
      'service.endpoint',
      endpointWords,
    ],
    [
      'ipns.publish',
      { key: 'self', value: 'bafkqaaa', lifetimeSeconds: 3600, ttlSeconds: 7200 },
      'ttlSeconds',
      'The TTL cannot be longer than the lifetime.',
    ],
  ])('%s %j names the field and says why, in plain words', async (channel, payload, field, reason) => {
    const result = await dispatcherWith(() => Promise.resolve(emptyGc)).dispatch(
      channel,
      payload,
      recordingSink().sink,
    );
    if (result.ok) throw new Error('accepted');
    expect(result.error.details).toMatchObject({ problem: 'invalid-field', field });
    expect(wordsFor(result.error).reason).toBe(reason);
  });
});
