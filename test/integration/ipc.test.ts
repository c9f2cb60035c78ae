import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink } from '../../electron/ipc/types';
import type { EventName } from '../../shared/ipc/channels';
import type { Events } from '../../shared/ipc/contract';
import { SETTINGS_VERSION } from '../../shared/settings-options';
import { startKubo, type TestKubo } from '../harness/kubo';
import { startTestHost, type TestHost } from '../harness/host';

function recordingSink() {
  const events: { event: EventName; payload: Events[EventName] }[] = [];
  const sink: EventSink = { send: (event, payload) => events.push({ event, payload }) };
  return { sink, events };
}

// The handler table behind window.cairn, driven the way Electron IPC and the bridge drive it.
describe('IPC dispatch', () => {
  let node: TestKubo;
  let host: TestHost;

  beforeAll(async () => {
    node = await startKubo();
    host = await startTestHost(node);
  });
  afterAll(async () => {
    await host.stop();
    await node.stop();
  });

  it.each([
    ['a missing opId', { source: { kind: 'bytes', name: 'a.txt', data: new Uint8Array(1) } }],
    [
      'a path as a file name',
      { opId: 'op-12345678', source: { kind: 'bytes', name: '../a.txt', data: new Uint8Array(1) } },
    ],
    ['a string where bytes belong', { opId: 'op-12345678', source: { kind: 'bytes', name: 'a.txt', data: 'AAAA' } }],
    ['an unknown field', { opId: 'op-12345678', source: { kind: 'path', path: '/tmp/x' }, extra: true }],
    ['no payload at all', undefined],
  ])('answers a malformed files.add (%s) with a validation error', async (_case, payload) => {
    const result = await host.dispatcher.dispatch('files.add', payload, recordingSink().sink);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.message).toMatch(/^Invalid request for files\.add: /);
    }
  });

  it('refuses an unknown channel', async () => {
    const result = await host.dispatcher.dispatch('node.format', {}, recordingSink().sink);
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'No such channel: node.format' } });
  });

  it('adds bytes, sends throttled progress to the requesting sink, and ends on the full size', async () => {
    const { sink, events } = recordingSink();
    const data = randomBytes(5 * 1024 * 1024);
    const result = await host.dispatcher.dispatch(
      'files.add',
      { opId: 'add-progress-1', source: { kind: 'bytes', name: 'five.bin', data } },
      sink,
    );
    expect(result.ok).toBe(true);
    const expected = (await node.client.add(data, { onlyHash: true })).cid.toString();
    expect(result.ok && result.data).toEqual({ cid: expected, name: 'five.bin', size: data.byteLength });
    const progress = events.filter((e) => e.event === 'op.progress').map((e) => e.payload as Events['op.progress']);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.opId === 'add-progress-1' && p.totalBytes === data.byteLength)).toBe(true);
    expect(progress.at(-1)?.bytes).toBe(data.byteLength);
  });

  it('refuses a second operation with the opId of one still running', async () => {
    const data = randomBytes(16 * 1024 * 1024);
    const first = host.dispatcher.dispatch(
      'files.add',
      { opId: 'add-twice-1', source: { kind: 'bytes', name: 'a.bin', data } },
      recordingSink().sink,
    );
    const second = await host.dispatcher.dispatch(
      'files.add',
      { opId: 'add-twice-1', source: { kind: 'bytes', name: 'b.bin', data } },
      recordingSink().sink,
    );
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/already running/) as string },
    });
    expect((await first).ok).toBe(true);
  });

  it('cancels an operation by its opId', async () => {
    const data = randomBytes(48 * 1024 * 1024);
    const sink: EventSink = { send: () => host.dispatcher.cancel('add-cancel-1') };
    const result = await host.dispatcher.dispatch(
      'files.add',
      { opId: 'add-cancel-1', source: { kind: 'bytes', name: 'big.bin', data } },
      sink,
    );
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } });
  });

  it('persists a settings change atomically and returns the new settings', async () => {
    const result = await host.dispatcher.dispatch(
      'settings.update',
      { theme: 'dark', node: { offline: true } },
      recordingSink().sink,
    );
    expect(result).toMatchObject({ ok: true, data: { theme: 'dark', node: { offline: true } } });
    const stored = JSON.parse(await readFile(join(host.dataDir, 'settings.json'), 'utf8')) as {
      theme: string;
      version: number;
    };
    expect(stored).toMatchObject({ theme: 'dark', version: SETTINGS_VERSION });
    const bad = await host.dispatcher.dispatch('settings.update', { theme: 'purple' }, recordingSink().sink);
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
  });

  it('opens only http(s) links', async () => {
    const refused = await host.dispatcher.dispatch(
      'shell.openExternal',
      { url: 'file:///etc/passwd' },
      recordingSink().sink,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
